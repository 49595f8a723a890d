/**
 * One window's calls in connected mode, with the offline copy: online, each answer the broker gives
 * the person keeps the copy current (offline-cache.ts); while the broker cannot be reached, the
 * calls that can be answered from the copy are (a record held through a grant, read or copied in the
 * background as soon as the grant is learned (offline-copies.ts), marked as an offline
 * copy and written to the local chain first; the person's grants and requests lists), requests and
 * withdrawals wait in the outbox, and decisions and emergency access are refused with a clear
 * message. After an outage nothing is answered before reconnect.ts has run.
 *
 * With nobody signed in and the broker out of reach, a person who signed in online here within the
 * offline window may sign in offline (offline-sign-in.ts): that session reads the offline copy and
 * nothing else, and ends as soon as the broker answers again (they sign in online, and the
 * reconnection steps upload their offline sign-in and reads).
 */
import { CONTRACT, isChannelName, type GrantRow, type RecordView, type Result } from '../../../shared/contract';
import type { SessionStatus } from '../../../shared/contract/auth';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { invalidInput } from '../rpc/invalid-input';
import type { OfflineCache } from './offline-cache';
import { OfflineCopies } from './offline-copies';
import { pageKey } from './offline-lists';
import { OUTBOX_CHANNELS } from './offline-outbox';
import { reconnect, type ReconnectOutcome, type SendToBroker } from './reconnect';

/** Calls that only the broker may answer: they are never taken offline. */
const NEEDS_BROKER: ReadonlySet<string> = new Set([
  'requests.approve', 'requests.deny', 'requests.decideReview', 'emergency.open', 'emergency.review', 'grants.revoke', 'grants.requestExtension',
]);

/** Lists kept as read-only copies (each page loaded), answered offline as last seen. */
const LIST_COPIES: ReadonlySet<string> = new Set(['requests.mine', 'requests.inbox', 'requests.hubQueue']);

/** Calls that start, show or end a session: they go to the broker even before the reconnection steps. */
const SESSION_CALLS: ReadonlySet<string> = new Set(['auth.signIn', 'auth.status', 'auth.unlock', 'auth.signOut', 'auth.lock', 'setup.status']);

const SESSION_ENDED: ReadonlySet<string> = new Set(['SESSION_EXPIRED', 'NOT_SIGNED_IN', 'ACCOUNT_INACTIVE', 'SESSION_LOCKED']);

/** What a session signed in offline may do: read the offline copy. Every other call needs the broker. */
const OFFLINE_SESSION_READS: ReadonlySet<string> = new Set(['auth.status', 'records.read', 'grants.mine', 'grants.get', ...LIST_COPIES]);

const OFFLINE_SESSION_ONLY_READS =
  'You signed in while the broker could not be reached, so you can only read your offline copy. Sign in again when the broker is back to do anything else.';
const BROKER_BACK = 'The broker can be reached again: sign in again, and what you read offline will be sent to it.';

/** setup.status while offline: the desktop is set up (connected), with no demonstration accounts. */
const READY: Result<unknown> = { ok: true, value: { state: 'READY', demo: false, demoAccounts: [] } };

type SignedIn = Extract<SessionStatus, { state: 'SIGNED_IN' }>;

/** The page of grants.mine asked for, as the contract reads it; null when the input is not valid. */
function grantsPage(input: unknown): { filter: 'CURRENT' | 'ALL'; offset: number; limit: number } | null {
  const parsed = CONTRACT['grants.mine'].input.safeParse(input ?? {});
  return parsed.success ? parsed.data : null;
}

const failure = (code: ErrorCode, message?: string): Result<never> => ({ ok: false, error: new AppError(code, message).toShape() });

export interface OfflineDeskOptions {
  cache: OfflineCache;
  send: SendToBroker;
  now: () => number;
  /** The reconnection steps are done: the window should refresh everything. */
  onReconnected: (outcome: Extract<ReconnectOutcome, { kind: 'back' }>) => void;
}

export class OfflineDesk {
  /** Who is signed in on this window, as the broker last said. */
  private username: string | null = null;
  /** Set when the broker could not be reached (or on sign-in): the reconnection steps come before anything else. */
  private mustReconnect = false;
  private reconnecting: Promise<ReconnectOutcome> | null = null;
  /** Signed in against the offline copy's password verifier, with no session at the broker. */
  private offlineSession = false;
  /** Locked (the idle lock, or by hand) while the broker could not be reached: only the password opens it. */
  private lockedOffline = false;

