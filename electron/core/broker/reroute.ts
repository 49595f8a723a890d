/**
 * Re-routing a pending request when its case changes hands or its owner becomes unavailable.
 * A conditional UPDATE on the request's previous routing makes it safe to run twice.
 */
import type { Db } from '../store/sql';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { scopeInSentence } from '../../../shared/domain/access';
import { appendAuditEvent } from '../audit/audit-log';
import { notifyUsers, ownerSideUsers } from '../notifications/notify';
import { run, sql } from '../store/sql';
import { caseOwner, formatWhen, laoFacts } from './case-facts';
import type { RequestRecord } from './request-record';
import { planRoute, routedTo } from './routing';

export type RerouteCause = 'CASE_TRANSFERRED' | 'OWNER_UNAVAILABLE' | 'REQUESTER_IS_ONLY_DECIDER';

/** Returns true when the request moved. */
export async function rerouteRequest(db: Db, policy: PolicySettings, r: RequestRecord, cause: RerouteCause, actor: string, now: number): Promise<boolean> {
  const owner = await caseOwner(db, r.crn) ?? null;
  // Escalated requests, and those the owner and hub hold together, stay with the hub; only the owner they show is brought up to date.
  if (r.status === 'PENDING_HUB' && (r.hub_reason === 'DEADLINE_MISSED' || r.route_reason === 'NEEDED_SOON')) {
    if (owner === r.owner_staff_code) return false;
    const changed = (await run(db, sql`UPDATE requests SET owner_staff_code = ${owner} WHERE id = ${r.id} AND status = 'PENDING_HUB' AND owner_staff_code IS NOT DISTINCT FROM ${r.owner_staff_code}`)).changes;
    if (changed === 1) {
      await appendAuditEvent(db, { at: now, actor, action: 'request.reroute', subject: `request:${r.id}`, crn: r.crn, details: { cause, from: r.owner_staff_code, to: owner, status: r.status } });
      await notifyUsers(db, await ownerSideUsers(db, owner, now), rerouted(r, 'It is with the hub, past its deadline; you may still decide it.', now));
    }
    return changed === 1;
  }
  const restricted = (await laoFacts(db, r.crn, r.requester_staff_code, now)).restricted;
  const routing = await planRoute(db, policy, { crn: r.crn, restricted, requesterStaffCode: r.requester_staff_code, urgency: r.urgency, neededBy: r.needed_by }, now);
  if (routing.status === r.status && routing.ownerStaffCode === r.owner_staff_code && routing.routeReason === r.route_reason) return false;
  // A new owner gets a fresh deadline; an owner becoming unavailable does not move the deadline.
  const deadline = cause === 'CASE_TRANSFERRED' ? routing.deadline : r.deadline;
  const changed = (await run(
    db,
    sql`UPDATE requests SET status = ${routing.status}, queue = ${routing.queue}, owner_staff_code = ${routing.ownerStaffCode},
          hub_reason = ${routing.hubReason}, hub_reason_text = ${routing.hubReasonText}, route_reason = ${routing.routeReason},
          routed_at = ${now}, deadline = ${deadline}
        WHERE id = ${r.id} AND status = ${r.status} AND owner_staff_code IS NOT DISTINCT FROM ${r.owner_staff_code}`,
  )).changes;
  if (changed !== 1) return false;
  await appendAuditEvent(db, {
    at: now, actor, action: 'request.reroute', subject: `request:${r.id}`, crn: r.crn,
    details: { cause, from: r.owner_staff_code, to: routing.ownerStaffCode, status: routing.status, hubReason: routing.routeReason ?? routing.hubReason, deadline },
  });
  const to = (await routedTo(db, routing, now)).filter((u) => u !== r.requester_user_id);
  const due = `Decide by ${formatWhen(deadline, policy.workingHours.timeZone)}.`;
  const why = routing.routeReason === 'NEEDED_SOON' ? `${due} ${capitalise(routing.hubReasonText!)}; the first decision wins.`
    : routing.status === 'PENDING_HUB' ? `It is with the hub because ${routing.hubReasonText}.` : due;
  await notifyUsers(db, to, rerouted(r, why, now));
  return true;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const rerouted = (r: RequestRecord, why: string, now: number) => ({
  kind: 'REQUEST_REROUTED' as const,
  at: now,
  crn: r.crn,
  requestId: r.id,
  title: `Request for ${r.crn} passed to you`,
  body: `A request for ${scopeInSentence(r.scope)} access has been routed to you. ${why}`,
});
