/**
 * Signing in on a connected desktop while its broker cannot be reached. Only a person who signed in
 * online on this desktop, and whose offline window (counted from the last contact with the broker)
 * is still open, may: the password is checked against a local scrypt verifier (salted, made at the
 * last online sign-in, kept in the encrypted cache; never the password), failures count towards the
 * policy's lockout here as they would at the broker, and each sign-in or failed attempt is written to
 * the person's local chain in the same transaction, for upload as its own audit event. The verifier
 * is deleted with the person's cached sections (sign-out, deactivation, past the window, the clock
 * going back), so offline sign-in ends exactly when offline reading does.
 */
import { DEFAULT_POLICY } from '../../../shared/contract/policy-settings';
import type { SessionStatus } from '../../../shared/contract/auth';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { hashPassword, verifyPassword } from '../auth/password-hash';
import { lockMinutes } from '../auth/sign-in';
import { formatWhen } from '../broker/case-facts';
import type { EmbeddedConnection } from '../store/embedded-connection';
import type { OfflineAuditChain } from './offline-audit-chain';

type SignedIn = Extract<SessionStatus, { state: 'SIGNED_IN' }>;
type Lockout = (typeof DEFAULT_POLICY)['lockout'];

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Times in messages are the organisation's; the desktop does not hold the policy's zone. */
const TIME_ZONE = DEFAULT_POLICY.workingHours.timeZone;

export type OfflineSignInOutcome = { ok: true; status: SignedIn } | { ok: false; error: AppError };

interface PersonRow {
  username: string;
  session_status: string;
  last_contact_at: number;
  window_hours: number | null;
  chain_id: string;
  password_verifier: string | null;
  lockout: string | null;
  offline_failures: number;
  offline_locked_until: number | null;
}

const refuse = (code: ErrorCode, message?: string): OfflineSignInOutcome => ({ ok: false, error: new AppError(code, message) });

export class OfflineSignIns {
  constructor(
    private readonly db: EmbeddedConnection,
    private readonly chain: OfflineAuditChain,
  ) {}

  /**
   * After an online sign-in (and the reconnection steps, which tell the window and the lockout, offline.check):
   * keeps a verifier of the password, replacing any older one, and clears the local failures. Kept
   * only while offline reading is on.
   */
  async rememberPassword(username: string, password: string): Promise<void> {
    const windowHours = this.db.prepare('SELECT window_hours FROM people WHERE username = ?').pluck().get(username) as number | null | undefined;
    if (!windowHours) return;
    let verifier: string;
    try {
      verifier = await hashPassword(password);
    } catch {
      // A password the current rules would refuse (an older account's): no offline sign-in for it.
      return;
    }
    this.db
      .prepare('UPDATE people SET password_verifier = ?, offline_failures = 0, offline_locked_until = NULL WHERE username = ?')
      .run(verifier, username);
  }

  /** Whether anyone may sign in offline here now (the caller has applied the offline limits). */
  anyoneMay(): boolean {
    return this.db.prepare('SELECT 1 FROM people WHERE password_verifier IS NOT NULL LIMIT 1').get() !== undefined;
  }

  /**
   * Checks a password offline, to sign in or to unlock a window locked while the broker could not be
   * reached; the caller has applied the offline limits first (offline-cache.ts).
   */
  async check(username: string, password: string, now: number, purpose: 'signIn' | 'unlock'): Promise<OfflineSignInOutcome> {
    const person = this.db
      .prepare('SELECT username, session_status, last_contact_at, window_hours, chain_id, password_verifier, lockout, offline_failures, offline_locked_until FROM people WHERE username = ?')
      .get(username) as PersonRow | undefined;
    if (!person?.password_verifier || !person.window_hours || person.last_contact_at + person.window_hours * HOUR <= now) {
      return refuse(
        'BROKER_UNAVAILABLE',
        'Cannot reach the broker. Without it, you can sign in only on a computer where you signed in to the broker recently (within the offline window) and did not sign out, to read your offline copy.',
      );
    }
    if (person.offline_locked_until !== null && person.offline_locked_until > now) {
      return refuse('ACCOUNT_LOCKED', `Too many failed attempts. Try again after ${formatWhen(person.offline_locked_until, TIME_ZONE)}.`);
    }
    const right = await verifyPassword(password, person.password_verifier).catch(() => false);
    const lockout = person.lockout ? (JSON.parse(person.lockout) as Lockout) : DEFAULT_POLICY.lockout;
    return this.db.transaction((): OfflineSignInOutcome => {
      if (!right) {
        const failures = person.offline_failures + 1;
        const minutes = lockMinutes({ lockout }, failures);
        const until = minutes > 0 ? now + minutes * MINUTE : null;
        this.db.prepare('UPDATE people SET offline_failures = ?, offline_locked_until = ? WHERE username = ?').run(failures, until, username);
        this.chain.appendSignIn(person.chain_id, username, now, purpose === 'signIn' ? 'signInFailed' : 'unlockFailed');
        if (until !== null) return refuse('ACCOUNT_LOCKED', `That password is not right. Too many failed attempts: try again after ${formatWhen(until, TIME_ZONE)}.`);
        return refuse('BAD_CREDENTIALS');
      }
      this.db.prepare('UPDATE people SET offline_failures = 0, offline_locked_until = NULL WHERE username = ?').run(username);
      // No audit, no session: the check is in the local chain before the window opens.
      this.chain.appendSignIn(person.chain_id, username, now, purpose);
      const last = JSON.parse(person.session_status) as SignedIn;
      return { ok: true, status: { ...last, now, idleExpiresAt: now + last.idleLockMinutes * MINUTE, readsPaused: false, ...(purpose === 'signIn' ? { signedInOffline: true } : {}) } };
    })();
  }
}