  /** Copies granted records into the offline copy in the background, never holding up a call. */
  readonly copies: OfflineCopies;

  constructor(private readonly o: OfflineDeskOptions) {
    this.copies = new OfflineCopies({
      cache: o.cache, send: o.send, now: o.now,
      username: () => (this.offlineSession || this.lockedOffline ? null : this.username),
      accessChecks: () => this.accessChecks,
    });
  }

  /** How many times the desk has asked which cached records still stand (a recheck or the reconnection steps). */
  private accessChecks = 0;

  get signedInAs(): string | null {
    return this.username;
  }

  get signedInOffline(): boolean {
    return this.offlineSession;
  }

  async dispatch(channel: string, input: unknown): Promise<Result<unknown>> {
    const now = this.o.now();
    this.o.cache.enforceLimits(now);
    if (this.offlineSession) return this.dispatchOfflineSession(channel, input);
    if (this.lockedOffline) return this.dispatchLockedOffline(channel, input);
    if (this.username && this.mustReconnect && !SESSION_CALLS.has(channel)) {
      const outcome = await this.reconnect();
      if (outcome.kind === 'unreachable') return this.answerOffline(channel, input);
      // The broker no longer knows this window's session (it restarted, or the session ended): sign in again.
      if (outcome.kind === 'refused' && SESSION_ENDED.has(outcome.code)) {
        this.username = null;
        return failure(outcome.code as ErrorCode);
      }
    }
    const askedAt = this.o.cache.mark();
    const result = await this.o.send(channel, input);
    if (!result.ok && result.error.code === 'BROKER_UNAVAILABLE') {
      if (!this.username) return this.answerSignedOut(channel, input, result);
      this.mustReconnect = true;
      return this.answerOffline(channel, input);
    }
    await this.learn(channel, input, result, askedAt);
    return result;
  }

  /**
   * The broker answers again: a session signed in offline ends (it has no session at the broker).
   * True when one did, so the window is told to show the sign-in screen.
   */
  brokerBack(): boolean {
    if (!this.offlineSession) return false;
    this.offlineSession = false;
    this.username = null;
    return true;
  }

  /** Nobody is signed in and the broker cannot be reached: offline sign-in, if this desktop allows it. */
  private async answerSignedOut(channel: string, input: unknown, unreachable: Result<unknown>): Promise<Result<unknown>> {
    const cache = this.o.cache;
    const now = this.o.now();
    if (channel === 'setup.status' && cache.offlineSignInOpen(now)) return READY;
    if (channel === 'auth.status' && cache.offlineSignInOpen(now)) return { ok: true, value: { state: 'SIGNED_OUT' } };
    if (channel !== 'auth.signIn') return unreachable;
    const parsed = CONTRACT['auth.signIn'].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
    const outcome = await cache.signInOffline(parsed.data.username, parsed.data.password, now);
    if (!outcome.ok) return { ok: false, error: outcome.error.toShape() };
    this.username = parsed.data.username;
    this.offlineSession = true;
    return { ok: true, value: outcome.status };
  }

  /**
   * A session signed in offline: each call first tries the broker; while it cannot be reached the
   * offline copy is read, and nothing else is done. Once it answers, the session ends.
   */
  private async dispatchOfflineSession(channel: string, input: unknown): Promise<Result<unknown>> {
    const username = this.username!;
    if (channel === 'auth.signOut') {
      this.o.cache.forgetPerson(username);
      this.brokerBack();
      return { ok: true, value: { state: 'SIGNED_OUT' } };
    }
    // Locking ends the offline session: unlocking is signing in offline again, with the same checks.
    if (channel === 'auth.lock') {
      this.brokerBack();
      return { ok: true, value: { state: 'SIGNED_OUT' } };
    }
    if (channel === 'auth.signIn') {
      this.brokerBack();
      return this.dispatch(channel, input);
    }
    const probe = await this.o.send('auth.status', {});
    if (probe.ok || probe.error.code !== 'BROKER_UNAVAILABLE') {
      this.brokerBack();
      return channel === 'auth.status' && probe.ok ? probe : failure('NOT_SIGNED_IN', BROKER_BACK);
    }
    if (channel === 'setup.status') return READY;
    if (!OFFLINE_SESSION_READS.has(channel)) return failure('NEEDS_BROKER', OFFLINE_SESSION_ONLY_READS);
    return this.answerOffline(channel, input);
  }

