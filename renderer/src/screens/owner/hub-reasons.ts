/** Why a request is with the hub, in the words the queue shows. */
import type { HubReason } from '../../../../shared/contract/vocabulary';

export const HUB_REASON_LABELS: Record<HubReason, string> = {
  OWNER_ABSENT: 'Offender manager away',
  OWNER_INACTIVE: 'Offender manager’s account not active',
  NO_OWNER: 'No offender manager recorded',
  DEADLINE_MISSED: 'Deadline passed',
  NEEDED_SOON: 'Needed soon or immediate safety: with the offender manager too',
  REQUESTER_IS_ONLY_DECIDER: 'Only deputy in asked for it',
};
