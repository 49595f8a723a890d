/**
 * Grants in force at the report's `asOf` (in date and not revoked), by scope, and those ending in
 * the seven days after it, so owners and practitioners can be told before access lapses.
 */
import type { Db } from '../store/sql';
import { SCOPES, SCOPE_LABELS, type Scope } from '../../../shared/domain/access';
import type { GrantsReport } from '../../../shared/contract/reports';
import { DAY } from '../clock/clock';
import { all, sql } from '../store/sql';
import { NO_STAFF_RECORD } from './period-requests';
import type { ReportPeriod } from './report-period';

export const EXPIRING_WITHIN_DAYS = 7;

interface GrantRecord {
  id: number;
  kind: 'REQUEST' | 'EMERGENCY';
  scope: Scope;
  end_at: number;
  grantee_name: string;
  team: string | null;
  provider: string | null;
}

export async function grantsReport(db: Db, period: ReportPeriod, listLimit: number): Promise<GrantsReport> {
  const { asOf } = period;
  const live = await all<GrantRecord>(
    db,
    sql`SELECT g.id, g.kind, g.scope, g.end_at, u.display_name AS grantee_name, t.name AS team, p.name AS provider
        FROM grants g JOIN users u ON u.id = g.grantee_user_id
        LEFT JOIN staff s ON s.code = u.staff_code LEFT JOIN teams t ON t.code = s.team_code LEFT JOIN providers p ON p.code = t.provider_code
        WHERE g.end_at > ${asOf} AND g.start_at <= ${asOf} AND (g.revoked_at IS NULL OR g.revoked_at > ${asOf})
        ORDER BY g.end_at, g.id`,
  );
  const expiring = live.filter((g) => g.end_at <= asOf + EXPIRING_WITHIN_DAYS * DAY);
  return {
    totalActive: live.length,
    byScope: SCOPES.map((scope) => {
      const of = live.filter((g) => g.scope === scope);
      return { scope, label: SCOPE_LABELS[scope], active: of.length, fromRequests: of.filter((g) => g.kind === 'REQUEST').length, emergency: of.filter((g) => g.kind === 'EMERGENCY').length };
    }),
    expiring: {
      total: expiring.length,
      rows: expiring.slice(0, listLimit).map((g) => ({
        grantId: g.id,
        kind: g.kind,
        scope: g.scope,
        granteeName: g.grantee_name,
        granteeTeam: g.team ?? NO_STAFF_RECORD,
        granteeProvider: g.provider ?? NO_STAFF_RECORD,
        endsAt: g.end_at,
      })),
    },
  };
}
