/**
 * A long list loaded a page at a time by key: the first page when the screen opens (or its filter
 * changes), the next one when the reader scrolls near the end. The window never holds more than
 * the reader has scrolled through, however long the list. A reload fetches again as many rows as
 * are shown, so the list stays where the reader is.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/contract/define';
import type { AppErrorShape } from '../../../shared/errors';

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
  fetchPage: (after: K | null, limit: number) => Promise<Result<KeysetAnswer<T, K> & E>>,
  deps: readonly unknown[],
): KeysetPages<T, E> {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [extra, setExtra] = useState<E | undefined>(undefined);
  const [next, setNext] = useState<K | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppErrorShape | undefined>(undefined);
  const ticket = useRef(0);
  const busy = useRef(false);
  const shown = useRef(0);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  /** Fetches from the start until at least `want` rows (or the end), then shows them. */
  const loadFromStart = useCallback(async (want: number) => {
    const mine = ++ticket.current;
    busy.current = true;
    const collected: T[] = [];
    let after: K | null = null;
    for (;;) {
      const result = await fetchRef.current(after, KEYSET_PAGE_SIZE);
      if (mine !== ticket.current) return;
      if (!result.ok) {
        setError(result.error);
        setLoaded(true);
        busy.current = false;
        return;
      }
      const { rows: pageRows, total: pageTotal, next: pageNext, ...rest } = result.value;
      collected.push(...pageRows);
      after = pageNext;
      if (after === null || collected.length >= want) {
        setRows(collected);
        setTotal(pageTotal);
        setExtra(rest as unknown as E);
        setNext(after);
        setError(undefined);
        setLoaded(true);
        shown.current = collected.length;
        busy.current = false;
        return;
      }
    }
  }, []);

  const loadMore = useCallback(() => {
    if (busy.current || next === null) return;
    const mine = ticket.current;
    busy.current = true;
    void fetchRef.current(next, KEYSET_PAGE_SIZE).then((result) => {
      busy.current = false;
      if (mine !== ticket.current) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const { rows: pageRows, total: pageTotal, next: pageNext, ...rest } = result.value;
      setRows((current) => {
        shown.current = current.length + pageRows.length;
        return [...current, ...pageRows];
      });
      setTotal(pageTotal);
      setExtra(rest as unknown as E);
      setNext(pageNext);
    });
  }, [next]);

  const reload = useCallback(() => loadFromStart(Math.max(shown.current, 1)), [loadFromStart]);

  useEffect(() => {
    shown.current = 0;
    // The list's parameters changed: show it as loading until the new rows arrive.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLoaded(false);
    void loadFromStart(1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { rows, total, extra, loaded, error, more: next !== null, loadMore, reload };
}
