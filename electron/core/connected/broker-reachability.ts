/**
 * Whether a connected desktop can reach its broker, for the banner ("Cannot reach the broker since
 * 10:42; retrying"). Every call and the push connection report what they found; once contact is
 * lost the desktop asks the broker's health check every few seconds by itself, so the banner
 * clears when the broker is back even if nobody clicks anything.
 */
import type { BrokerConnectionStatus } from '../../../shared/contract/broker-connection';

export const RETRY_EVERY_MS = 2_000;

export interface BrokerReachabilityOptions {
  /** One health check of the broker: true when it answers. */
  probe: () => Promise<boolean>;
  now?: () => number;
  retryEveryMs?: number;
}

type StatusListener = (status: BrokerConnectionStatus) => void;

export class BrokerReachability {
  private lostAt: number | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<StatusListener>();
  private closed = false;

  constructor(private readonly o: BrokerReachabilityOptions) {}

  get status(): BrokerConnectionStatus {
    return this.lostAt === null ? { mode: 'connected', reachable: true } : { mode: 'connected', reachable: false, since: this.lostAt };
  }

  /** Hears each change of status; returns the function that stops it. */
  onChange(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What a call, the push connection or a health check just found. */
  report(reachable: boolean): void {
    if (reachable === (this.lostAt === null)) return;
    if (reachable) {
      this.lostAt = null;
      this.stopRetrying();
    } else {
      this.lostAt = (this.o.now ?? Date.now)();
      this.retry();
    }
    const status = this.status;
    for (const listener of this.listeners) listener(status);
  }

  close(): void {
    this.closed = true;
    this.stopRetrying();
    this.listeners.clear();
  }

  private retry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.o.probe().then(
        (up) => (up ? this.report(true) : this.lostAt !== null && this.retry()),
        () => this.lostAt !== null && this.retry(),
      );
    }, this.o.retryEveryMs ?? RETRY_EVERY_MS);
    this.retryTimer.unref();
  }

  private stopRetrying(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
