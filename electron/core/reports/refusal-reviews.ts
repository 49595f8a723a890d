/**
 * Reviews of refusals, by the owner's team and the refusal's reason: how many of the period's
 * requests were refused, how many of those refusals the requester asked to have reviewed, and how
 * many reviews overturned or upheld them by the report's `asOf`. A team whose refusals are often
 * overturned is refusing without reasons that stand up.
 */
import type { Db } from '../store/sql';
import type { OutcomesReport } from '../../../shared/contract/reports';
import { DENY_REASON_LABELS, type DenyReasonCode } from '../../../shared/contract/vocabulary';
import { all, sql } from '../store/sql';
import type { ReportPeriod } from './report-period';

export async function refusalReviews(db: Db, period: ReportPeriod): Promise<OutcomesReport['refusalReviews']> {
  const { fromAt, toAt, asOf } = period;
  const rows = await all<{ team_name: string | null; code: DenyReasonCode; refused: number; reviewed: number; overturned: number; upheld: number }>(
    db,
    sql`SELECT t.name AS team_name, r.deny_reason_code AS code, count(*) AS refused,
          count(rv.id) FILTER (WHERE rv.asked_at <= ${asOf}) AS reviewed,
          count(rv.id) FILTER (WHERE rv.outcome = 'OVERTURNED' AND rv.decided_at <= ${asOf}) AS overturned,
          count(rv.id) FILTER (WHERE rv.outcome = 'UPHELD' AND rv.decided_at <= ${asOf}) AS upheld
        FROM requests r
        LEFT JOIN refusal_reviews rv ON rv.request_id = r.id
        LEFT JOIN staff s ON s.code = r.owner_staff_code
        LEFT JOIN teams t ON t.code = coalesce(rv.owner_team_code, s.team_code)
        WHERE r.status = 'DENIED' AND r.deny_reason_code IS NOT NULL AND r.decided_at <= ${asOf}
          AND r.created_at >= ${fromAt} AND r.created_at < ${toAt} AND r.created_at <= ${asOf}
        GROUP BY t.name, r.deny_reason_code
        ORDER BY t.name, r.deny_reason_code`,
  );
  return rows.map((r) => ({
    teamName: r.team_name ?? 'No team recorded',
    reasonCode: r.code,
    label: DENY_REASON_LABELS[r.code],
    refused: r.refused,
    reviewed: r.reviewed,
    overturned: r.overturned,
    upheld: r.upheld,
  }));
}
