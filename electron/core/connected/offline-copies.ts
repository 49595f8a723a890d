/**
 * Copies into the offline copy, in the background, each record the person holds through a grant
 * that the copy does not hold yet (or holds under another grant or end), as soon as the desktop
 * learns the person's current grants online: at sign-in and after an outage, from a grants.mine
 * answer, and when the push connection says their access changed. So a grant approved but never
 * opened can still be read when the broker goes down. Each copy is one offline.copyRecord call,
 * audited by the broker as a copy, not a read.
 *
 * Nothing here is awaited by the person's calls: one copy at a time, on its own request, and a
 * later trigger while copying runs once more afterwards. Nothing is copied while offline reading is
 * off (an offline window of 0 hours, or not yet known), nor emergency access, which is read online
 * only.
 */
import type { GrantRow, RecordView } from '../../../shared/contract';
import type { OfflineCache } from './offline-cache';
import type { SendToBroker } from './reconnect';

/** Answers after which copying stops until the next trigger: the broker is gone, or the session is. */
const STOP_CODES: ReadonlySet<string> = new Set(['BROKER_UNAVAILABLE', 'NOT_SIGNED_IN', 'SESSION_EXPIRED', 'SESSION_LOCKED', 'ACCOUNT_INACTIVE', 'FORBIDDEN']);

export interface OfflineCopiesOptions {
  cache: OfflineCache;
  send: SendToBroker;
  now: () => number;
  /** Who is signed in on this window now (null when nobody is, or the session is an offline one). */
  username: () => string | null;
  /** Counts the checks of what the person may still read: a copy answered before a check is not kept after it. */
  accessChecks: () => number;
}

export class OfflineCopies {
  /** Grants asked for in this session (by id and end), so a refused copy is not asked for again and again. */
  private asked = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly o: OfflineCopiesOptions) {}

  /** A new person signed in: every grant may be asked for again. */
  reset(): void {
    this.asked = new Set();
  }

  /**
   * Brings the copy up to date with these grants (a grants.mine page), or with the person's whole
   * current list fetched afresh when none are given. Returns at once; `idle()` waits for the work.
   */
  learn(grants?: readonly GrantRow[]): void {
    if (this.running) {
      // Whatever was learned meanwhile is covered by fetching the whole list once more.
      this.again = true;
      return;
    }
    this.running = this.copy(grants)
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.learn();
        }
      });
  }

  /** Settles when no copying is under way (for the desktop's close, and for tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async copy(given?: readonly GrantRow[]): Promise<void> {
    const { cache, send } = this.o;
    const username = this.o.username();
    if (!username || !cache.person(username)?.windowHours) return;
    let grants = given;
    if (!grants) {
      const askedAt = cache.mark();
      const listed = await send('grants.mine', { filter: 'CURRENT', offset: 0, limit: 500 });
      if (!listed.ok || this.o.username() !== username) return;
      const answer = listed.value as { rows: GrantRow[]; total: number };
      cache.keepGrants(username, answer, { first: true, complete: answer.rows.length >= answer.total, askedAt });
      grants = answer.rows;
    }
    const held = cache.heldCopies(username);
    for (const grant of grants) {
      const now = this.o.now();
      if (grant.state !== 'ACTIVE' || grant.kind !== 'REQUEST' || grant.startAt > now || grant.endAt <= now) continue;
      const kept = held.get(grant.crn);
      if (kept && kept.grantId === grant.id && kept.until === grant.endAt) continue;
      const key = `${grant.id}:${grant.endAt}`;
      if (this.asked.has(key)) continue;
      this.asked.add(key);
      const checks = this.o.accessChecks();
      const copied = await send('offline.copyRecord', { crn: grant.crn });
      // Signed out, or someone else signed in, meanwhile: nothing of theirs is kept.
      if (this.o.username() !== username) return;
      // Access was checked again while the copy was on its way (a revocation, say): it may no longer
      // stand, so it is dropped, and the whole list is fetched and copied afresh.
      if (this.o.accessChecks() !== checks) {
        this.asked.delete(key);
        this.again = true;
        return;
      }
      if (!copied.ok) {
        if (STOP_CODES.has(copied.error.code)) {
          this.asked.delete(key);
          return;
        }
        continue;
      }
      cache.keepRecord(username, copied.value as RecordView);
    }
  }
}
