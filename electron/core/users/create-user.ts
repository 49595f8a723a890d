/**
 * Creates app accounts. Checking and hashing happen first (scrypt is slow and async); the insert of
 * the user, its roles and the audit event then happens in one transaction, so an account never
 * exists half-made. Several accounts can be inserted in one transaction (the demonstration set).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../../../shared/domain/access';
import { STAFF_CODE_PATTERN } from '../../../shared/domain/identifiers';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { hashPassword } from '../auth/password-hash';
import { one, run, sql } from '../store/sql';
import { checkRoles, checkUsername, ROLE_SECTOR } from './account-rules';

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

interface StaffFacts {
  forename: string;
  surname: string;
  active: number;
  sector: 'NPS' | 'CRC';
  grade: string;
}

/** Checks everything that can be checked before writing, then hashes the password. */
export async function prepareUser(db: Database, input: NewUser): Promise<PreparedUser> {
  const username = checkUsername(input.username);
  const roles = checkRoles(input.roles);
  const staffCode = input.staffCode ?? null;
  let displayName = input.displayName?.trim() || username;
  if (staffCode === null) {
    const needing = roles.filter((r) => ROLE_SECTOR[r]);
    if (needing.length > 0) {
      throw new AppError('ROLE_STAFF_MISMATCH', `The role ${needing[0]} acts as a member of staff: give the staff code of the person the account is for.`);
    }
  } else {
    const staff = staffFacts(db, staffCode);
    for (const role of roles) {
      const sector = ROLE_SECTOR[role];
      if (sector && staff.sector !== sector) {
        throw new AppError('ROLE_STAFF_MISMATCH', `The role ${role} is for ${sector} staff, but ${staffCode} works for a ${staff.sector} provider.`);
      }
    }
    if (staff.active !== 1) throw new AppError('ROLE_STAFF_MISMATCH', `Staff member ${staffCode} is no longer active, so cannot be given an account.`);
    if (!input.displayName?.trim()) displayName = `${staff.forename} ${staff.surname}`;
  }
  if (displayName.length > 200) throw new AppError('INVALID_INPUT', 'A display name may be at most 200 characters long.');
  const passwordHash = await hashPassword(input.password);
  return { username, displayName, staffCode, roles, passwordHash };
}

function staffFacts(db: Database, code: string): StaffFacts {
  if (!STAFF_CODE_PATTERN.test(code)) {
    throw new AppError('STAFF_NOT_FOUND', `${JSON.stringify(code)} is not a staff code (7 letters or digits, e.g. N07T01A).`);
  }
  const facts = one<StaffFacts>(
    db,
    sql`SELECT s.forename, s.surname, s.active, s.grade, p.sector FROM staff s
          JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code
         WHERE s.code = ${code}`,
  );
  if (!facts) throw new AppError('STAFF_NOT_FOUND', `There is no staff member ${code} in the store. Import the staff records first.`);
  return facts;
}

/** Inserts prepared accounts in one transaction: all are created, or none. */
export function insertUsers(db: Database, users: readonly PreparedUser[], opts: CreateOptions): CreatedUser[] {
  const now = opts.now ?? Date.now;
  return db
    .transaction(() =>
      users.map((u) => {
        const taken = one<{ username: string }>(db, sql`SELECT username FROM users WHERE username = ${u.username}`);
        if (taken) throw new AppError('USERNAME_TAKEN', `The username ${u.username} is already in use.`);
        if (u.staffCode !== null) {
          const linked = one<{ username: string }>(db, sql`SELECT username FROM users WHERE staff_code = ${u.staffCode}`);
          if (linked) throw new AppError('STAFF_HAS_ACCOUNT', `Staff member ${u.staffCode} already has the account ${linked.username}.`);
        }
        const at = now();
        const id = Number(
          run(
            db,
            sql`INSERT INTO users (username, display_name, staff_code, password_hash, created_at)
                VALUES (${u.username}, ${u.displayName}, ${u.staffCode}, ${u.passwordHash}, ${at})`,
          ).lastInsertRowid,
        );
        for (const role of u.roles) run(db, sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, ${role})`);
        appendAuditEvent(db, {
          at,
          actor: opts.actor,
          action: 'admin.createUser',
          subject: `user:${id}`,
          details: { username: u.username, staffCode: u.staffCode, roles: u.roles },
        });
        return { id, username: u.username, displayName: u.displayName, staffCode: u.staffCode, roles: u.roles };
      }),
    )
    .immediate();
}

export async function createUser(db: Database, input: NewUser, opts: CreateOptions): Promise<CreatedUser> {
  const prepared = await prepareUser(db, input);
  return insertUsers(db, [prepared], opts)[0]!;
}
