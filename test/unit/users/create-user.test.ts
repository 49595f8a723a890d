import { join } from 'node:path';
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { verifyPassword } from '../../../electron/core/auth/password-hash';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore, type Store } from '../../../electron/core/store/open-store';
import { createUser, type NewUser } from '../../../electron/core/users/create-user';
import { useTempDirs } from '../../helpers/temp-dir';
import { records, seededSet, storeDigest } from '../import/export-set-files';

const tempDir = useTempDirs();
let store: Store;
let staff: Record<string, string>;

beforeEach(async () => {
  const dir = await seededSet(tempDir());
  store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
  await importExportSet(store.db, dir);
  // One staff code per kind, from the seeded set.
  const rows = records(dir, 'staff.csv').slice(1);
  const pick = (pred: (r: string[]) => boolean) => rows.find(pred)![0]!;
  staff = {
    crc: pick((r) => r[0]!.startsWith('C') && r[4] === 'PSO'),
    nps: pick((r) => r[0]!.startsWith('N') && r[4] === 'PO'),
    hub: pick((r) => r[4] === 'HUB'),
    admin: pick((r) => r[4] === 'ADMIN'),
  };
  return () => store.close();
});

const opts = { actor: 'cli', now: () => 1_750_000_000_000 };
const user = (u: Partial<NewUser>): NewUser => ({ username: 'jsmith', roles: ['crc-practitioner'], staffCode: staff.crc, password: 'a long enough password', ...u });

async function refused(u: Partial<NewUser>, code: string): Promise<string> {
  const before = storeDigest(store.db);
  try {
    await createUser(engineOf(store.db), user(u), opts);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    expect(storeDigest(store.db), 'nothing changed').toBe(before);
    return (e as AppError).message;
  }
  throw new Error(`expected ${code}`);
}

describe('creating an account', () => {
  it('stores the user with its roles, the staff member’s name and a scrypt hash of the password', async () => {
    const created = await createUser(engineOf(store.db), user({ roles: ['hub', 'lao-admin'], staffCode: staff.hub }), opts);
    const row = store.db.prepare('SELECT * FROM users WHERE id = ?').get(created.id) as Record<string, unknown>;
    const [forename, surname] = store.db.prepare('SELECT forename, surname FROM staff WHERE code = ?').raw().get(staff.hub) as string[];
    expect(row).toMatchObject({ username: 'jsmith', staff_code: staff.hub, display_name: `${forename} ${surname}`, active: 1, created_at: 1_750_000_000_000 });
    expect(await verifyPassword('a long enough password', row.password_hash as string)).toBe(true);
    expect(store.db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').pluck().all(created.id)).toEqual(['hub', 'lao-admin']);
  });

  it('writes an audit event naming who created it, without the password', async () => {
    await createUser(engineOf(store.db), user({}), opts);
    const e = store.db.prepare(`SELECT actor, details FROM audit_events WHERE action = 'admin.createUser'`).get() as { actor: string; details: string };
    expect(e.actor).toBe('cli');
    expect(JSON.parse(e.details)).toEqual({ username: 'jsmith', staffCode: staff.crc, roles: ['crc-practitioner'] });
    expect(e.details).not.toContain('password');
  });

  it('allows an admin account without a staff member', async () => {
    const created = await createUser(engineOf(store.db), user({ username: 'root.admin', roles: ['admin'], staffCode: null, displayName: 'System administrator' }), opts);
    expect(created).toMatchObject({ staffCode: null, displayName: 'System administrator', roles: ['admin'] });
  });

  it('refuses usernames that break the rules, suggesting lower case', async () => {
    expect(await refused({ username: 'JSmith' }, 'USERNAME_INVALID')).toMatch(/try "jsmith"/);
    await refused({ username: 'js' }, 'USERNAME_INVALID');
    await refused({ username: '1smith' }, 'USERNAME_INVALID');
    await refused({ username: 'j smith' }, 'USERNAME_INVALID');
  });

  it('refuses a username already in use', async () => {
    await createUser(engineOf(store.db), user({}), opts);
    expect(await refused({ username: 'jsmith', roles: ['admin'], staffCode: null }, 'USERNAME_TAKEN')).toMatch(/jsmith is already in use/);
  });

  it('refuses unknown roles and an empty role list', async () => {
    expect(await refused({ roles: ['superuser'] }, 'ROLE_INVALID')).toMatch(/"superuser" is not a role/);
    await refused({ roles: [] }, 'ROLE_INVALID');
  });

  it('refuses a staff code that does not exist', async () => {
    expect(await refused({ staffCode: 'C17T99Z' }, 'STAFF_NOT_FOUND')).toMatch(/no staff member C17T99Z/);
    await refused({ staffCode: 'nonsense' }, 'STAFF_NOT_FOUND');
  });

  it('refuses a role that does not fit the staff member’s sector, or needs a staff member', async () => {
    expect(await refused({ roles: ['crc-practitioner'], staffCode: staff.nps }, 'ROLE_STAFF_MISMATCH')).toMatch(/is for CRC staff, but .* works for a NPS provider/);
    await refused({ roles: ['nps-offender-manager'], staffCode: staff.crc }, 'ROLE_STAFF_MISMATCH');
    expect(await refused({ roles: ['hub'], staffCode: null }, 'ROLE_STAFF_MISMATCH')).toMatch(/give the staff code/);
  });

  it('refuses a second account for the same staff member', async () => {
    await createUser(engineOf(store.db), user({}), opts);
    expect(await refused({ username: 'other.name' }, 'STAFF_HAS_ACCOUNT')).toMatch(/already has the account jsmith/);
  });

  it('refuses a staff member who is no longer active', async () => {
    store.db.prepare('UPDATE staff SET active = 0 WHERE code = ?').run(staff.crc);
    expect(await refused({}, 'ROLE_STAFF_MISMATCH')).toMatch(/no longer active/);
  });

  it('refuses a display name holding a bidirectional override character', async () => {
    expect(await refused({ displayName: 'Jo \u202Ehtims' }, 'INVALID_INPUT')).toMatch(/bidirectional control character/);
  });

  it('refuses short passwords', async () => {
    await refused({ password: 'short' }, 'PASSWORD_TOO_SHORT');
    await refused({ password: '' }, 'PASSWORD_TOO_SHORT');
  });
});
