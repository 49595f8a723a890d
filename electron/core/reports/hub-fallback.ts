/**
 * Fallback: the share of requests that went to the NPS hub, and why: the offender manager was
 * away or inactive, no offender manager was recorded, or the deadline passed undecided. Summed
 * from the period's grouped counts.
 */
import type { FallbackReport } from '../../../shared/contract/reports';
import { HUB_REASONS, type HubReason } from '../../../shared/contract/vocabulary';
import { shareOf } from './nearest-rank';
import { countsByGroup, total, type PeriodCount } from './period-counts';
import { groupLabel, inGroupOrder } from './period-requests';
import type { ReportInputs } from './report-inputs';

export const HUB_REASON_REPORT_LABELS: Record<HubReason, string> = {
  OWNER_ABSENT: 'Offender manager away (leave, sickness, training)',
  OWNER_INACTIVE: 'Offender manager’s account not active',
  NO_OWNER: 'No offender manager recorded',
  DEADLINE_MISSED: 'Deadline passed undecided',
  NEEDED_SOON: 'Needed too soon to take turns (a close needed-by, or immediate safety): sent to the offender manager and the hub together',
  REQUESTER_IS_ONLY_DECIDER: 'The only deputy in was the requester',
};

const countReason = (counts: readonly PeriodCount[], reason: HubReason) => total(counts, (c) => c.hubReason === reason);
const countToHub = (counts: readonly PeriodCount[]) => total(counts, (c) => c.hubReason !== null);

export function hubFallback({ counts, breakdown, names }: ReportInputs): FallbackReport {
  const requests = total(counts);
  const toHub = countToHub(counts);
  return {
    requests,
    toHub,
    shareToHub: shareOf(toHub, requests),
    reasons: HUB_REASONS.map((reason) => {
      const count = countReason(counts, reason);
      return { reason, label: HUB_REASON_REPORT_LABELS[reason], count, share: shareOf(count, toHub) };
    }),
    byGroup:
      breakdown === 'NONE'
        ? []
        : inGroupOrder(
            [...countsByGroup(counts)].map(([key, members]) => {
              const all = total(members);
              const hub = countToHub(members);
              return {
                key,
                label: groupLabel(names, breakdown, key),
                requests: all,
                toHub: hub,
                shareToHub: shareOf(hub, all),
                ownerAbsent: countReason(members, 'OWNER_ABSENT'),
                ownerInactive: countReason(members, 'OWNER_INACTIVE'),
                noOwner: countReason(members, 'NO_OWNER'),
                deadlineMissed: countReason(members, 'DEADLINE_MISSED'),
              };
            }),
          ),
  };
}
