/**
 * Creates app accounts. Checking and hashing happen first (scrypt is slow and async); the insert of
 * the user, its roles and the audit event then happens in one transaction, so an account never
 * exists half-made. Several accounts can be inserted in one transaction (the demonstration set).
 */
import { BIDI_CONTROL_MESSAGE, hasBidiControl } from '../../../shared/domain/bidi-controls';
import type { Db } from '../store/sql';
import type { Role } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { hashPassword, type ScryptParams } from '../auth/password-hash';
import { one, run, sql, insertId } from '../store/sql';
import { mapInOrder } from '../../../shared/async/map-in-order';
import { checkUsername } from './account-rules';
import { checkAccountRoles } from './account-roles';

export interface NewUser {
  username: string;
  roles: readonly string[];
  staffCode?: string | null;
  /** Defaults to the staff member's name, or the username when there is no staff member. */
  displayName?: string | null;
  password: string;
}

export interface CreatedUser {
  id: number;
  username: string;
  displayName: string;
  staffCode: string | null;
  roles: Role[];
}

export interface CreateOptions {
  /** Who is creating the account, for the audit log: a username, or 'cli'. */
  actor: string;
  now?: () => number;
}

interface PreparedUser {
  username: string;
  displayName: string;
  staffCode: string | null;
  roles: Role[];
  passwordHash: string;
}

/**
 * Checks everything that can be checked before writing, then hashes the password (with today's
 * scrypt cost unless `hashParams` says otherwise).
 */
export async function prepareUser(db: Db, input: NewUser, hashParams?: ScryptParams): Promise<PreparedUser> {
  const username = checkUsername(input.username);
  const staffCode = input.staffCode ?? null;
  const { roles, staff } = await checkAccountRoles(db, input.roles, staffCode);
  let displayName = input.displayName?.trim() || username;
  if (staff !== null) {
    if (staff.active !== 1) throw new AppError('ROLE_STAFF_MISMATCH', `Staff member ${staffCode} is no longer active, so cannot be given an account.`);
    if (!input.displayName?.trim()) displayName = `${staff.forename} ${staff.surname}`;
  }
  if (displayName.length > 200) throw new AppError('INVALID_INPUT', 'A display name may be at most 200 characters long.');
  if (hasBidiControl(displayName)) throw new AppError('INVALID_INPUT', `The display name ${BIDI_CONTROL_MESSAGE}.`);
  const passwordHash = await hashPassword(input.password, hashParams);
  return { username, displayName, staffCode, roles, passwordHash };
}

/** Inserts prepared accounts in one transaction: all are created, or none. */
export async function insertUsers(db: Db, users: readonly PreparedUser[], opts: CreateOptions): Promise<CreatedUser[]> {
  const now = opts.now ?? Date.now;
  return db.write(() =>
      mapInOrder(users, async (u) => {
        const taken = await one<{ username: string }>(db, sql`SELECT username FROM users WHERE username = ${u.username}`);
        if (taken) throw new AppError('USERNAME_TAKEN', `The username ${u.username} is already in use.`);
        if (u.staffCode !== null) {
          const linked = await one<{ username: string }>(db, sql`SELECT username FROM users WHERE staff_code = ${u.staffCode}`);
          if (linked) throw new AppError('STAFF_HAS_ACCOUNT', `Staff member ${u.staffCode} already has the account ${linked.username}.`);
        }
        const at = now();
        const id = await insertId(
          db,
          sql`INSERT INTO users (username, display_name, staff_code, password_hash, created_at)
              VALUES (${u.username}, ${u.displayName}, ${u.staffCode}, ${u.passwordHash}, ${at}) RETURNING id`,
        );
        for (const role of u.roles) await run(db, sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, ${role})`);
        await appendAuditEvent(db, {
          at,
          actor: opts.actor,
          action: 'admin.createUser',
          subject: `user:${id}`,
          details: { username: u.username, staffCode: u.staffCode, roles: u.roles },
        });
        return { id, username: u.username, displayName: u.displayName, staffCode: u.staffCode, roles: u.roles };
      }),
  );
}

export async function createUser(db: Db, input: NewUser, opts: CreateOptions): Promise<CreatedUser> {
  const prepared = await prepareUser(db, input);
  return (await insertUsers(db, [prepared], opts))[0]!;
}
