import { writeFileSync } from 'node:fs';
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { verifyPassword } from '../../../electron/core/auth/password-hash';
import { staffAvailability } from '../../../electron/core/broker/case-facts';
import { routeRequest } from '../../../electron/core/broker/routing';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore, type Store } from '../../../electron/core/store/open-store';
import { importDemoUsers } from '../../../electron/core/users/import-demo-users';
import { useTempDirs } from '../../helpers/temp-dir';
import { AS_OF, editRecords, seededSet, storeDigest } from '../import/export-set-files';

const tempDir = useTempDirs();
const PASSWORD = 'demonstration pass';
const opts = { actor: 'cli' };
let store: Store;
let dir: string;

beforeEach(async () => {
  dir = await seededSet(tempDir());
  store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
  await importExportSet(store.db, dir);
  return () => store.close();
});

async function refused(code: string): Promise<string> {
  const before = storeDigest(store.db);
  try {
    await importDemoUsers(engineOf(store.db), dir, PASSWORD, opts);
  } catch (e) {
    expect((e as AppError).code).toBe(code);
    expect(storeDigest(store.db)).toBe(before);
    return (e as AppError).message;
  }
  throw new Error(`expected ${code}`);
}

describe('importing the demonstration accounts', () => {
  it('creates one account per role, linked to the seeded staff, all with the given password', async () => {
    const created = await importDemoUsers(engineOf(store.db), dir, PASSWORD, opts);
    expect(created.map((u) => [u.username, u.roles])).toEqual([
      ['crc.practitioner', ['crc-practitioner']],
      ['nps.owner', ['nps-offender-manager']],
      ['nps.deputy', ['nps-offender-manager']],
      ['nps.onleave', ['nps-offender-manager']],
      ['hub.officer', ['hub']],
      ['hub.lao', ['hub', 'lao-admin']],
      ['admin', ['admin']],
    ]);
    for (const u of created) {
      const hash = store.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(u.id) as string;
      expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    }
    const owner = created.find((u) => u.username === 'nps.owner')!;
    const deputy = created.find((u) => u.username === 'nps.deputy')!;
    expect(store.db.prepare('SELECT count(*) FROM deputies WHERE staff_code = ? AND deputy_staff_code = ?').pluck().get(owner.staffCode, deputy.staffCode)).toBe(1);
    const tutor = created.find((u) => u.username === 'crc.practitioner')!;
    expect(store.db.prepare(`SELECT count(*) FROM allocations WHERE staff_code = ? AND kind = 'PROGRAMME'`).pluck().get(tutor.staffCode)).toBeGreaterThan(0);
  });

  it('gives the owner on leave with no deputy an account, so their cases go to the hub explained by the leave', async () => {
    const created = await importDemoUsers(engineOf(store.db), dir, PASSWORD, opts);
    const onLeave = created.find((u) => u.username === 'nps.onleave')!;
    expect(onLeave.staffCode).not.toBeNull();
    const now = Date.parse(`${AS_OF}T12:00:00Z`);
    const availability = await staffAvailability(engineOf(store.db), onLeave.staffCode!, now);
    expect(availability).toMatchObject({ available: false, reason: 'OWNER_ABSENT' });
    expect(availability?.note).toMatch(/ is on leave until \d{1,2} [A-Z][a-z]+ \d{4}/);
    const crn = store.db.prepare('SELECT crn FROM people WHERE owner_staff_code = ? LIMIT 1').pluck().get(onLeave.staffCode) as string;
    expect(await routeRequest(engineOf(store.db), crn, false, null, now)).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_ABSENT', hubReasonText: availability?.note });
  });

  it('creates none when any already exists', async () => {
    await importDemoUsers(engineOf(store.db), dir, PASSWORD, opts);
    expect(await refused('USERNAME_TAKEN')).toMatch(/crc\.practitioner is already in use\. No accounts were created\./);
  });

  it('creates none when the password is too short', async () => {
    const before = storeDigest(store.db);
    await expect(importDemoUsers(engineOf(store.db), dir, 'short', opts)).rejects.toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
    expect(storeDigest(store.db)).toBe(before);
  });

  it('creates none when a row is wrong, naming the row', async () => {
    editRecords(dir, 'demo-users.csv', (rows) => rows.map((r, i) => (i === 3 ? [r[0]!, r[1]!, 'N07T99Z', r[3]!] : r)));
    expect(await refused('DEMO_USERS_INVALID')).toMatch(/^demo-users\.csv row 3 \(nps\.deputy\): There is no staff member N07T99Z/);
  });

  it('refuses a file with the wrong header, and a folder without the file', async () => {
    writeFileSync(join(dir, 'demo-users.csv'), 'user,role\nx,admin\n');
    expect(await refused('DEMO_USERS_INVALID')).toMatch(/must start with the header username,roles,staff_code,description/);
    await expect(importDemoUsers(engineOf(store.db), tempDir(), PASSWORD, opts)).rejects.toThrow(AppError);
  });
});
