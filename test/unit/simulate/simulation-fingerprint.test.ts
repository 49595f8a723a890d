/**
 * Making the simulator faster must not change what it simulates: for a fixed store, seed and end,
 * `rab simulate` prints the same figures and leaves the same rows as the simulator did before its
 * speed work. The expected values below were recorded from that earlier simulator; a change to the
 * simulated behaviour itself is a deliberate change of these values, said in its commit. They were
 * re-recorded once since, when immediate-safety requests with no needed-by began going to the owner
 * and the hub together and simulated owners began answering the requests they share with the hub.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { openStore } from '../../../electron/core/store/open-store';
import type { KeyStore } from '../../../electron/core/store/key-store';
import { cliHarness } from '../cli/cli-harness';
import { seededSet } from '../import/export-set-files';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** Absences recorded through the service get random ids; everything else a simulation writes follows from the seed. */
const withoutRandomIds = (value: unknown): string => JSON.stringify(value).replace(/abs-[0-9a-f-]{36}/g, 'abs-…');

/** One digest per table of what the simulation wrote, over every column that does not hold a random value. */
async function historyDigests(path: string, keyStore: KeyStore): Promise<Record<string, string>> {
  const store = await openStore({ path, keyStore, readonly: true });
  try {
    const tables: Record<string, string> = {
      requests: 'SELECT * FROM requests ORDER BY id',
      grants: 'SELECT * FROM grants ORDER BY id',
      emergency_uses: 'SELECT * FROM emergency_uses ORDER BY id',
      absences: `SELECT * FROM absences WHERE id GLOB 'abs-*' ORDER BY start_at, staff_code`,
      notifications: 'SELECT * FROM notifications ORDER BY id',
      // The password hashes of the accounts it created are random; who has which account and role is not.
      users: 'SELECT id, username, display_name, staff_code, active, created_at FROM users ORDER BY id',
      user_roles: 'SELECT * FROM user_roles ORDER BY user_id, role',
      // The import's own event holds the time it ran and its temporary folder.
      audit_events: `SELECT seq, at, actor, action, subject, crn, details FROM audit_events WHERE action <> 'admin.importRecords' ORDER BY seq`,
    };
    const digests: Record<string, string> = {};
    for (const [table, query] of Object.entries(tables)) {
      const rows = store.db.prepare(query).all();
      digests[table] = `${rows.length} rows, sha256 ${createHash('sha256').update(withoutRandomIds(rows)).digest('hex').slice(0, 16)}`;
    }
    return digests;
  } finally {
    store.close();
  }
}

describe('a simulation with a fixed seed', () => {
  it('prints the same figures and writes the same history as the simulator before its speed work', async () => {
    const dir = tempDir();
    const set = await seededSet(join(dir, 'set'), 'office', 42);
    const { rab, keyStore } = cliHarness();
    mkdirSync(join(dir, 'store'));
    const path = join(dir, 'store', 'broker.db');
    const store = await openStore({ path, keyStore, create: true });
    const imported = await importExportSet(store.db, set);
    store.close();
    expect(imported.ok).toBe(true);

    const run = await rab(['simulate', '--store', path, '--days', '7', '--seed', '3', '--until', '2026-11-20', '--unavailable', '33%', '--baseline', 'owner-only']);
    expect(run.code, run.stderr).toBe(0);
    // The run's own duration is the one figure that may change.
    expect(run.stdout.replace(/ in .+\.\n/, ' in (duration).\n')).toMatchInlineSnapshot(`
      "Simulated 7 days (seed 3) from 2026-11-13T00:00:00.000Z to 2026-11-20T00:00:00.000Z in (duration).

      what happened                                                      count
      accounts created for staff taking part                             35
      requests made                                                      39
      requests refused on asking                                         6 (6 DUPLICATE_REQUEST)
      approved                                                           29
      refused by a decider                                               3
      withdrawn                                                          1
      emergency access uses                                              3
      emergency reviews                                                  2
      grants revoked                                                     0
      absences recorded                                                  1
      routing sweeps                                                     1,009
      actions the broker refused (decided meanwhile, no longer allowed)  1

      Headline figures, 2026-11-13 to 2026-11-19 (the same as rab report and the Reports screen):

      figure                             value
      Requests made                      39
      Decided                            32
      Median time to a decision          2 h 12 min
      90% decided within                 2.8 days
      Decided within the deadline        84.4%
      Went to the NPS hub                46.2%
      Refused                            7.7%
      Emergency access uses              3
      People who used it more than once  0
      Grants in force                    29

      Immediate-safety requests decided or opened in an emergency within 30 minutes, with 33% of offender managers away:

      who can give access                                       within 30 minutes
      owner, deputies, hub and emergency access (this history)  100.0% (6 of 6)
      owner only (baseline, not kept)                           0.0% (0 of 5)
      "
    `);
    expect(await historyDigests(path, keyStore)).toMatchInlineSnapshot(`
      {
        "absences": "1 rows, sha256 6d64c1b1fd1e032a",
        "audit_events": "196 rows, sha256 b915ded0198f6d3e",
        "emergency_uses": "3 rows, sha256 ed9e373182e18692",
        "grants": "32 rows, sha256 dc22b16c0df1b7fe",
        "notifications": "166 rows, sha256 6cccb05e50368970",
        "requests": "39 rows, sha256 e65165d20408dda3",
        "user_roles": "36 rows, sha256 72df546cd3c8d206",
        "users": "35 rows, sha256 59eabab2427ed695",
      }
    `);
  }, 300_000);
});
