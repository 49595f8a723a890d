/** Listing audit events for the administrator's audit screen. */
import type { Db } from '../store/sql';
import type { AuditEventRow } from '../../../shared/contract';
import { all, one, type SqlValue } from '../store/sql';

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
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  add('at >= ?', f.from);
  add('at < ?', f.to);
  add('crn = ?', f.crn);
  add('actor = ?', f.actor);
  add('action = ?', f.action);
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = await all<AuditEventRow>(db, {
    text: `SELECT seq, at, actor, action, subject, crn, details FROM audit_events ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`,
    params: [...params, f.limit, f.offset],
  });
  const total = (await one<{ n: number }>(db, { text: `SELECT count(*) AS n FROM audit_events ${where}`, params }))?.n ?? 0;
  return { rows, total };
}
