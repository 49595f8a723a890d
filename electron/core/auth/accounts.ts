/**
 * Account administration for the admin screens: list, roles, activate, reset password. Accounts
 * are created by users/create-user.ts, for the screens and the command line alike.
 */
import type { Db } from '../store/sql';
import type { UserRow } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { all, one, run, sql, sqlILike, sqlDialect } from '../store/sql';
import { checkAccountRoles } from '../users/account-roles';
import { hashPassword } from './password-hash';

interface AccountRecord {
  id: number;
  username: string;
  display_name: string;
  staff_code: string | null;
  active: number;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  roles: string | null;
}

const SELECT = sql`SELECT u.id, u.username, u.display_name, u.staff_code, u.active, u.failed_attempts, u.locked_until, u.created_at,
  ${sqlDialect({ sqlite: sql`(SELECT group_concat(role, ',') FROM (SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role))`, postgres: sql`(SELECT string_agg(role, ',' ORDER BY role) FROM user_roles WHERE user_id = u.id)` })} AS roles FROM users u`;

const toRow = (u: AccountRecord): UserRow => ({
  userId: u.id,
  username: u.username,
  displayName: u.display_name,
  staffCode: u.staff_code,
  roles: (u.roles ? u.roles.split(',') : []) as Role[],
  active: u.active === 1,
  lockedUntil: u.locked_until,
  failedAttempts: u.failed_attempts,
  createdAt: u.created_at,
});

export async function accountRow(db: Db, userId: number): Promise<UserRow> {
  const u = await one<AccountRecord>(db, sql`${SELECT} WHERE u.id = ${userId}`);
  if (!u) throw new AppError('NOT_FOUND', `There is no account ${userId}.`);
  return toRow(u);
}

export async function listAccounts(db: Db, o: { query: string; limit: number; offset: number }): Promise<{ rows: UserRow[]; total: number }> {
  const like = `%${o.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const where = sql`WHERE u.username ${sqlILike} ${like} ESCAPE '\\' OR u.display_name ${sqlILike} ${like} ESCAPE '\\' OR coalesce(u.staff_code, '') ${sqlILike} ${like} ESCAPE '\\'`;
  const rows = await all<AccountRecord>(db, sql`${SELECT} ${where} ORDER BY u.username LIMIT ${o.limit} OFFSET ${o.offset}`);
  const total = (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM users u ${where}`))?.n ?? 0;
  return { rows: rows.map(toRow), total };
}

const activeAdmins = async (db: Db, exceptUserId: number): Promise<number> =>
  (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'admin' AND u.active = 1 AND u.id <> ${exceptUserId}`))?.n ?? 0;

/** Replaces an account's roles, under the same role-to-staff rules as creating it. */
export async function setAccountRoles(db: Db, by: string, now: number, userId: number, requested: readonly Role[]): Promise<UserRow> {
  await db.write(async () => {
    const before = await accountRow(db, userId);
    const { roles } = await checkAccountRoles(db, requested, before.staffCode);
    if (before.roles.includes('admin') && !roles.includes('admin') && before.active && await activeAdmins(db, userId) === 0) throw new AppError('LAST_ADMIN');
    await run(db, sql`DELETE FROM user_roles WHERE user_id = ${userId}`);
    for (const role of roles) await run(db, sql`INSERT INTO user_roles (user_id, role) VALUES (${userId}, ${role})`);
    await appendAuditEvent(db, { at: now, actor: by, action: 'admin.setRoles', subject: `user:${userId}`, details: { before: before.roles, after: roles } });
  });
  return await accountRow(db, userId);
}

export async function setAccountActive(db: Db, by: string, now: number, userId: number, active: boolean): Promise<UserRow> {
  await db.write(async () => {
    const before = await accountRow(db, userId);
    if (!active && before.active && before.roles.includes('admin') && await activeAdmins(db, userId) === 0) throw new AppError('LAST_ADMIN');
    await run(db, sql`UPDATE users SET active = ${active ? 1 : 0} WHERE id = ${userId}`);
    // An account made inactive is signed out everywhere: its broker sessions end with it (and on
    // PostgreSQL every server hears of it and closes their push connections, migration 0011).
    if (!active) await run(db, sql`DELETE FROM server_sessions WHERE user_id = ${userId}`);
    await appendAuditEvent(db, { at: now, actor: by, action: active ? 'admin.activateUser' : 'admin.deactivateUser', subject: `user:${userId}`, details: {} });
  });
  return await accountRow(db, userId);
}

export async function resetAccountPassword(db: Db, by: string, now: () => number, userId: number, password: string): Promise<UserRow> {
  await accountRow(db, userId);
  const hash = await hashPassword(password);
  await db.write(async () => {
    await run(db, sql`UPDATE users SET password_hash = ${hash}, failed_attempts = 0, locked_until = NULL WHERE id = ${userId}`);
    await appendAuditEvent(db, { at: now(), actor: by, action: 'admin.resetPassword', subject: `user:${userId}`, details: {} });
  });
  return await accountRow(db, userId);
}

export async function changeOwnPassword(db: Db, username: string, now: () => number, userId: number, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await db.write(async () => {
    await run(db, sql`UPDATE users SET password_hash = ${hash} WHERE id = ${userId}`);
    await appendAuditEvent(db, { at: now(), actor: username, action: 'auth.changePassword', subject: `user:${userId}`, details: {} });
  });
}
