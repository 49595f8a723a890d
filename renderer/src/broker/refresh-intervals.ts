/**
 * How often the page asks again for what the broker should have pushed. While the bridge's live
 * updates are flowing, a pushed change refreshes exactly what changed, so asking again is only a
 * rare check in case one was missed. Without them (the broker cannot be reached, or a window on its
 * own store before its live updates start) polling is the only way to see changes, at the short
 * intervals the screens had before push.
 */
import type { BrokerConnectionStatus } from '../../../shared/contract/broker-connection';

/** What is on screen, asked again when nothing is pushed. */
export const FALLBACK_REFRESH_MS = 15_000;
/** The record viewer's check that its grant still stands, when nothing is pushed: it must close within seconds. */
export const FALLBACK_GRANT_CHECK_MS = 5_000;
/** Either of them while live updates are flowing: a missed push is noticed within five minutes. */
export const PUSHED_REFRESH_MS = 300_000;

/** Live updates reach this page: the host said so, and the broker (or this computer's store) is there to send them. */
export function liveUpdatesFlowing(status: BrokerConnectionStatus | null): boolean {
  if (status === null) return false;
  if (status.mode === 'embedded') return status.live !== false;
  return status.reachable;
}

export const refreshInterval = (status: BrokerConnectionStatus | null): number => (liveUpdatesFlowing(status) ? PUSHED_REFRESH_MS : FALLBACK_REFRESH_MS);

export const grantCheckInterval = (status: BrokerConnectionStatus | null): number => (liveUpdatesFlowing(status) ? PUSHED_REFRESH_MS : FALLBACK_GRANT_CHECK_MS);