  /**
   * A window locked while the broker could not be reached: nothing is answered but its status until
   * the password is given, checked by the broker when it answers, else against the offline copy's
   * verifier (same lockout, chained). Signing out still works.
   */
  private async dispatchLockedOffline(channel: string, input: unknown): Promise<Result<unknown>> {
    const username = this.username!;
    const person = this.o.cache.person(username);
    const locked = { ok: true as const, value: { state: 'LOCKED', user: person?.sessionStatus.user } };
    if (channel === 'auth.status' || channel === 'auth.lock') return person ? locked : failure('SESSION_LOCKED');
    if (channel === 'auth.signOut') {
      this.lockedOffline = false;
      return this.dispatch(channel, input);
    }
    if (channel !== 'auth.unlock') return failure('SESSION_LOCKED');
    const atBroker = await this.o.send(channel, input);
    if (atBroker.ok || atBroker.error.code !== 'BROKER_UNAVAILABLE') {
      if (atBroker.ok) this.lockedOffline = false;
      return atBroker;
    }
    const parsed = CONTRACT['auth.unlock'].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
    const outcome = await this.o.cache.signInOffline(username, parsed.data.password, this.o.now(), 'unlock');
    if (!outcome.ok) return { ok: false, error: outcome.error.toShape() };
    this.lockedOffline = false;
    return { ok: true, value: outcome.status };
  }

  /** Runs the reconnection steps once at a time; every caller waits for the same run. */
  reconnect(): Promise<ReconnectOutcome> {
    const username = this.username;
    if (!username) return Promise.resolve({ kind: 'refused', code: 'NOT_SIGNED_IN' });
    if (!this.reconnecting) this.accessChecks++;
    this.reconnecting ??= reconnect(this.o.cache, username, this.o.send, this.o.now)
      .then((outcome) => {
        if (outcome.kind !== 'unreachable') this.mustReconnect = false;
        if (outcome.kind === 'back') {
          this.o.onReconnected(outcome);
          // Signed in, or back after an outage: the grants may have changed, so the copies are brought up to date.
          this.copies.learn();
        }
        return outcome;
      })
      .finally(() => (this.reconnecting = null));
    return this.reconnecting;
  }

  /**
   * The push connection says the person's access changed (a revocation, an exclusion, an expiry):
   * ask the broker at once which cached records still stand, so the copy drops within seconds.
   */
  async recheck(): Promise<void> {
    const username = this.username;
    if (!username) return;
    this.accessChecks++;
    const askedAt = this.o.cache.mark();
    const crns = this.o.cache.cachedCrns(username);
    if (crns.length === 0) return;
    const check = await this.o.send('offline.check', { crns });
    if (!check.ok) return;
    const answer = check.value as { offlineWindowHours: number; lockout: object; records: Array<{ crn: string; scope: string | null; grantId: number | null; until: number | null }> };
    this.o.cache.applyRecheck(username, answer.offlineWindowHours, answer.records, this.o.now(), answer.lockout, askedAt);
    // A record kept while the check was on its way was not judged by it: ask once more, for it.
    if (this.o.cache.recheckSkipped > 0) await this.recheck();
  }

  /** Whether the reconnection steps are still owed (the broker was lost since they last ran). */
  get owesReconnect(): boolean {
    return this.username !== null && this.mustReconnect;
  }

