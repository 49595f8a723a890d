/**
 * Writes a report to a folder for people without the app: one CSV per table and report.html.
 * Files are created readable only by their owner and never overwrite anything unless asked,
 * and the export is audited (which tables and how many rows, never the figures).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../store/sql';
import type { Report } from '../../../shared/contract/reports';
import { reportCsvFiles } from './csv-export';
import { reportHtml } from './html-export';
import { auditReportExport } from './reports-service';

export const HTML_REPORT_FILE = 'report.html';

export interface WrittenReport {
  dir: string;
  files: { name: string; rows: number | null; bytes: number }[];
}

export async function writeReportFiles(db: Db, report: Report, dir: string, o: { actor: string; at: number; overwrite: boolean }): Promise<WrittenReport> {
  const folder = resolve(dir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const csv = reportCsvFiles(report);
  const html = reportHtml(report);
  const outputs = [...csv.map((f) => ({ name: f.filename, text: f.csv, rows: f.rows as number | null })), { name: HTML_REPORT_FILE, text: html, rows: null }];
  const flag = o.overwrite ? 'w' : 'wx';
  for (const out of outputs) writeFileSync(join(folder, out.name), out.text, { mode: 0o600, flag });
  await auditReportExport(db, o.at, o.actor, { format: 'CSV', report, tables: csv.map((f) => f.table), rows: csv.reduce((n, f) => n + f.rows, 0) });
  await auditReportExport(db, o.at, o.actor, { format: 'HTML', report, tables: csv.map((f) => f.table), rows: csv.reduce((n, f) => n + f.rows, 0) });
  return { dir: folder, files: outputs.map((out) => ({ name: out.name, rows: out.rows, bytes: Buffer.byteLength(out.text) })) };
}
