/**
 * Where a request goes (DESIGN.md, broker rules 2 and 3) and by when it must be decided.
 * Owner available, or an available deputy other than the requester standing in: the owner's
 * queue, due by min(now + SLA(urgency), needed-by − hub lead time). When that leaves the owner too
 * little time for the owner and then the hub to take turns, the owner and the hub get it together,
 * due by needed-by. An immediate-safety request asked with no needed-by is needed within its SLA
 * by its urgency, so it is routed as if needed by now + SLA: with the default hub lead time, the
 * owner and the hub together at once. Otherwise: the hub, at once, with the reason. A deadline is
 * never earlier than the time of asking: no request ever starts overdue.
 */
import type { Db } from '../store/sql';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import type { HubReason, Queue, RequestStatus } from '../../../shared/contract/vocabulary';
import type { Urgency } from '../../../shared/domain/access';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { MINUTE } from '../clock/clock';
import { addWorkingMinutes } from '../clock/working-time';
import { hubUsers, ownerSideUsers } from '../notifications/notify';
import { availableDeputies, caseOwner, formatWhen, localDate, staffAvailability } from './case-facts';

/** Stored in requests.route_reason (the hub_reason column's CHECK predates these two). */
export type RouteReason = Extract<HubReason, 'NEEDED_SOON' | 'REQUESTER_IS_ONLY_DECIDER'>;

export interface Routing {
  status: Extract<RequestStatus, 'PENDING_OWNER' | 'PENDING_HUB'>;
  queue: Queue;
  ownerStaffCode: string | null;
  /** The owner-side reason, as stored in requests.hub_reason. */
  hubReason: Exclude<HubReason, RouteReason> | null;
  hubReasonText: string | null;
  routeReason: RouteReason | null;
}

export interface RoutePlan extends Routing {
  deadline: number;
}

/** The owner's turn is at least this long, or the owner and the hub get the request together. */
export const LEAST_OWNER_TURN_MINUTES = 30;
/** Every deadline leaves at least this long to decide, even when needed-by is closer. */
export const LEAST_DECISION_MINUTES = 15;

export function slaDeadline(policy: PolicySettings, urgency: Urgency, from: number): number {
  const rule = policy.sla[urgency];
  return rule.clock === 'WALL'
    ? from + rule.minutes * MINUTE
    : addWorkingMinutes(from, rule.minutes, { ...policy.workingHours, bankHolidays: policy.bankHolidays });
}

/** The owner's turn: min(SLA, needed-by − hub lead time). May be before now: see planRoute. */
export function requestDeadline(policy: PolicySettings, urgency: Urgency, neededBy: number | null, now: number): number {
  const sla = slaDeadline(policy, urgency, now);
  return neededBy === null ? sla : Math.min(sla, neededBy - policy.hubLeadMinutes * MINUTE);
}

export const HUB_REASON_WORDS: Record<HubReason, string> = {
  OWNER_ABSENT: 'the offender manager is away',
  OWNER_INACTIVE: "the offender manager's account is not active",
  NO_OWNER: 'no offender manager is recorded for this person',
  DEADLINE_MISSED: 'the offender manager did not decide by the deadline',
  NEEDED_SOON: 'it is needed too soon for the offender manager and then the hub to take turns',
  REQUESTER_IS_ONLY_DECIDER: 'the only one who could decide it for the offender manager asked for it',
};

const hub = (ownerStaffCode: string | null, hubReason: Routing['hubReason'], hubReasonText: string, routeReason: RouteReason | null = null): Routing =>
  ({ status: 'PENDING_HUB', queue: 'HUB', ownerStaffCode, hubReason, hubReasonText, routeReason });

/**
 * Who decides a request for the person's current owner. Restricted records skip deputies (they
 * may not decide them), and the requester is never one of the deciders.
 */
