/**
 * Fallback: the share of requests that went to the NPS hub, and why: the offender manager was
 * away or inactive, no offender manager was recorded, or the deadline passed undecided.
 */
import type { Db } from '../store/sql';
import type { Breakdown, FallbackReport } from '../../../shared/contract/reports';
import { HUB_REASONS, type HubReason } from '../../../shared/contract/vocabulary';
import { shareOf } from './nearest-rank';
import { byGroup, periodRequests, type PeriodRequest } from './period-requests';
import type { ReportPeriod } from './report-period';

export const HUB_REASON_REPORT_LABELS: Record<HubReason, string> = {
  OWNER_ABSENT: 'Offender manager away (leave, sickness, training)',
  OWNER_INACTIVE: 'Offender manager’s account not active',
  NO_OWNER: 'No offender manager recorded',
  DEADLINE_MISSED: 'Deadline passed undecided',
  NEEDED_SOON: 'Needed too soon to take turns: sent to the offender manager and the hub together',
  REQUESTER_IS_ONLY_DECIDER: 'The only deputy in was the requester',
};

const countReason = (requests: readonly PeriodRequest[], reason: HubReason) => requests.filter((r) => r.hubReason === reason).length;

export async function hubFallback(db: Db, period: ReportPeriod, breakdown: Breakdown, given?: readonly PeriodRequest[]): Promise<FallbackReport> {
  const requests = given ?? (await periodRequests(db, period));
  const toHub = requests.filter((r) => r.hubReason !== null).length;
  return {
    requests: requests.length,
    toHub,
    shareToHub: shareOf(toHub, requests.length),
    reasons: HUB_REASONS.map((reason) => {
      const count = countReason(requests, reason);
      return { reason, label: HUB_REASON_REPORT_LABELS[reason], count, share: shareOf(count, toHub) };
    }),
    byGroup: byGroup(requests, breakdown, (g, members) => {
      const hub = members.filter((r) => r.hubReason !== null).length;
      return {
        key: g.key,
        label: g.label,
        requests: members.length,
        toHub: hub,
        shareToHub: shareOf(hub, members.length),
        ownerAbsent: countReason(members, 'OWNER_ABSENT'),
        ownerInactive: countReason(members, 'OWNER_INACTIVE'),
        noOwner: countReason(members, 'NO_OWNER'),
        deadlineMissed: countReason(members, 'DEADLINE_MISSED'),
      };
    }),
  };
}
