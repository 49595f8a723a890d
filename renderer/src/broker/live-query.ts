/**
 * Data from the broker through one query cache (TanStack Query), so a change refreshes every screen
 * that shows it instead of each screen polling on its own timer. Each query's key starts with the
 * live view it belongs to (LIVE_VIEWS in shared/contract/live-updates.ts: notifications, inbox,
 * hubQueue, myRequests, myAccess, record, emergencyReviews), so a "view changed" event pushed by the
 * broker invalidates exactly those queries, and a change made here refreshes them at once. In case
 * a push is missed, the cache still asks again for what is on screen: every five minutes while live
 * updates flow, every 15 seconds when they do not (refresh-intervals.ts).
 */
import { keepPreviousData, QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Result } from '../../../shared/contract/define';
import type { LiveView } from '../../../shared/contract/live-updates';
import type { AppErrorShape } from '../../../shared/errors';
import { brokerConnection, onConnectionChanged, onViewsChanged } from './live-updates';
import { liveUpdatesFlowing, refreshInterval } from './refresh-intervals';

/** Something loaded from the broker, as a screen shows it. */
export interface Loaded<T> {
  value: T | undefined;
  error: AppErrorShape | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * What the broker does not push a view for, cached under its own name: people and their records'
 * summaries, a caseload, absences and deputies, the administrators' screens, reports. Changes made
 * in this window refresh them, and so do pushed changes to the views they depend on.
 */
export type LocalArea = 'people' | 'caseload' | 'absences' | 'admin' | 'reports';
export type QueryArea = LiveView | LocalArea;

/** A pushed change to a view also refreshes the areas that show the same things. */
const ALSO_CHANGES: Partial<Record<LiveView, readonly QueryArea[]>> = {
  inbox: ['caseload'],
  hubQueue: ['caseload'],
  myRequests: ['people'],
  myAccess: ['people', 'caseload', 'record'],
  record: ['people'],
};

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Read at each answer, so it follows the connection: rare while pushes arrive, often otherwise.
      refetchInterval: () => refreshInterval(brokerConnection()),
      // The broker answers refusals as values; asking again would only delay showing them.
      retry: false,
      // A list being refreshed keeps showing its last rows instead of flickering to "Loading…".
      placeholderData: keepPreviousData,
    },
  },
});

// The host tells the page which views changed (live-updates.ts): refresh exactly their queries.
onViewsChanged((views) => {
  const areas = new Set<QueryArea>();
  for (const view of views) for (const area of [view, ...(ALSO_CHANGES[view] ?? [])]) areas.add(area);
  for (const area of areas) void queryClient.invalidateQueries({ queryKey: [area] });
});

// When live updates stop, polling takes over at once: each polled query is asked now (a push may
// have been missed), which also replaces its five-minute wait with the short one. Screens that do
// not poll (a decision being written) are left alone. When updates flow again, the next answer
// sets the long wait, and the bridge's own refresh after an outage covers what was missed.
let flowing = liveUpdatesFlowing(brokerConnection());
onConnectionChanged(() => {
  const now = liveUpdatesFlowing(brokerConnection());
  const stopped = flowing && !now;
  flowing = now;
  if (stopped) void queryClient.refetchQueries({ type: 'active', predicate: (q) => q.observers.some((o) => o.options.refetchInterval !== false) });
});

/** A refusal from the broker, carried through the cache to the screen as the broker worded it. */
export class BrokerRefusal extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
  }
}

export const asShape = (error: unknown): AppErrorShape | undefined =>
  error instanceof BrokerRefusal ? error.shape : error ? { code: 'INTERNAL', message: 'The broker could not be reached. Try again.' } : undefined;

/**
 * Loads something that belongs to a live view. `key` says which of that view's things it is (for
 * example a request's id); the loader's result is cached under [view, ...key]. `poll: false` for a
 * screen where someone is writing (a decision): it is not asked for again on a timer or on focus.
 * `keepPrevious` keeps the last answer on screen while another page or filter of a list loads.
 */
export function useLiveQuery<T>(view: QueryArea, key: readonly unknown[], loader: () => Promise<Result<T>>, options: { poll?: boolean; keepPrevious?: boolean } = {}): Loaded<T> {
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
  // While another key loads, the last key's answer is shown only where it is the same kind of list
  // (another page, another filter), never as another person's or request's details.
  const value = query.isPlaceholderData && !options.keepPrevious ? undefined : query.data;
  return { value, error: asShape(query.error), loading: query.isFetching, reload };
}

/** After a change made here: refresh every query of the views it touches, on every screen. */
export function useRefreshViews(): (...views: QueryArea[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...views: QueryArea[]) => {
      await Promise.all(views.map((view) => client.invalidateQueries({ queryKey: [view] })));
    },
    [client],
  );
}
