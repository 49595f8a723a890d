/**
 * Password checks with lockout: sign-in, unlocking a session, and re-entering the password for
 * emergency access and admin actions all count failures the same way. After the policy's number
 * of failures the account locks for 1, 2, 4, … minutes (capped). Every attempt is audited.
 */
import type { Db } from '../store/sql';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { MINUTE } from '../clock/clock';
import { formatWhen } from '../broker/case-facts';
import { one, run, sql } from '../store/sql';
import { verifyPassword } from './password-hash';

interface AccountRow {
  id: number;
  username: string;
  password_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: number | null;
}

export type PasswordPurpose = 'signIn' | 'unlock' | 'reauth';

// A real hash (of a random password) so an unknown username costs as much as a known one.
const DECOY_HASH = 'scrypt$32768$8$1$9mWq3r1o8H0m2Xq2pN3t1A==$8k1QH6X1oLrW2j7dXyJm0bQ1k3sVw0m7mN1Z4wQ9t2E=';

/** Lock length after `failures` failures: first lock at the threshold, doubling, capped (a desktop counts offline sign-ins the same way). */
export function lockMinutes(policy: Pick<PolicySettings, 'lockout'>, failures: number): number {
  const { failuresBeforeLock, firstLockMinutes, maxLockMinutes } = policy.lockout;
  if (failures < failuresBeforeLock) return 0;
  const doublings = Math.min(failures - failuresBeforeLock, 30);
  return Math.min(firstLockMinutes * 2 ** doublings, maxLockMinutes);
}

const cleanName = (username: string): string => username.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);

/**
 * Checks a password for a username (sign-in) or a known user id (unlock, re-auth). Returns the
 * user id on success; throws BAD_CREDENTIALS, ACCOUNT_LOCKED or ACCOUNT_INACTIVE otherwise.
 */
export async function checkPassword(
  db: Db,
  policy: PolicySettings,
  now: () => number,
  who: { username: string } | { userId: number },
  password: string,
  purpose: PasswordPurpose,
  /** Runs inside the transaction that records a success, so a failure in it undoes the success too. */
  withSuccess?: (userId: number) => Promise<void>,
): Promise<number> {
  const account = 'userId' in who
    ? await one<AccountRow>(db, sql`SELECT id, username, password_hash, active, failed_attempts, locked_until FROM users WHERE id = ${who.userId}`)
    : await one<AccountRow>(db, sql`SELECT id, username, password_hash, active, failed_attempts, locked_until FROM users WHERE username = ${who.username}`);
  const actor = account?.username ?? cleanName('username' in who ? who.username : `user:${String(who.userId)}`);
  const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
    await appendAuditEvent(db, { at: now(), actor, action: `auth.${purpose}.fail`, subject: account ? `user:${account.id}` : null, details: { reason, ...extra } });

  if (!account) {
    await verifyPassword(password, DECOY_HASH).catch(() => false);
    await fail('UNKNOWN_USER');
    throw new AppError('BAD_CREDENTIALS');
  }
  if (account.locked_until !== null && account.locked_until > now()) {
    await fail('LOCKED');
    throw new AppError('ACCOUNT_LOCKED', `Too many failed attempts. Try again after ${formatWhen(account.locked_until, policy.workingHours.timeZone)}.`);
  }
  const ok = await verifyPassword(password, account.password_hash);
  const at = now();
  if (!ok) {
    const lockedUntil = await db.write(async () => {
      const row = await one<{ failed_attempts: number }>(db, sql`SELECT failed_attempts FROM users WHERE id = ${account.id}`);
      const failures = (row?.failed_attempts ?? 0) + 1;
      const minutes = lockMinutes(policy, failures);
      const until = minutes > 0 ? at + minutes * MINUTE : null;
      await run(db, sql`UPDATE users SET failed_attempts = ${failures}, locked_until = ${until} WHERE id = ${account.id}`);
      await fail('BAD_PASSWORD', { failures, lockedUntil: until });
      return until;
    });
    if (lockedUntil !== null) throw new AppError('ACCOUNT_LOCKED', `That password is not right. Too many failed attempts: try again after ${formatWhen(lockedUntil, policy.workingHours.timeZone)}.`);
    throw new AppError('BAD_CREDENTIALS', purpose === 'signIn' ? undefined : 'That password is not right.');
  }
  // Only now, with the right password, may the caller learn the account is inactive.
  if (account.active !== 1) {
    await fail('INACTIVE');
    throw new AppError('ACCOUNT_INACTIVE');
  }
  await db.write(async () => {
    await run(db, sql`UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ${account.id}`);
    await appendAuditEvent(db, { at, actor: account.username, action: `auth.${purpose}`, subject: `user:${account.id}`, details: {} });
    await withSuccess?.(account.id);
  });
  return account.id;
}
