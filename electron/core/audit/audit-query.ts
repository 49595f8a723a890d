/** Listing audit events for the administrator's audit screen. */
import type { Db } from '../store/sql';
import type { AuditEventRow } from '../../../shared/contract';
import { all, one, sql, sqlAnd } from '../store/sql';

export interface AuditFilter {
  from?: number | undefined;
  to?: number | undefined;
  crn?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  limit: number;
  offset: number;
}

export async function listAuditEvents(db: Db, f: AuditFilter): Promise<{ rows: AuditEventRow[]; total: number }> {
  const where = sqlAnd([
    f.from !== undefined && sql`at >= ${f.from}`,
    f.to !== undefined && sql`at < ${f.to}`,
    f.crn !== undefined && sql`crn = ${f.crn}`,
    f.actor !== undefined && sql`actor = ${f.actor}`,
    f.action !== undefined && sql`action = ${f.action}`,
  ]);
  const rows = await all<AuditEventRow>(
    db,
    sql`SELECT seq, at, actor, action, subject, crn, details FROM audit_events WHERE ${where} ORDER BY seq DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  const total = (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_events WHERE ${where}`))?.n ?? 0;
  return { rows, total };
}
