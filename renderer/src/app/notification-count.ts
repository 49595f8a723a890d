/**
 * The unread notification count, polled while signed in and shared by the header and the
 * notifications screen (which updates it as soon as things are marked read).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { call } from '../broker/call';

let unread = 0;
const listeners = new Set<() => void>();

export function setUnreadCount(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export async function refreshUnreadCount(): Promise<void> {
  const result = await call('notifications.list', { limit: 1, unreadOnly: true });
  if (result.ok) setUnreadCount(result.value.unread);
}

export const POLL_MS = 15_000;

/** The current count, refreshed every 15 seconds while mounted. */
export function useUnreadCount(): number {
  useEffect(() => {
    void refreshUnreadCount();
    const handle = window.setInterval(() => void refreshUnreadCount(), POLL_MS);
    return () => window.clearInterval(handle);
  }, []);
  return useSyncExternalStore(subscribe, () => unread);
}
