/**
 * Outcomes of the period's requests as they stood at the report's `asOf`: approved as asked,
 * approved but narrowed or shortened, refused (with the reasons grouped), withdrawn, still pending.
 */
import type { Db } from '../store/sql';
import { OUTCOMES, OUTCOME_LABELS, type Breakdown, type OutcomesReport } from '../../../shared/contract/reports';
import { DENY_REASON_CODES, DENY_REASON_LABELS } from '../../../shared/contract/vocabulary';
import { shareOf } from './nearest-rank';
import { byGroup, periodRequests, type PeriodRequest } from './period-requests';
import { refusalReviews } from './refusal-reviews';
import type { ReportPeriod } from './report-period';

const countOutcome = (requests: readonly PeriodRequest[], outcome: string) => requests.filter((r) => r.outcome === outcome).length;

export async function requestOutcomes(db: Db, period: ReportPeriod, breakdown: Breakdown, given?: readonly PeriodRequest[]): Promise<OutcomesReport> {
  const requests = given ?? (await periodRequests(db, period));
  const denied = requests.filter((r) => r.outcome === 'DENIED');
  return {
    total: requests.length,
    rows: OUTCOMES.map((outcome) => {
      const count = countOutcome(requests, outcome);
      return { outcome, label: OUTCOME_LABELS[outcome], count, share: shareOf(count, requests.length) };
    }),
    refusalReasons: DENY_REASON_CODES.map((code) => {
      const count = denied.filter((r) => r.denyReason === code).length;
      return { code, label: DENY_REASON_LABELS[code], count, share: shareOf(count, denied.length) };
    }),
    byGroup: byGroup(requests, breakdown, (g, members) => ({
      key: g.key,
      label: g.label,
      total: members.length,
      approved: countOutcome(members, 'APPROVED'),
      narrowed: countOutcome(members, 'NARROWED'),
      denied: countOutcome(members, 'DENIED'),
      withdrawn: countOutcome(members, 'WITHDRAWN'),
      pending: countOutcome(members, 'PENDING'),
    })),
    refusalReviews: await refusalReviews(db, period),
  };
}
