/** Columns of a long table and sorting its rows by one of them, stable for equal rows. */
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Present when the column can be sorted. */
  compare?: (a: T, b: T) => number;
  numeric?: boolean;
}

export interface SortState {
  key: string;
  direction: 'ascending' | 'descending';
}

export function sortRows<T>(rows: readonly T[], columns: Column<T>[], sort: SortState | null): T[] {
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !column?.compare) return [...rows];
  const compare = column.compare;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // Stable: equal rows keep the order the broker gave them.
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => sign * compare(a.row, b.row) || a.index - b.index)
    .map((x) => x.row);
}
