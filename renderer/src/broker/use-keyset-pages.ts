/**
 * A long list loaded a page at a time by key: the first page when the screen opens (or its filter
 * changes), the next one when the reader scrolls near the end. The window never holds more than
 * the reader has scrolled through, however long the list. It is cached like any other query
 * (live-query.ts, an infinite query under its view): a refresh fetches again the pages shown, so
 * the list stays where the reader is.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Result } from '../../../shared/contract/define';
import type { AppErrorShape } from '../../../shared/errors';
import { asShape, BrokerRefusal, type QueryArea } from './live-query';

export const KEYSET_PAGE_SIZE = 200;

export interface KeysetAnswer<T, K> {
  rows: T[];
  total: number;
  next: K | null;
}

export interface KeysetPages<T, E> {
  rows: T[];
  total: number;
  extra: E | undefined;
  loaded: boolean;
  error: AppErrorShape | undefined;
  /** More rows wait on the server. */
  more: boolean;
  loadMore: () => void;
  reload: () => Promise<void>;
}

export function useKeysetPages<T, K, E = object>(
  view: QueryArea,
  key: readonly unknown[],
  fetchPage: (after: K | null, limit: number) => Promise<Result<KeysetAnswer<T, K> & E>>,
): KeysetPages<T, E> {
  const query = useInfiniteQuery({
    queryKey: [view, ...key, 'keyset-pages'],
    initialPageParam: null as K | null,
    getNextPageParam: (last: KeysetAnswer<T, K> & E) => last.next ?? undefined,
    queryFn: async ({ pageParam }) => {
      const result = await fetchPage(pageParam as K | null, KEYSET_PAGE_SIZE);
      if (!result.ok) throw new BrokerRefusal(result.error);
      return result.value;
    },
  });
  const { refetch, fetchNextPage, hasNextPage, isFetching } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetching) void fetchNextPage();
  }, [hasNextPage, isFetching, fetchNextPage]);
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  const pages = query.data?.pages ?? [];
  const last = pages.at(-1);
  const current = query.data !== undefined && !query.isPlaceholderData;
  let extra: E | undefined;
  if (last) {
    const { rows: _rows, total: _total, next: _next, ...rest } = last;
    extra = rest as unknown as E;
  }
  return {
    rows: pages.flatMap((p) => p.rows),
    total: last?.total ?? 0,
    extra,
    loaded: current || query.isError,
    error: asShape(query.error),
    more: hasNextPage,
    loadMore,
    reload,
  };
}
