/**
 * The report as CSV: one file per table, a header row then the figures (csv-stringify). Text cells
 * that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an apostrophe,
 * because names come from imported records and a spreadsheet must never execute them.
 */
import { stringify } from 'csv-stringify/sync';
import type { CsvFile, Report, ReportTableId } from '../../../shared/contract/reports';
import { reportTables, type Cell, type ReportTable } from '../../../shared/contract/report-tables';

const FORMULA_START = /^[=+\-@\t\r]/;

export const safeCell = (cell: Cell): string | number => {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
};

export const tableCsv = (t: ReportTable): string => stringify([t.columns, ...t.rows.map((row) => row.map(safeCell))], { record_delimiter: '\r\n' });

/** Every table of the report (or just `only`), named `<table>.csv`. */
export function reportCsvFiles(report: Report, only?: ReportTableId): CsvFile[] {
  return reportTables(report)
    .filter((t) => only === undefined || t.id === only)
    .map((t) => ({ table: t.id, filename: `${t.id}.csv`, csv: tableCsv(t), rows: t.rows.length }));
}
