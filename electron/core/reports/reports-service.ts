/**
 * Reports as a service: the policy is asked (hub staff, administrators, NPS senior probation
 * officers), the report is built, and every export is audited with what left the app: the
 * period, the breakdown, the tables and how many rows. Exports hold access facts only.
 */
import type { Db } from '../store/sql';
import type { Breakdown, CsvFile, Report, ReportTableId } from '../../../shared/contract/reports';
import { appendAuditEvent } from '../audit/audit-log';
import { auditActor, authorise, type BrokerContext } from '../broker/context';
import type { Actor } from '../policy/actor';
import type { ReportsResource } from '../policy/resources';
import { one, sql } from '../store/sql';
import { buildReport } from './build-report';
import { reportCsvFiles } from './csv-export';
import { reportPeriodFor } from './report-period';

export interface ReportRequest {
  from: string;
  to: string;
  breakdown: Breakdown;
}

export async function reportsResource(db: Db, actor: Actor): Promise<ReportsResource> {
  const staff = actor.staffCode
    ? await one<{ grade: string; sector: string }>(
        db,
        sql`SELECT s.grade, p.sector FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code WHERE s.code = ${actor.staffCode}`,
      )
    : undefined;
  return { kind: 'reports', npsSeniorManager: staff?.grade === 'SPO' && staff.sector === 'NPS' };
}

export async function viewReport(ctx: BrokerContext, actor: Actor, input: ReportRequest): Promise<Report> {
  const now = ctx.clock.now();
  authorise(actor, 'reports.view', await reportsResource(ctx.db, actor), now);
  return buildReport(ctx.db, await reportPeriodFor(ctx.db, input.from, input.to, now), { breakdown: input.breakdown, generatedAt: now });
}

export interface ReportExportFacts {
  format: 'CSV' | 'HTML';
  report: Report;
  tables: readonly ReportTableId[];
  rows: number;
}

/** The audit event of an export: what period and tables left the app, never the figures themselves. */
export async function auditReportExport(db: Db, at: number, actor: string, e: ReportExportFacts): Promise<void> {
  await appendAuditEvent(db, {
    at,
    actor,
    action: 'report.export',
    subject: `report:${e.report.period.from}..${e.report.period.to}`,
    details: { format: e.format, from: e.report.period.from, to: e.report.period.to, breakdown: e.report.breakdown, tables: [...e.tables], rows: e.rows },
  });
}

export async function exportReportCsv(ctx: BrokerContext, actor: Actor, input: ReportRequest & { table?: ReportTableId | undefined }): Promise<{ files: CsvFile[] }> {
  const report = await viewReport(ctx, actor, input);
  const files = reportCsvFiles(report, input.table).map((f) => ({ ...f, filename: `report-${report.period.from}-to-${report.period.to}-${f.filename}` }));
  await auditReportExport(ctx.db, ctx.clock.now(), auditActor(actor), { format: 'CSV', report, tables: files.map((f) => f.table), rows: files.reduce((n, f) => n + f.rows, 0) });
  return { files };
}
