/**
 * Where a request goes (DESIGN.md, broker rules 2 and 3) and by when it must be decided.
 * Owner available, or an available deputy standing in: the owner's queue, with a deadline of
 * min(now + SLA(urgency), needed-by − hub lead time). Otherwise: the hub, at once, with the reason.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import type { HubReason, Queue, RequestStatus } from '../../../shared/contract/vocabulary';
import type { Urgency } from '../../../shared/domain/access';
import { MINUTE } from '../clock/clock';
import { addWorkingMinutes } from '../clock/working-time';
import { availableDeputies, caseOwner, staffAvailability } from './case-facts';

export interface Routing {
  status: Extract<RequestStatus, 'PENDING_OWNER' | 'PENDING_HUB'>;
  queue: Queue;
  ownerStaffCode: string | null;
  hubReason: HubReason | null;
  hubReasonText: string | null;
}

export function slaDeadline(policy: PolicySettings, urgency: Urgency, from: number): number {
  const rule = policy.sla[urgency];
  return rule.clock === 'WALL'
    ? from + rule.minutes * MINUTE
    : addWorkingMinutes(from, rule.minutes, { ...policy.workingHours, bankHolidays: policy.bankHolidays });
}

export function requestDeadline(policy: PolicySettings, urgency: Urgency, neededBy: number | null, now: number): number {
  const sla = slaDeadline(policy, urgency, now);
  return neededBy === null ? sla : Math.min(sla, neededBy - policy.hubLeadMinutes * MINUTE);
}

export const HUB_REASON_WORDS: Record<HubReason, string> = {
  OWNER_ABSENT: 'the offender manager is away',
  OWNER_INACTIVE: "the offender manager's account is not active",
  NO_OWNER: 'no offender manager is recorded for this person',
  DEADLINE_MISSED: 'the offender manager did not decide by the deadline',
};

/** Routes a request for the person's current owner. Restricted records skip deputies: they may not decide. */
export function routeRequest(db: Database, crn: string, restricted: boolean, now: number): Routing {
  const owner = caseOwner(db, crn) ?? null;
  if (owner === null) {
    return { status: 'PENDING_HUB', queue: 'HUB', ownerStaffCode: null, hubReason: 'NO_OWNER', hubReasonText: HUB_REASON_WORDS.NO_OWNER };
  }
  const availability = staffAvailability(db, owner, now);
  if (!availability) {
    return { status: 'PENDING_HUB', queue: 'HUB', ownerStaffCode: owner, hubReason: 'NO_OWNER', hubReasonText: HUB_REASON_WORDS.NO_OWNER };
  }
  if (availability.available || (!restricted && availableDeputies(db, owner, now).length > 0)) {
    return { status: 'PENDING_OWNER', queue: 'OWNER', ownerStaffCode: owner, hubReason: null, hubReasonText: null };
  }
  const reason = availability.reason ?? 'OWNER_ABSENT';
  return { status: 'PENDING_HUB', queue: 'HUB', ownerStaffCode: owner, hubReason: reason, hubReasonText: availability.note ?? HUB_REASON_WORDS[reason] };
}
