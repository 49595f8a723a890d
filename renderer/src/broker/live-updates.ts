/**
 * Live queues in the renderer. The host (the desktop's main process, or the browser host) tells
 * the page through `window.broker.onUpdate` which views changed (LIVE_VIEWS, names and ids only);
 * screens refresh exactly those and poll only as a slow fallback. The page never opens a network
 * connection of its own for this. One subscription per page, shared by everything that listens:
 *
 *   onViewsChanged((views, update) => …)   for any code (e.g. a query cache invalidating by view name)
 *   useLiveView('inbox', reload)           a screen's reload on a change, plus the slow fallback poll
 *   useBrokerConnection()                  for the "cannot reach the broker" banner
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { BrokerConnectionStatus } from '../../../shared/contract/broker-connection';
import type { LiveUpdate, LiveView } from '../../../shared/contract/live-updates';

/** Screens still poll this often, in case a push is missed. */
export const FALLBACK_POLL_MS = 60_000;

type ViewsListener = (views: ReadonlySet<LiveView>, update: LiveUpdate) => void;

const viewListeners = new Set<ViewsListener>();
const connectionListeners = new Set<() => void>();
const sessionListeners = new Set<() => void>();
let connection: BrokerConnectionStatus | null = null;
let started = false;

/** Subscribes to the bridge once, the first time anything listens. */
function start(): void {
  if (started) return;
  started = true;
  const bridge = window.broker;
  bridge?.onUpdate?.((update) => {
    const views = new Set(update.views);
    for (const listener of [...viewListeners]) listener(views, update);
  });
  bridge?.onSession?.(() => {
    for (const listener of [...sessionListeners]) listener();
  });
  bridge?.onConnection?.((status) => {
    connection = status;
    for (const listener of [...connectionListeners]) listener();
  });
}

/** Hears which views changed; returns the function that stops it. */
export function onViewsChanged(listener: ViewsListener): () => void {
  start();
  viewListeners.add(listener);
  return () => void viewListeners.delete(listener);
}

/** Hears that the broker locked or ended this window's session (ask `auth.status` then). */
export function onSessionChanged(listener: () => void): () => void {
  start();
  sessionListeners.add(listener);
  return () => void sessionListeners.delete(listener);
}

/** Runs `refresh` when any of `views` changes, and every FALLBACK_POLL_MS (or `fallbackMs`) in case a push was missed. */
export function useLiveView(views: LiveView | readonly LiveView[], refresh: () => void, fallbackMs: number = FALLBACK_POLL_MS): void {
  const refreshRef = useRef(refresh);
  useEffect(() => {
    refreshRef.current = refresh;
  });
  const key = typeof views === 'string' ? views : views.join(' ');
  useEffect(() => {
    const wanted = key.split(' ') as LiveView[];
    const stop = onViewsChanged((changed) => {
      if (wanted.some((v) => changed.has(v))) refreshRef.current();
    });
    const poll = window.setInterval(() => refreshRef.current(), fallbackMs);
    return () => {
      stop();
      window.clearInterval(poll);
    };
  }, [key, fallbackMs]);
}

const subscribeConnection = (listener: () => void): (() => void) => {
  start();
  connectionListeners.add(listener);
  return () => void connectionListeners.delete(listener);
};

/** The broker's connection status as the host last told it (null until it has). */
export function useBrokerConnection(): BrokerConnectionStatus | null {
  return useSyncExternalStore(subscribeConnection, () => connection);
}
