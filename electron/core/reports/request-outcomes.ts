/**
 * Outcomes of the period's requests as they stood at the report's `asOf`: approved as asked,
 * approved but narrowed or shortened, refused (with the reasons grouped), withdrawn, still pending.
 * Summed from the period's grouped counts.
 */
import { OUTCOMES, OUTCOME_LABELS, type OutcomesReport } from '../../../shared/contract/reports';
import { DENY_REASON_CODES, DENY_REASON_LABELS } from '../../../shared/contract/vocabulary';
import { shareOf } from './nearest-rank';
import { countsByGroup, total, type PeriodCount } from './period-counts';
import { groupLabel, inGroupOrder } from './period-requests';
import { refusalReviews } from './refusal-reviews';
import type { ReportInputs } from './report-inputs';

const countOutcome = (counts: readonly PeriodCount[], outcome: string) => total(counts, (c) => c.outcome === outcome);

export async function requestOutcomes(i: ReportInputs): Promise<OutcomesReport> {
  const { counts, breakdown, names } = i;
  const requests = total(counts);
  const denied = countOutcome(counts, 'DENIED');
  return {
    total: requests,
    rows: OUTCOMES.map((outcome) => {
      const count = countOutcome(counts, outcome);
      return { outcome, label: OUTCOME_LABELS[outcome], count, share: shareOf(count, requests) };
    }),
    refusalReasons: DENY_REASON_CODES.map((code) => {
      const count = total(counts, (c) => c.outcome === 'DENIED' && c.denyReason === code);
      return { code, label: DENY_REASON_LABELS[code], count, share: shareOf(count, denied) };
    }),
    byGroup:
      breakdown === 'NONE'
        ? []
        : inGroupOrder(
            [...countsByGroup(counts)].map(([key, members]) => ({
              key,
              label: groupLabel(names, breakdown, key),
              total: total(members),
              approved: countOutcome(members, 'APPROVED'),
              narrowed: countOutcome(members, 'NARROWED'),
              denied: countOutcome(members, 'DENIED'),
              withdrawn: countOutcome(members, 'WITHDRAWN'),
              pending: countOutcome(members, 'PENDING'),
            })),
          ),
    refusalReviews: await refusalReviews(i.db, i.period),
  };
}
