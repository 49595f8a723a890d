/**
 * What the bridge tells the renderer besides call answers: which views changed (live queues) and
 * whether the broker can be reached. The same events come from a desktop on its own store (always
 * "this computer") and from a desktop connected to `rab serve`, so the renderer treats both alike.
 */
import type { LiveUpdate } from './live-updates';

export type BrokerConnectionStatus =
  /**
   * The store is on this computer: there is nothing to lose contact with. `live: false` while the
   * window hears no changes from it (before first run has made the store): the page polls then.
   */
  | { mode: 'embedded'; live?: false }
  | { mode: 'connected'; reachable: true }
  /** `since` is when contact was lost (epoch ms); the desktop keeps trying by itself. */
  | { mode: 'connected'; reachable: false; since: number };

export type BridgeEvent =
  | { kind: 'update'; update: LiveUpdate }
  | { kind: 'connection'; status: BrokerConnectionStatus }
  /** The window's session was locked or ended by the broker (idle, expiry): the page asks its status. */
  | { kind: 'session' };

export type BridgeListener = (event: BridgeEvent) => void;

/**
 * What `window.broker` offers next to the calls: subscriptions, each returning the function that
 * ends it. The connection status is told at once to a new listener (the latest one known).
 */
export interface LiveBridge {
  onUpdate(listener: (update: LiveUpdate) => void): () => void;
  onConnection(listener: (status: BrokerConnectionStatus) => void): () => void;
  onSession(listener: () => void): () => void;
}
