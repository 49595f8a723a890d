/**
 * A GOV.UK table for long lists (an inbox of 10,000 requests): only the rows in view of the window
 * are in the page, between two spacer rows that keep the page's height right. The page itself
 * scrolls (no box scrolling inside the page, which hid rows of even a short list). Sorting is by the
 * column headers (MoJ sortable table pattern, aria-sort); filtering is done by the screen. Screen
 * readers are told the full row count and each row's position. At narrow widths each row is shown
 * as a stacked summary, every value under its column's name (app.css), rather than cut-off columns.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { sortRows, type Column, type SortState } from './sort-rows';

export type { Column, SortState } from './sort-rows';

interface VirtualTableProps<T> {
  caption: string;
  /** Shown after the caption, e.g. "(2,340 of 10,000)". */
  captionDetail?: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  rowClass?: (row: T) => string;
  initialSort?: SortState;
  /** Estimated row height in pixels; rows are measured as they render. */
  estimate?: number;
  testId?: string;
  emptyText?: string;
  /** Rows in the whole list when only some are loaded (told to screen readers). */
  totalRows?: number;
  /** Called when the reader scrolls near the last loaded row: load the next page. */
  onNearEnd?: () => void;
}

/** How many rows before the end the next page is asked for. */
const NEAR_END_ROWS = 40;

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { caption, captionDetail, rows, columns, rowKey, rowClass, initialSort, estimate = 60, testId, emptyText = 'Nothing to show.', totalRows, onNearEnd } = props;
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const tableRef = useRef<HTMLTableElement>(null);
  // Where the table starts in the page: the window's scroll position is counted from there.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      const top = tableRef.current ? tableRef.current.getBoundingClientRect().top + window.scrollY : 0;
      setScrollMargin((current) => (Math.abs(current - top) > 1 ? top : current));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: sorted.length,
    estimateSize: () => estimate,
    overscan: 8,
    scrollMargin,
  });
  const items = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const before = items.length > 0 ? items[0]!.start - scrollMargin : 0;
  const after = items.length > 0 ? total - (items[items.length - 1]!.end - scrollMargin) : 0;
  const lastShown = items.length > 0 ? items[items.length - 1]!.index : -1;
  useEffect(() => {
    if (onNearEnd && sorted.length > 0 && lastShown >= sorted.length - NEAR_END_ROWS) onNearEnd();
  }, [onNearEnd, lastShown, sorted.length]);

  const toggleSort = (key: string) =>
    setSort((current) =>
      current?.key === key ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: 'ascending' },
    );

  return (
    <div className="rab-long-list" data-testid={testId}>
      <table className="govuk-table rab-stacking-table" ref={tableRef} aria-rowcount={(totalRows ?? sorted.length) + 1}>
        <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">
          {caption} {captionDetail ? <span className="rab-table-caption-count">{captionDetail}</span> : null}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row" aria-rowindex={1}>
            {columns.map((column) => {
              const ariaSort = column.compare ? (sort?.key === column.key ? sort.direction : 'none') : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={`govuk-table__header ${column.numeric ? 'govuk-table__header--numeric' : ''}`.trim()}
                  aria-sort={ariaSort}
                >
                  {column.compare ? (
                    <button type="button" onClick={() => toggleSort(column.key)} data-testid={`sort-${column.key}`}>
                      {column.header}
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {sorted.length === 0 ? (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={columns.length}>
                {emptyText}
              </td>
            </tr>
          ) : null}
          {before > 0 ? (
            <tr className="rab-spacer-row" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: before }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = sorted[item.index]!;
            return (
              <tr
                key={rowKey(row)}
                className={`govuk-table__row ${rowClass?.(row) ?? ''}`.trim()}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
                data-testid="virtual-row"
              >
                {columns.map((column) => (
                  <td key={column.key} className={`govuk-table__cell ${column.numeric ? 'govuk-table__cell--numeric' : ''}`.trim()} data-label={column.header}>
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
          {after > 0 ? (
            <tr className="rab-spacer-row" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: after }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
