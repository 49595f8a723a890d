/**
 * Loads a whole list page by page (the contract pages at most 500 rows) so a long queue can be
 * filtered and sorted in the window. The list is cached like any other query (live-query.ts), under
 * its view, so a pushed change or a change made here refreshes it; the last rows stay on screen
 * until the refreshed list has arrived.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Result } from '../../../shared/contract/define';
import type { AppErrorShape } from '../../../shared/errors';
import { asShape, BrokerRefusal, type QueryArea } from './live-query';

export const PAGE_SIZE = 500;
/** The window holds at most this many rows of one list. */
export const MAX_ROWS = 20_000;

export interface AllPages<T, E> {
  rows: T[];
  total: number;
  extra: E | undefined;
  loaded: boolean;
  error: AppErrorShape | undefined;
  reload: () => Promise<void>;
}

interface Collected<T, E> {
  rows: T[];
  total: number;
  extra: E;
}

export function useAllPages<T, E = object>(
  view: QueryArea,
  key: readonly unknown[],
  fetchPage: (offset: number, limit: number) => Promise<Result<{ rows: T[]; total: number } & E>>,
): AllPages<T, E> {
  const query = useQuery({
    queryKey: [view, ...key, 'all-pages'],
    queryFn: async (): Promise<Collected<T, E>> => {
      const rows: T[] = [];
      let total = 0;
      let extra = {} as E;
      for (let offset = 0; offset < MAX_ROWS; offset += PAGE_SIZE) {
        const result = await fetchPage(offset, PAGE_SIZE);
        if (!result.ok) throw new BrokerRefusal(result.error);
        const { rows: pageRows, total: pageTotal, ...rest } = result.value;
        rows.push(...pageRows);
        total = pageTotal;
        extra = rest as unknown as E;
        if (pageRows.length < PAGE_SIZE || rows.length >= pageTotal) break;
      }
      return { rows, total, extra };
    },
  });
  const { refetch } = query;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  // A list whose parameters changed shows as loading until its own rows arrive, not the last list's.
  const current = query.data !== undefined && !query.isPlaceholderData;
  return {
    rows: query.data?.rows ?? [],
    total: query.data?.total ?? 0,
    extra: query.data?.extra,
    loaded: current || query.isError,
    error: asShape(query.error),
    reload,
  };
}
