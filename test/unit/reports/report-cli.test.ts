/**
 * The real `rab` commands in child processes, on a seeded office store with broker activity from
 * `rab simulate`: the CSV files `rab report` writes hold exactly the figures the Reports screen
 * gets from reports.build, and the HTML report stands alone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../../electron/core/clock/clock';
import { createBrokerCore } from '../../../electron/core/rpc/broker-core';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import type { Report } from '../../../shared/contract/reports';
import { reportTables } from '../../../shared/contract/report-tables';
import { TEST_ENGINE } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const BIN = resolve(__dirname, '../../../bin/rab.mjs');
const DAY = 86_400_000;
const PASSWORD = 'report reader passphrase';

function rab(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 240_000 });
  expect(r.stderr, `rab ${args.join(' ')}`).toBe('');
  expect(r.status, `rab ${args.join(' ')}: ${r.stdout}`).toBe(0);
  return r.stdout;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function screenReport(storePath: string, input: { from: string; to: string; breakdown: 'OFFENDER_MANAGER' }): Promise<Report> {
  const store = await openStore({ path: storePath, keyStore: new SystemKeyStore() });
  try {
    const core = createBrokerCore({ db: store.engine, clock: new SystemClock() });
    const conn = core.connect();
    const signedIn = await core.dispatch('auth.signIn', conn, { username: 'report.reader', password: PASSWORD });
    expect(signedIn.ok).toBe(true);
    const r = await core.dispatch('reports.build', conn, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Report;
  } finally {
    store.close();
  }
}

// `rab report --store` builds its own embedded store: the PostgreSQL project has nothing more to run here.
describe.skipIf(TEST_ENGINE === 'postgres')('rab simulate and rab report', () => {
  // Six real `rab` processes do office-scale work (seed, import, 21 simulated days, report): on a
  // loaded shared machine that alone can pass the default minute, so this test gets more time.
  it('writes the figures the Reports screen shows, as CSV per table and one HTML report', { timeout: 300_000 }, async () => {
    const work = tempDir();
    const set = join(work, 'set');
    const storePath = join(work, 'broker.db');
    const out = join(work, 'report');
    const today = Math.floor(Date.now() / DAY) * DAY;
    const period = { from: isoDay(today - 21 * DAY), to: isoDay(today - DAY), breakdown: 'OFFENDER_MANAGER' as const };

    rab(['seed', '--scale', 'office', '--out', set, '--as-of', isoDay(today), '--seed', '42']);
    rab(['import', set, '--store', storePath]);
    const simulated = rab(['simulate', '--store', storePath, '--days', '21', '--seed', '5', '--until', isoDay(today)]);
    expect(simulated).toMatch(/^Simulated 21 days \(seed 5\)/);
    expect(simulated).toContain('Median time to a decision');
    rab(['users', 'add', '--store', storePath, '--username', 'report.reader', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
    const written = rab(['report', '--store', storePath, '--from', period.from, '--to', period.to, '--out', out, '--breakdown', period.breakdown]);
    expect(written).toContain(`Wrote the report for ${period.from} to ${period.to}`);

    const screen = await screenReport(storePath, period);
    expect(screen.outcomes.total).toBeGreaterThan(30);
    const tables = reportTables(screen);
    expect(readdirSync(out).sort()).toEqual([...tables.map((t) => `${t.id}.csv`), 'report.html'].sort());
    for (const t of tables) {
      const rows = parse(readFileSync(join(out, `${t.id}.csv`))) as string[][];
      expect(rows, t.id).toEqual([t.columns, ...t.rows.map((row) => row.map((c) => (c === null ? '' : String(c))))]);
      expect(statSync(join(out, `${t.id}.csv`)).mode & 0o777).toBe(0o600);
    }

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<canvas id="chart-wait-distribution"');
    expect(html).toMatch(/Chart\.js v4/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/X\d{6}/);

    const store = await openStore({ path: storePath, keyStore: new SystemKeyStore() });
    const exports = store.db.prepare(`SELECT actor, details FROM audit_events WHERE action = 'report.export' ORDER BY seq`).all() as { actor: string; details: string }[];
    store.close();
    expect(exports.map((e) => [e.actor, JSON.parse(e.details).format, JSON.parse(e.details).from])).toEqual([
      ['cli', 'CSV', period.from],
      ['cli', 'HTML', period.from],
    ]);

    const again = spawnSync(process.execPath, [BIN, 'report', '--store', storePath, '--from', period.from, '--to', period.to, '--out', out], { encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already holds a report; choose a new folder, or pass --overwrite.');
    await new SystemKeyStore().delete(keychainAccount(storePath));
  });

  it('refuses a period that ends before it starts, writing nothing', () => {
    const work = tempDir();
    const r = spawnSync(process.execPath, [BIN, 'report', '--store', join(work, 'none.db'), '--from', '2026-03-05', '--to', '2026-03-01', '--out', join(work, 'out')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: --to (2026-03-01) is before --from (2026-03-05): the period runs from one day to the same or a later day.\n');
    expect(readdirSync(work)).toEqual([]);
  });
});
