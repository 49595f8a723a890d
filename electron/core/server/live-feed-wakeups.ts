/**
 * When the live feed looks for changes (live-feed.ts reads what was written since its last look):
 *
 * - after each call this server answered, at once (`afterCall`);
 * - on PostgreSQL, whenever any server commits notifications: the migration's trigger NOTIFYs
 *   `rab_notifications` and one dedicated connection LISTENs (reconnecting with a growing pause);
 * - on a timer, for what neither of those covers (the sweep's escalations on the embedded store,
 *   a notification missed while the LISTEN connection was down): every POLL_MS on the embedded
 *   store or while not listening, only every FALLBACK_POLL_MS while listening.
 */
import { listenForChanges, type ChangeListener } from '../store/engine/postgres-change-listener';
import type { Db } from '../store/sql';
import type { LiveFeed } from './live-feed';

export const CHANGES_CHANNEL = 'rab_notifications';
const POLL_MS = 2_000;
const FALLBACK_POLL_MS = 30_000;

export interface LiveFeedWakeupsOptions {
  feed: LiveFeed;
  db: Db;
  /** A look failed (the store out of reach, say); the next wake-up tries again. */
  onError: (e: unknown) => void;
  /** The LISTEN connection went down or came back. */
  onListening?: (listening: boolean, error?: string) => void;
}

export class LiveFeedWakeups {
  private readonly listener: ChangeListener | null;
  private readonly timer: NodeJS.Timeout;
  private lastLook = 0;

  constructor(private readonly o: LiveFeedWakeupsOptions) {
    this.listener = listenForChanges(o.db, { channel: CHANGES_CHANNEL, onChange: () => void this.look(), ...(o.onListening ? { onState: o.onListening } : {}) });
    this.timer = setInterval(() => {
      const interval = this.listener?.listening ? FALLBACK_POLL_MS : POLL_MS;
      if (Date.now() - this.lastLook >= interval - 50) void this.look();
    }, POLL_MS);
    this.timer.unref();
  }

  /** True while changes committed through other servers are heard at once. */
  get listening(): boolean {
    return this.listener?.listening ?? false;
  }

  /** After a call: look now, unless the NOTIFY of the call's own commit will wake the feed anyway. */
  async afterCall(): Promise<void> {
    if (!this.listening) await this.look();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.listener?.close();
  }

  private async look(): Promise<void> {
    this.lastLook = Date.now();
    try {
      await this.o.feed.publish();
    } catch (e) {
      this.o.onError(e);
    }
  }
}
