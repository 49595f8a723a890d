/**
 * Live queues in the renderer. The host (the desktop's main process, or the browser host) tells
 * the page through `window.broker.onUpdate` which views changed (LIVE_VIEWS, names and ids only);
 * the query cache (live-query.ts) refreshes exactly those, and asks again only as a fallback: rarely
 * while updates flow, often when they do not (refresh-intervals.ts).
 * The page never opens a network connection of its own for this. One subscription per page, shared by everything that listens:
 *
 *   onViewsChanged((views, update) => …)   for any code (the query cache invalidates by view name)
 *   useBrokerConnection()                  for the "cannot reach the broker" banner
 */
import { useSyncExternalStore } from 'react';
import type { BrokerConnectionStatus } from '../../../shared/contract/broker-connection';
import type { LiveUpdate, LiveView } from '../../../shared/contract/live-updates';

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

const subscribeConnection = (listener: () => void): (() => void) => {
  start();
  connectionListeners.add(listener);
  return () => void connectionListeners.delete(listener);
};

/** The connection status as the host last told it (null until it has), for code outside React. */
export const brokerConnection = (): BrokerConnectionStatus | null => connection;

/** Hears each connection status the host tells; returns the function that stops it. */
export const onConnectionChanged = (listener: () => void): (() => void) => subscribeConnection(listener);

/** The broker's connection status as the host last told it (null until it has). */
export function useBrokerConnection(): BrokerConnectionStatus | null {
  return useSyncExternalStore(subscribeConnection, () => connection);
}