export async function routeRequest(db: Db, crn: string, restricted: boolean, requesterStaffCode: string | null, now: number): Promise<Routing> {
  const owner = await caseOwner(db, crn) ?? null;
  if (owner === null) return hub(null, 'NO_OWNER', HUB_REASON_WORDS.NO_OWNER);
  const availability = await staffAvailability(db, owner, now);
  if (!availability) return hub(owner, 'NO_OWNER', HUB_REASON_WORDS.NO_OWNER);
  if (availability.available) return { status: 'PENDING_OWNER', queue: 'OWNER', ownerStaffCode: owner, hubReason: null, hubReasonText: null, routeReason: null };
  const deputies = restricted ? [] : await availableDeputies(db, owner, now);
  const others = deputies.filter((d) => d.staffCode !== requesterStaffCode);
  if (others.length > 0) return { status: 'PENDING_OWNER', queue: 'OWNER', ownerStaffCode: owner, hubReason: null, hubReasonText: null, routeReason: null };
  const reason = availability.reason ?? 'OWNER_ABSENT';
  const why = availability.note ?? HUB_REASON_WORDS[reason];
  if (deputies.length > 0) {
    return hub(owner, reason, `${why}, and the only deputy in, ${deputies[0]!.name}, asked for it`, 'REQUESTER_IS_ONLY_DECIDER');
  }
  return hub(owner, reason, why);
}

/** "09:30" on the day of asking, "3 Mar 09:30" on another day. */
function neededByWords(neededBy: number, now: number, timeZone: string): string {
  const sameDay = localDate(neededBy, timeZone) === localDate(now, timeZone);
  return sameDay ? format(new TZDate(neededBy, timeZone), 'HH:mm') : formatWhen(neededBy, timeZone);
}

/** Who decides and by when, for a request asked (or re-routed) at `now`. */
export async function planRoute(
  db: Db,
  policy: PolicySettings,
  r: { crn: string; restricted: boolean; requesterStaffCode: string | null; urgency: Urgency; neededBy: number | null },
  now: number,
): Promise<RoutePlan> {
  const routing = await routeRequest(db, r.crn, r.restricted, r.requesterStaffCode, now);
  const sla = slaDeadline(policy, r.urgency, now);
  const floor = now + LEAST_DECISION_MINUTES * MINUTE;
  if (routing.status === 'PENDING_HUB') {
    // The hub has it from now, so it needs no lead time before needed-by.
    return { ...routing, deadline: Math.max(floor, r.neededBy === null ? sla : Math.min(sla, r.neededBy)) };
  }
  const neededBy = r.neededBy ?? impliedNeededBy(r.urgency, sla);
  const ownerTurnEnd = requestDeadline(policy, r.urgency, neededBy, now);
  if (neededBy === null || ownerTurnEnd >= now + LEAST_OWNER_TURN_MINUTES * MINUTE) return { ...routing, deadline: Math.max(floor, ownerTurnEnd) };
  // The words name only a needed-by time the requester gave; an implied one is said as the urgency.
  const when = r.neededBy === null ? URGENCY_WORDS_FOR_ROUTE : `needed by ${neededByWords(r.neededBy, now, policy.workingHours.timeZone)}`;
  const words = `${when}: sent to the offender manager and the NPS hub together`;
  return { ...hub(routing.ownerStaffCode, null, words, 'NEEDED_SOON'), deadline: Math.max(floor, neededBy) };
}

/** Said instead of a needed-by time when an immediate-safety request gave none. */
const URGENCY_WORDS_FOR_ROUTE = 'immediate safety';

/**
 * The needed-by a request implies when it gives none: an immediate-safety request is needed within
 * its SLA, so the owner alone must not hold the whole of it before the hub may act (the mission:
 * every immediate-safety request decided within 30 minutes). Other urgencies imply none.
 */
export function impliedNeededBy(urgency: Urgency, sla: number): number | null {
  return urgency === 'IMMEDIATE_SAFETY' ? sla : null;
}

/** Everyone who holds a routed request: the owner's side, the hub, or (needed soon) both. */
export async function routedTo(db: Db, routing: Routing, now: number): Promise<number[]> {
  if (routing.status === 'PENDING_OWNER') return await ownerSideUsers(db, routing.ownerStaffCode, now);
  if (routing.routeReason === 'NEEDED_SOON') return [...new Set([...await ownerSideUsers(db, routing.ownerStaffCode, now), ...await hubUsers(db)])];
  return await hubUsers(db);
}