  /** Keeps the offline copy current from what the broker answered. */
  /** `askedAt`: the cache's mark taken when the call was sent (a list answered from before a record was kept never deletes it). */
  private async learn(channel: string, input: unknown, result: Result<unknown>, askedAt: number): Promise<void> {
    const cache = this.o.cache;
    const now = this.o.now();
    if (!result.ok) {
      const code = result.error.code;
      if (code === 'ACCOUNT_INACTIVE' && this.username) cache.forgetPerson(this.username);
      if (code === 'ACCOUNT_INACTIVE' || code === 'SESSION_EXPIRED' || code === 'NOT_SIGNED_IN') this.username = null;
      return;
    }
    if (channel.startsWith('auth.') || channel === 'setup.status') {
      const status = result.value as SessionStatus | { state?: undefined };
      if (status.state === 'SIGNED_IN') {
        const signingIn = this.username !== status.user.username;
        cache.rememberPerson(status as SignedIn, now);
        this.username = status.user.username;
        // A new sign-in learns revocations and uploads what waits before the person reads anything.
        if (signingIn) {
          this.copies.reset();
          this.mustReconnect = true;
          await this.reconnect();
        }
        // Kept (as a salted scrypt verifier, never the password) for signing in here while the broker is out of reach.
        if (channel === 'auth.signIn') await cache.signIns.rememberPassword(status.user.username, (input as { password: string }).password);
      } else if (status.state === 'SIGNED_OUT') {
        if (this.username && channel === 'auth.signOut') cache.forgetPerson(this.username);
        this.username = null;
      }
      return;
    }
    const username = this.username;
    if (!username) return;
    cache.noteContact(username, now);
    if (channel === 'auth.changePassword') await cache.signIns.rememberPassword(username, (input as { newPassword: string }).newPassword);
    const value = result.value;
    if (channel === 'records.read') cache.keepRecord(username, value as RecordView);
    else if (channel === 'grants.mine') {
      const page = grantsPage(input);
      const answer = value as { rows: GrantRow[]; total: number };
      // Current access is kept grant by grant (each with its limit); all access as the pages loaded.
      if (page?.filter === 'CURRENT') {
        cache.keepGrants(username, answer, { first: page.offset === 0, complete: page.offset === 0 && answer.rows.length >= answer.total, askedAt });
        this.copies.learn(answer.rows);
      } else if (page) cache.keepList(username, channel, pageKey(channel, input)!, value, now);
    } else if (channel === 'grants.get') {
      const grant = value as GrantRow;
      if (grant.state !== 'ACTIVE') cache.dropGrant(username, grant.id);
    } else if (LIST_COPIES.has(channel)) {
      const key = pageKey(channel, input);
      if (key) cache.keepList(username, channel, key, value, now);
    }
  }

  /** The answer while the broker cannot be reached. */
  private answerOffline(channel: string, input: unknown): Result<unknown> {
    const username = this.username!;
    const cache = this.o.cache;
    const now = this.o.now();
    const person = cache.person(username);
    const args = (input ?? {}) as Record<string, unknown>;
    switch (channel) {
      case 'auth.status':
        return person
          ? { ok: true, value: { ...person.sessionStatus, now, idleExpiresAt: now + person.sessionStatus.idleLockMinutes * 60_000, ...(this.offlineSession ? { signedInOffline: true } : {}) } }
          : failure('BROKER_UNAVAILABLE');
      case 'auth.signOut':
        cache.forgetPerson(username);
        this.username = null;
        return { ok: true, value: { state: 'SIGNED_OUT' } };
      case 'auth.lock':
        // The idle lock holds offline too: the window shows nothing until the password is given again.
        if (!person) return failure('BROKER_UNAVAILABLE');
        this.lockedOffline = true;
        return { ok: true, value: { state: 'LOCKED', user: person.sessionStatus.user } };
      case 'records.read': {
        const read = typeof args.crn === 'string' ? cache.readOffline(username, args.crn, now) : null;
        if (read) return { ok: true, value: read.view };
        return failure('BROKER_UNAVAILABLE', 'Cannot reach the broker, and this record is not in your offline copy: only records you read through a grant recently, within the offline window, can be read offline.');
      }
      case 'grants.mine': {
        const page = grantsPage(input);
        const grants = page?.filter === 'CURRENT' ? cache.grantsOffline(username, now, page) : page ? cache.listOffline(username, channel, pageKey(channel, input)!, now) : null;
        return grants ? { ok: true, value: grants } : failure('BROKER_UNAVAILABLE');
      }
      case 'grants.get': {
        const grant = typeof args.grantId === 'number' ? cache.grantOffline(username, args.grantId, now) : null;
        return grant ? { ok: true, value: grant } : failure('BROKER_UNAVAILABLE');
      }
      default:
        if (LIST_COPIES.has(channel)) {
          const key = pageKey(channel, input);
          const list = key ? cache.listOffline(username, channel, key, now) : null;
          return list ? { ok: true, value: list } : failure('BROKER_UNAVAILABLE');
        }
        if (OUTBOX_CHANNELS.has(channel) && isChannelName(channel)) {
          // Checked now, as the broker will check it: bad input is refused at once, not kept.
          const parsed = CONTRACT[channel].input.safeParse(input ?? {});
          if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
          cache.outbox.add(username, channel, input, now);
          return failure('OFFLINE_QUEUED');
        }
        if (NEEDS_BROKER.has(channel)) return failure('NEEDS_BROKER');
        return failure('BROKER_UNAVAILABLE');
    }
  }
}
