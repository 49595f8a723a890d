/**
 * The unread notification count, refreshed when the broker says notifications changed (and slowly
 * polled besides), shared by the header and the notifications screen (which updates it as soon as
 * things are marked read).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { call } from '../broker/call';
import { useLiveView } from '../broker/live-updates';

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

/**
 * Besides the live updates, the count is still asked every 15 seconds: a background call that does
 * not keep the session awake, and the way a window soon learns that the broker locked or ended its
 * session (an answer saying so brings up the lock or sign-in screen).
 */
export const SESSION_CHECK_MS = 15_000;

/** The current count, refreshed on each change the broker announces while mounted. */
export function useUnreadCount(): number {
  useEffect(() => {
    void refreshUnreadCount();
  }, []);
  useLiveView('notifications', () => void refreshUnreadCount(), SESSION_CHECK_MS);
  return useSyncExternalStore(subscribe, () => unread);
}
