/**
 * `rab simulate --unavailable SHARE --baseline owner-only` prints, from one run, the share of
 * immediate-safety requests decided or opened in an emergency within 30 minutes, with the hub and
 * with owners alone; the baseline leaves the store exactly as the same run without it would.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { openStore } from '../../../electron/core/store/open-store';
import { cliHarness } from '../cli/cli-harness';
import { seededSet } from '../import/export-set-files';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

async function importedStorePath(dir: string, set: string, keyStore: ReturnType<typeof cliHarness>['keyStore']): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'broker.db');
  const store = await openStore({ path, keyStore, create: true });
  const imported = await importExportSet(store.db, set);
  store.close();
  if (!imported.ok) throw new Error('the seeded office set did not import');
  return path;
}

async function historyOf(path: string, keyStore: ReturnType<typeof cliHarness>['keyStore']) {
  const store = await openStore({ path, keyStore, readonly: true });
  try {
    return {
      requests: store.db.prepare('SELECT id, crn, urgency, status, created_at, decided_at, decision_route FROM requests ORDER BY id').all(),
      wholePeriodLeave: store.db.prepare(`SELECT count(*) FROM absences WHERE kind = 'LEAVE' AND start_at <= ? AND end_at >= ?`).pluck().get(Date.UTC(2026, 10, 13), Date.UTC(2026, 10, 19, 23)) as number,
      owners: store.db.prepare(`SELECT count(DISTINCT owner_staff_code) FROM people WHERE managing_sector = 'NPS'`).pluck().get() as number,
    };
  } finally {
    store.close();
  }
}

const FIGURE = /owner, deputies, hub and emergency access \(this history\)\s*│?\s*(\d+\.\d)% \((\d+) of (\d+)\)/;
const BASELINE = /owner only \(baseline, not kept\)\s*│?\s*(\d+\.\d)% \((\d+) of (\d+)\)/;

describe('the mission figure from rab simulate', () => {
  it('compares the hub with owners alone in one run, with a third of owners away, and the baseline changes nothing', async () => {
    const dir = tempDir();
    const set = await seededSet(join(dir, 'set'), 'office', 42);
    const withBaseline = cliHarness();
    const without = cliHarness();
    const a = await importedStorePath(join(dir, 'a'), set, withBaseline.keyStore);
    const b = await importedStorePath(join(dir, 'b'), set, without.keyStore);
    const args = (path: string) => ['simulate', '--store', path, '--days', '7', '--seed', '3', '--until', '2026-11-20', '--unavailable', '33%'];

    const run = await withBaseline.rab([...args(a), '--baseline', 'owner-only']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const hub = FIGURE.exec(run.stdout);
    const owners = BASELINE.exec(run.stdout);
    expect(hub, run.stdout).not.toBeNull();
    expect(owners, run.stdout).not.toBeNull();
    expect(run.stdout).toContain('with 33% of offender managers away');
    const [, hubShare, , hubAsked] = hub!;
    const [, ownerShare, , ownerAsked] = owners!;
    expect(Number(hubAsked)).toBeGreaterThan(0);
    expect(Number(ownerAsked)).toBeGreaterThan(0);
    expect(Number(ownerShare)).toBeLessThan(Number(hubShare));

    const plain = await without.rab(args(b));
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(BASELINE);
    const kept = await historyOf(a, withBaseline.keyStore);
    const reference = await historyOf(b, without.keyStore);
    expect(kept.requests).toEqual(reference.requests);
    // A third of the owners were on leave for the whole week.
    expect(kept.wholePeriodLeave).toBe(Math.round(0.33 * kept.owners));
  }, 300_000);

  it('refuses a share outside 0 to 1 and an unknown baseline, changing nothing', async () => {
    const { rab } = cliHarness();
    for (const bad of [['--unavailable', '1.5'], ['--unavailable', 'a third'], ['--baseline', 'hub-only']]) {
      const r = await rab(['simulate', '--store', join(tempDir(), 'none.db'), '--days', '7', ...bad]);
      expect(r.code, bad.join(' ')).not.toBe(0);
      expect(r.stderr, bad.join(' ')).toMatch(bad[0] === '--unavailable' ? /share from 0 to 1/ : /Allowed choices are owner-only/);
    }
  });
});
