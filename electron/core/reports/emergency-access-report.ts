/**
 * Emergency access (break-glass) in the period: how many uses, by whom, what the hub's reviews
 * found (as of the report's `asOf`), and how many people used it more than once.
 */
import type { Db } from '../store/sql';
import { EMERGENCY_REVIEW_STATES, type EmergencyReport, type EmergencyReviewState } from '../../../shared/contract/reports';
import { EMERGENCY_REVIEW_OUTCOME_LABELS, type EmergencyReviewOutcome } from '../../../shared/contract/vocabulary';
import { all, sql } from '../store/sql';
import { NO_STAFF_RECORD } from './period-requests';
import type { ReportPeriod } from './report-period';

const REVIEW_LABELS: Record<EmergencyReviewState, string> = { ...EMERGENCY_REVIEW_OUTCOME_LABELS, NOT_YET_REVIEWED: 'Not yet reviewed' };

interface UseRow {
  user_id: number;
  name: string;
  team: string | null;
  provider: string | null;
  review_outcome: EmergencyReviewOutcome | null;
  reviewed_at: number | null;
}

export async function emergencyAccessReport(db: Db, period: ReportPeriod, listLimit: number): Promise<EmergencyReport> {
  const { fromAt, toAt, asOf } = period;
  const uses = await all<UseRow>(
    db,
    sql`SELECT e.user_id, u.display_name AS name, t.name AS team, p.name AS provider, e.review_outcome, e.reviewed_at
        FROM emergency_uses e JOIN users u ON u.id = e.user_id
        LEFT JOIN staff s ON s.code = u.staff_code LEFT JOIN teams t ON t.code = s.team_code LEFT JOIN providers p ON p.code = t.provider_code
        WHERE e.used_at >= ${fromAt} AND e.used_at < ${toAt} AND e.used_at <= ${asOf}`,
  );
  const stateOf = (u: UseRow): EmergencyReviewState => (u.review_outcome !== null && u.reviewed_at !== null && u.reviewed_at <= asOf ? u.review_outcome : 'NOT_YET_REVIEWED');
  const byUser = new Map<number, EmergencyReport['byUser'][number]>();
  for (const u of uses) {
    const row = byUser.get(u.user_id) ?? {
      userId: u.user_id,
      name: u.name,
      team: u.team ?? NO_STAFF_RECORD,
      provider: u.provider ?? NO_STAFF_RECORD,
      uses: 0,
      justified: 0,
      justifiedWithAdvice: 0,
      notJustified: 0,
      notYetReviewed: 0,
    };
    row.uses++;
    const state = stateOf(u);
    if (state === 'JUSTIFIED') row.justified++;
    else if (state === 'JUSTIFIED_WITH_ADVICE') row.justifiedWithAdvice++;
    else if (state === 'NOT_JUSTIFIED_REFERRED') row.notJustified++;
    else row.notYetReviewed++;
    byUser.set(u.user_id, row);
  }
  const users = [...byUser.values()].sort((a, b) => b.uses - a.uses || a.name.localeCompare(b.name, 'en-GB') || a.userId - b.userId);
  return {
    uses: uses.length,
    users: users.length,
    repeatUsers: users.filter((u) => u.uses > 1).length,
    reviewOutcomes: EMERGENCY_REVIEW_STATES.map((outcome) => ({ outcome, label: REVIEW_LABELS[outcome], count: uses.filter((u) => stateOf(u) === outcome).length })),
    byUser: users.slice(0, listLimit),
  };
}
