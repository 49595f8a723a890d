import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoreAuditChain } from '../../../electron/core/audit/verify-chain';
import { DAY } from '../../../electron/core/clock/clock';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { buildReport } from '../../../electron/core/reports/build-report';
import { reportPeriod } from '../../../electron/core/reports/report-period';
import { simulateHistory, type SimulationResult } from '../../../electron/core/simulate/simulate-history';
import { RANDOM_PASSWORD_SCRYPT } from '../../../electron/core/simulate/simulation-staff';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore, type Store } from '../../../electron/core/store/open-store';
import { seededSet } from '../import/export-set-files';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
/** The seeded set's "today" is 22 November 2026; the history ends at noon on the Friday before. */
const UNTIL = Date.UTC(2026, 10, 20, 12);
const DAYS = 14;

async function importedStore(dir: string): Promise<Store> {
  const set = await seededSet(join(dir, 'set'), 'office', 42);
  const store = await openStore({ path: join(dir, 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
  const imported = await importExportSet(store.db, set);
  if (!imported.ok) throw new Error('the seeded office set did not import');
  return store;
}

const history = (store: Store) =>
  store.db.prepare('SELECT id, requester_user_id, crn, scope, urgency, status, created_at, decided_at, decision_route, hub_reason, withdrawn_at FROM requests ORDER BY id').all();
const count = (store: Store, q: string, ...params: unknown[]) => store.db.prepare(q).pluck().get(...params) as number;
const localHour = (at: number) => {
  const d = new TZDate(at, 'Europe/London');
  return { hour: d.getHours() + d.getMinutes() / 60, weekday: d.getDay() };
};

let store: Store;
let result: SimulationResult;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rab-sim-'));
  store = await importedStore(folder);
  result = await simulateHistory(store.engine, { days: DAYS, seed: 3, until: UNTIL });
}, 180_000);
afterAll(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the history simulator', () => {
  it('plays the same history for the same store, seed and end, and another one for another seed', async () => {
    const again = await importedStore(tempDir());
    const replay = await simulateHistory(again.engine, { days: DAYS, seed: 3, until: UNTIL });
    expect(history(again)).toEqual(history(store));
    expect(replay.report).toEqual(result.report);
    again.close();

    const other = await importedStore(tempDir());
    await simulateHistory(other.engine, { days: DAYS, seed: 4, until: UNTIL });
    expect(history(other)).not.toEqual(history(store));
    other.close();
    // Two imports and two fortnights of simulation: allow for a machine busy with other work.
  }, 240_000);

  it('leaves spared staff alone: no account, no requests by them or about their cases, no absences', async () => {
    const spared = await importedStore(tempDir());
    const owner = spared.db.prepare(`SELECT owner_staff_code FROM people WHERE managing_sector = 'NPS' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).pluck().get() as string;
    const practitioner = spared.db.prepare(`SELECT s.code FROM staff s JOIN teams t ON t.code = s.team_code WHERE t.provider_code LIKE 'C%' AND s.grade = 'PO' ORDER BY s.code LIMIT 1`).pluck().get() as string;
    const run = await simulateHistory(spared.engine, { days: DAYS, seed: 3, until: UNTIL, spareStaff: [owner, practitioner] });
    expect(run.counts.requests).toBeGreaterThan(20);
    expect(count(spared, 'SELECT count(*) FROM users WHERE staff_code IN (?, ?)', owner, practitioner)).toBe(0);
    expect(count(spared, 'SELECT count(*) FROM requests WHERE requester_staff_code = ? OR owner_staff_code = ?', practitioner, owner)).toBe(0);
    expect(count(spared, `SELECT count(*) FROM absences WHERE id GLOB 'abs-*' AND staff_code = ?`, owner)).toBe(0);
    spared.close();
  });

  it('acts only through the broker: every request, decision, emergency use and absence it made is audited, and the chain verifies', () => {
    expect(count(store, `SELECT count(*) FROM requests`)).toBe(result.counts.requests);
    expect(count(store, `SELECT count(*) FROM audit_events WHERE action = 'request.create'`)).toBe(result.counts.requests);
    expect(count(store, `SELECT count(*) FROM audit_events WHERE action = 'request.approve'`)).toBe(result.counts.approved);
    expect(count(store, `SELECT count(*) FROM audit_events WHERE action = 'request.deny'`)).toBe(result.counts.denied);
    expect(count(store, `SELECT count(*) FROM audit_events WHERE action = 'emergency.open'`)).toBe(count(store, 'SELECT count(*) FROM emergency_uses'));
    expect(count(store, `SELECT count(*) FROM audit_events WHERE action = 'caseload.recordAbsence'`)).toBe(result.counts.absences);
    expect(count(store, `SELECT count(*) FROM grants WHERE kind = 'REQUEST'`)).toBe(result.counts.approved);
    expect(count(store, `SELECT count(*) FROM notifications`)).toBeGreaterThan(result.counts.requests);
    expect(verifyStoreAuditChain(store.db)).toMatchObject({ ok: true });
  });

  it('keeps everything inside the simulated days, and leaves the office as imported at the end', () => {
    const from = UNTIL - DAYS * DAY;
    expect(count(store, 'SELECT count(*) FROM requests WHERE created_at < ? OR created_at >= ?', from, UNTIL)).toBe(0);
    expect(count(store, 'SELECT count(*) FROM requests WHERE decided_at >= ?', UNTIL)).toBe(0);
    // Absences recorded through the service have generated ids; imported ones keep their ABS- ids.
    expect(count(store, `SELECT count(*) FROM absences WHERE id GLOB 'abs-*'`)).toBe(result.counts.absences);
    expect(count(store, `SELECT count(*) FROM absences WHERE id GLOB 'abs-*' AND (start_at < ? OR end_at > ?)`, from, UNTIL)).toBe(0);
  });

  it('has the hub decide only on shift, and owners only when they are in', () => {
    const hubDecisions = store.db.prepare(`SELECT decided_at FROM requests WHERE decision_route = 'HUB'`).pluck().all() as number[];
    expect(hubDecisions.length).toBeGreaterThan(0);
    for (const at of hubDecisions) {
      const { hour, weekday } = localHour(at);
      if (weekday === 0 || weekday === 6) expect(hour >= 10 && hour < 16).toBe(true);
      else expect(hour >= 8 && hour < 20).toBe(true);
    }
    const ownerDecisionsWhileAway = count(
      store,
      `SELECT count(*) FROM requests r JOIN users u ON u.id = r.decided_by_user_id JOIN absences a ON a.staff_code = u.staff_code
       WHERE r.decision_route = 'OWNER' AND a.start_at <= r.decided_at AND a.end_at > r.decided_at`,
    );
    expect(ownerDecisionsWhileAway).toBe(0);
  });

  it('gives the office a realistic mix: late and missing answers, the hub stepping in, refusals with reasons', () => {
    const { report } = result;
    expect(result.counts.requests).toBeGreaterThan(40);
    expect(report.outcomes.total).toBe(result.counts.requests);
    expect(report.fallback.reasons.find((f) => f.reason === 'DEADLINE_MISSED')!.count).toBeGreaterThan(0);
    expect(report.fallback.reasons.find((f) => f.reason === 'OWNER_ABSENT')!.count).toBeGreaterThan(0);
    expect(report.sla.overall.breached).toBeGreaterThan(0);
    expect(report.sla.overall.met).toBeGreaterThan(report.sla.overall.breached);
    expect(report.outcomes.refusalReasons.filter((r) => r.count > 0).length).toBeGreaterThan(1);
    expect(report.waitTimes.byRoute.find((w) => w.route === 'OWNER')!.count).toBeGreaterThan(0);
    expect(report.waitTimes.byRoute.find((w) => w.route === 'HUB')!.count).toBeGreaterThan(0);
    expect(report.grants.totalActive).toBeGreaterThan(0);
  });

  it('reports the simulated days with buildReport, as the screen would', async () => {
    const period = reportPeriod('2026-11-06', '2026-11-20', UNTIL, 'Europe/London');
    expect(result.report.period).toEqual(period);
    expect(result.report).toEqual(await buildReport(store.engine, period, { generatedAt: UNTIL }));
  });

  it('gives accounts to the staff who take part, once', async () => {
    expect(result.accountsCreated).toBeGreaterThan(20);
    expect(count(store, `SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'hub'`)).toBeGreaterThan(0);
    const owners = count(store, `SELECT count(DISTINCT owner_staff_code) FROM people p JOIN staff s ON s.code = p.owner_staff_code JOIN teams t ON t.code = s.team_code JOIN providers v ON v.code = t.provider_code WHERE v.sector = 'NPS' AND s.active = 1`);
    expect(count(store, `SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'nps-offender-manager'`)).toBe(owners);
    const more = await simulateHistory(store.engine, { days: 1, seed: 3, until: UNTIL + DAY });
    expect(more.accountsCreated).toBe(0);
  });

  it('hashes the random passwords of the accounts it creates lightly, each with a salt of its own', () => {
    const hashes = store.db.prepare(`SELECT password_hash FROM users WHERE staff_code IS NOT NULL`).pluck().all() as string[];
    expect(hashes.length).toBe(result.accountsCreated);
    const { N, r, p } = RANDOM_PASSWORD_SCRYPT;
    for (const h of hashes) expect(h.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
    expect(new Set(hashes.map((h) => h.split('$')[4])).size).toBe(hashes.length);
  });

  it('refuses a number of days outside 1 to 365', async () => {
    await expect(simulateHistory(store.engine, { days: 0, seed: 1, until: UNTIL })).rejects.toThrow('days must be a whole number from 1 to 365');
    await expect(simulateHistory(store.engine, { days: 366, seed: 1, until: UNTIL })).rejects.toThrow('days must be a whole number from 1 to 365');
  });
});
