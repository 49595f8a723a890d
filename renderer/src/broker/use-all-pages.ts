/**
 * Loads a whole list page by page (the contract pages at most 500 rows) so a long queue can be
 * filtered and sorted in the window. Rows show as pages arrive; a reload replaces them when done.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/contract/define';
import type { AppErrorShape } from '../../../shared/errors';

export const PAGE_SIZE = 500;
/** The window holds at most this many rows of one list. */
export const MAX_ROWS = 20_000;

export interface Page<T, E = object> {
  rows: T[];
  total: number;
  extra: E;
}

export interface AllPages<T, E> {
  rows: T[];
  total: number;
  extra: E | undefined;
  loaded: boolean;
  error: AppErrorShape | undefined;
  reload: () => Promise<void>;
}

export function useAllPages<T, E = object>(
  fetchPage: (offset: number, limit: number) => Promise<Result<{ rows: T[]; total: number } & E>>,
  deps: readonly unknown[],
): AllPages<T, E> {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [extra, setExtra] = useState<E | undefined>(undefined);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppErrorShape | undefined>(undefined);
  const ticket = useRef(0);
  const shownOnce = useRef(false);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  const reload = useCallback(async () => {
    const mine = ++ticket.current;
    const collected: T[] = [];
    // On the first load rows show as pages come; a reload swaps the whole list in at the end.
    const progressive = !shownOnce.current;
    for (let offset = 0; offset < MAX_ROWS; offset += PAGE_SIZE) {
      const result = await fetchRef.current(offset, PAGE_SIZE);
      if (mine !== ticket.current) return;
      if (!result.ok) {
        setError(result.error);
        setLoaded(true);
        return;
      }
      const { rows: pageRows, total: pageTotal, ...rest } = result.value;
      collected.push(...pageRows);
      setTotal(pageTotal);
      setExtra(rest as unknown as E);
      if (progressive) setRows([...collected]);
      if (pageRows.length < PAGE_SIZE || collected.length >= pageTotal) break;
    }
    shownOnce.current = true;
    setRows([...collected]);
    setError(undefined);
    setLoaded(true);
  }, []);

  useEffect(() => {
    shownOnce.current = false;
    // The list's parameters changed: show it as loading until the new rows arrive.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLoaded(false);
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { rows, total, extra, loaded, error, reload };
}
