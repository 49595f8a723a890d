/**
 * The subscription half of `window.broker`: `onUpdate` (which views changed), `onConnection`
 * (whether the broker can be reached) and `onSession` (the session was locked or ended). The host process pushes bridge events on one channel; this
 * fans them out to the page's listeners, passing on only checked plain data (never an IPC event
 * object), and remembers the latest connection status so a listener added later hears it at once.
 * Pure: it is given the function that delivers the host's messages, so it is tested without
 * Electron, and the browser host's bridge uses it too.
 */
import type { BridgeEvent, BrokerConnectionStatus, LiveBridge } from '../../shared/contract/broker-connection';
import { LIVE_VIEWS, type LiveUpdate, type LiveView } from '../../shared/contract/live-updates';

/** The IPC channel main sends bridge events on (not a contract channel: nothing is invoked on it). */
export const LIVE_EVENTS_CHANNEL = 'rab:live-events';

const isIds = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n));
const isView = (v: unknown): v is LiveView => (LIVE_VIEWS as readonly unknown[]).includes(v);

/** The event as plain data, or null for anything that is not a bridge event. */
export function checkedBridgeEvent(raw: unknown): BridgeEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as { kind?: unknown; update?: Partial<Record<keyof LiveUpdate, unknown>>; status?: Record<string, unknown> };
  if (e.kind === 'update' && e.update) {
    const { views, requestIds, grantIds, crns } = e.update;
    if (!Array.isArray(views) || !views.every(isView) || !isIds(requestIds) || !isIds(grantIds)) return null;
    if (!Array.isArray(crns) || !crns.every((c) => typeof c === 'string')) return null;
    return { kind: 'update', update: { views: [...views], requestIds: [...requestIds], grantIds: [...grantIds], crns: [...crns] } };
  }
  if (e.kind === 'session') return { kind: 'session' };
  if (e.kind === 'connection' && e.status) {
    const { mode, reachable, since, live } = e.status;
    if (mode === 'embedded') return { kind: 'connection', status: live === false ? { mode: 'embedded', live: false } : { mode: 'embedded' } };
    if (mode === 'connected' && reachable === true) return { kind: 'connection', status: { mode: 'connected', reachable: true } };
    if (mode === 'connected' && reachable === false && typeof since === 'number') return { kind: 'connection', status: { mode: 'connected', reachable: false, since } };
  }
  return null;
}

/** Builds the page's subscriptions; `deliver` hands every message the host sends to the function given. */
export function buildLiveBridge(deliver: (receive: (raw: unknown) => void) => void): LiveBridge {
  const updateListeners = new Set<(update: LiveUpdate) => void>();
  const connectionListeners = new Set<(status: BrokerConnectionStatus) => void>();
  const sessionListeners = new Set<() => void>();
  let latest: BrokerConnectionStatus | null = null;
  deliver((raw) => {
    const event = checkedBridgeEvent(raw);
    if (!event) return;
    if (event.kind === 'update') for (const listener of [...updateListeners]) listener(event.update);
    else if (event.kind === 'session') for (const listener of [...sessionListeners]) listener();
    else {
      latest = event.status;
      for (const listener of [...connectionListeners]) listener(event.status);
    }
  });
  return Object.freeze({
    onUpdate(listener: (update: LiveUpdate) => void) {
      const own = (update: LiveUpdate) => listener(update);
      updateListeners.add(own);
      return () => void updateListeners.delete(own);
    },
    onConnection(listener: (status: BrokerConnectionStatus) => void) {
      const own = (status: BrokerConnectionStatus) => listener(status);
      connectionListeners.add(own);
      if (latest) own(latest);
      return () => void connectionListeners.delete(own);
    },
    onSession(listener: () => void) {
      const own = () => listener();
      sessionListeners.add(own);
      return () => void sessionListeners.delete(own);
    },
  });
}
