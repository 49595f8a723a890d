/**
 * The unread notification count, shared by the header and the notifications screen through the
 * query cache (live-query.ts): refreshed when the broker says notifications changed, and set at
 * once when things are marked read here.
 */
import { useQuery } from '@tanstack/react-query';
import { call } from '../broker/call';
import { BrokerRefusal, queryClient } from '../broker/live-query';

const UNREAD_KEY = ['notifications', 'unread'] as const;

/** After marking read: the count the broker answered, without asking again. */
export function setUnreadCount(count: number): void {
  queryClient.setQueryData(UNREAD_KEY, count);
}

/**
 * Besides the live updates, the count is still asked every 15 seconds: a background call that does
 * not keep the session awake, and the way a window soon learns that the broker locked or ended its
 * session (an answer saying so brings up the lock or sign-in screen).
 */
export const SESSION_CHECK_MS = 15_000;

/** The current count (0 until the broker has answered). */
export function useUnreadCount(): number {
  const query = useQuery({
    queryKey: UNREAD_KEY,
    refetchInterval: SESSION_CHECK_MS,
    // It is asked even while the window is in the background: that is how a locked session shows.
    refetchIntervalInBackground: true,
    queryFn: async () => {
      const result = await call('notifications.list', { limit: 1, unreadOnly: true });
      if (!result.ok) throw new BrokerRefusal(result.error);
      return result.value.unread;
    },
  });
  return query.data ?? 0;
}
