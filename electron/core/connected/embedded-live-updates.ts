/**
 * The same subscription for a desktop on its own store ("Use this computer only"): the
 * notifications table is the change feed here too (see server/live-feed.ts), read after each call
 * and on a short timer, and each window hears the changes of whoever is signed in there now. So a
 * window behaves alike in both modes: told which views changed, and told the store is on this
 * computer (there is no contact to lose).
 */
import type { BridgeListener } from '../../../shared/contract/broker-connection';
import type { Connection, SessionService } from '../auth/sessions';
import type { LiveFeed } from '../server/live-feed';

/** How often changes made outside calls (the sweep's escalations and expiries, another window) are looked for. */
export const EMBEDDED_FEED_MS = 1_000;

interface Watch {
  conn: Connection;
  listener: BridgeListener;
  userId: number | null;
  stop: (() => void) | null;
}

export interface EmbeddedLiveUpdatesOptions {
  feed: LiveFeed;
  sessions: SessionService;
  everyMs?: number;
  /** Told when reading the feed failed (it is tried again on the next tick). */
  onError?: (error: unknown) => void;
}

export class EmbeddedLiveUpdates {
  private readonly watches = new Set<Watch>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: EmbeddedLiveUpdatesOptions) {
    this.timer = setInterval(() => void this.publish(), o.everyMs ?? EMBEDDED_FEED_MS);
    this.timer.unref();
  }

  subscribe(conn: Connection, listener: BridgeListener): () => void {
    const watch: Watch = { conn, listener, userId: null, stop: null };
    this.watches.add(watch);
    listener({ kind: 'connection', status: { mode: 'embedded' } });
    this.follow(watch);
    return () => {
      watch.stop?.();
      this.watches.delete(watch);
    };
  }

  /** Tells each window what changed since the last look; run after every call and on the timer. */
  publish(): Promise<void> {
    try {
      for (const watch of this.watches) this.follow(watch);
    } catch (e) {
      this.o.onError?.(e);
    }
    return this.o.feed.publish().catch((e: unknown) => this.o.onError?.(e));
  }

  close(): void {
    clearInterval(this.timer);
    for (const watch of this.watches) watch.stop?.();
    this.watches.clear();
  }

  /** Listens for the person signed in on the window now (a locked window hears nothing). */
  private follow(watch: Watch): void {
    const session = this.o.sessions.peek(watch.conn.sessionId);
    const userId = session && !session.locked ? session.userId : null;
    if (userId === watch.userId) return;
    // Locked or ended here (idle, expiry, another window's sign-out): the window should know now, not at its next call.
    if (watch.userId !== null && userId === null) watch.listener({ kind: 'session' });
    watch.stop?.();
    watch.stop = userId === null ? null : this.o.feed.subscribe(userId, (update) => watch.listener({ kind: 'update', update }));
    watch.userId = userId;
  }
}
