/**
 * Who must refresh what, from the notifications table: every event a person should hear of (a
 * request in their inbox, a decision on theirs, a revocation of their access) already writes a
 * notification in the same transaction. After each call and on a short timer (for the sweep's
 * escalations and expiries) the feed reads what was written since it last looked and tells each
 * person's open push connections which views changed.
 */
import type { Db } from '../store/sql';
import { viewsForKind, type LiveUpdate, type LiveView } from '../../../shared/contract/live-updates';
import { latestNotificationId, notificationsSince } from '../notifications/list-notifications';

type Listener = (update: LiveUpdate) => void;

const BATCH = 1000;

export class LiveFeed {
  private readonly listeners = new Map<number, Set<Listener>>();
  /** Where the feed starts: the latest notification when it was made (what came before was already on screen). */
  private readonly startId: Promise<number>;
  private lastId: number | null = null;
  /** One look at a time, so two looks never tell the same change twice. */
  private looking: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {
    this.startId = latestNotificationId(db);
    this.startId.catch(() => undefined);
  }

  /** A feed whose starting point has been read. */
  static async start(db: Db): Promise<LiveFeed> {
    const feed = new LiveFeed(db);
    await feed.startId;
    return feed;
  }

  /** Starts telling `listener` about `userId`'s changes; returns the function that stops it. */
  subscribe(userId: number, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  get subscribers(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Reads what changed since the last look and tells whoever is listening. */
  publish(): Promise<void> {
    const look = this.looking.then(() => this.look());
    this.looking = look.catch(() => undefined);
    return look;
  }

  private async look(): Promise<void> {
    this.lastId ??= await this.startId;
    for (;;) {
      const rows = await notificationsSince(this.db, this.lastId, BATCH);
      if (rows.length === 0) return;
      this.lastId = rows[rows.length - 1]!.id;
      const byUser = new Map<number, { views: Set<LiveView>; requestIds: Set<number>; grantIds: Set<number>; crns: Set<string> }>();
      for (const r of rows) {
        if (!this.listeners.has(r.userId)) continue;
        let u = byUser.get(r.userId);
        if (!u) byUser.set(r.userId, (u = { views: new Set<LiveView>(['notifications']), requestIds: new Set(), grantIds: new Set(), crns: new Set() }));
        for (const v of viewsForKind(r.kind)) u.views.add(v);
        if (r.requestId !== null) u.requestIds.add(r.requestId);
        if (r.grantId !== null) u.grantIds.add(r.grantId);
        if (r.crn !== null) u.crns.add(r.crn);
      }
      for (const [userId, u] of byUser) {
        const update: LiveUpdate = { views: [...u.views], requestIds: [...u.requestIds], grantIds: [...u.grantIds], crns: [...u.crns] };
        for (const listener of this.listeners.get(userId) ?? []) listener(update);
      }
      if (rows.length < BATCH) return;
    }
  }
}
