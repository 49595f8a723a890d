/**
 * The report as CSV: one file per table, a header row then the figures, through the app's one CSV
 * writer (which neutralises cells a spreadsheet would run as a formula: names come from imports).
 */
import type { CsvFile, Report, ReportTableId } from '../../../shared/contract/reports';
import { reportTables, type ReportTable } from '../../../shared/contract/report-tables';
import { csvText } from '../csv/csv-writer';

export const tableCsv = (t: ReportTable): string => csvText([t.columns, ...t.rows], { lineEnding: '\r\n' });

/** Every table of the report (or just `only`), named `<table>.csv`. */
export function reportCsvFiles(report: Report, only?: ReportTableId): CsvFile[] {
  return reportTables(report)
    .filter((t) => only === undefined || t.id === only)
    .map((t) => ({ table: t.id, filename: `${t.id}.csv`, csv: tableCsv(t), rows: t.rows.length }));
}
