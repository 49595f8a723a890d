/**
 * Data from the broker through one query cache (TanStack Query), so a change refreshes every screen
 * that shows it instead of each screen polling on its own timer. Each query's key starts with the
 * live view it belongs to (LIVE_VIEWS in shared/contract/live-updates.ts: notifications, inbox,
 * hubQueue, myRequests, myAccess, record, emergencyReviews), so a "view changed" event pushed by the
 * broker invalidates exactly those queries, and a change made here refreshes them at once. In case
 * a push is missed, the cache still asks again for what is on screen at one slow, shared interval.
 */
import { keepPreviousData, QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Result } from '../../../shared/contract/define';
import type { LiveView } from '../../../shared/contract/live-updates';
import type { AppErrorShape } from '../../../shared/errors';
import type { Loaded } from './use-load';
import { onViewsChanged } from './live-updates';

/** How often what is on screen is asked for again, in case a pushed update was missed. */
const REFRESH_MS = 15_000;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchInterval: REFRESH_MS,
      // The broker answers refusals as values; asking again would only delay showing them.
      retry: false,
      // A list being refreshed keeps showing its last rows instead of flickering to "Loading…".
      placeholderData: keepPreviousData,
    },
  },
});

// The host tells the page which views changed (live-updates.ts): refresh exactly their queries.
onViewsChanged((views) => {
  for (const view of views) void queryClient.invalidateQueries({ queryKey: [view] });
});

/** A refusal from the broker, carried through the cache to the screen as the broker worded it. */
class BrokerRefusal extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
  }
}

const asShape = (error: unknown): AppErrorShape | undefined =>
  error instanceof BrokerRefusal ? error.shape : error ? { code: 'INTERNAL', message: 'The broker could not be reached. Try again.' } : undefined;

/**
 * Loads something that belongs to a live view. `key` says which of that view's things it is (for
 * example a request's id); the loader's result is cached under [view, ...key]. `poll: false` for a
 * screen where someone is writing (a decision): it is not asked for again on a timer or on focus.
 */
export function useLiveQuery<T>(view: LiveView, key: readonly unknown[], loader: () => Promise<Result<T>>, options: { poll?: boolean } = {}): Loaded<T> {
  const poll = options.poll ?? true;
  const query = useQuery({
    queryKey: [view, ...key],
    ...(poll ? {} : { refetchInterval: false as const, refetchOnWindowFocus: false }),
    queryFn: async () => {
      const result = await loader();
      if (!result.ok) throw new BrokerRefusal(result.error);
      return result.value;
    },
  });
  const { refetch } = query;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  return { value: query.data, error: asShape(query.error), loading: query.isFetching, reload };
}

/** After a change made here: refresh every query of the views it touches, on every screen. */
export function useRefreshViews(): (...views: LiveView[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...views: LiveView[]) => {
      await Promise.all(views.map((view) => client.invalidateQueries({ queryKey: [view] })));
    },
    [client],
  );
}
