/**
 * Asking for access: one person or a batch, each with its own outcome. Refusals (excluded,
 * duplicate, too long, not found) are answered per person; the rest are routed and stored in one
 * transaction, with their audit events and notifications.
 */
import { mapInOrder } from '../../../shared/async/map-in-order';
import { randomUUID } from 'node:crypto';
import type { RequestOutcome } from '../../../shared/contract';
import { scopeCovers, type Scope, type Urgency, scopeInSentence } from '../../../shared/domain/access';
import type { Purpose } from '../../../shared/contract/vocabulary';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { can } from '../policy/can';
import type { Actor } from '../policy/actor';
import { maxDurationDays } from '../policy/max-duration';
import { all, insertId, one, sql } from '../store/sql';
import { notifyUsers } from '../notifications/notify';
import { visibleName } from '../records/person-name';
import { riskSummary } from '../records/risk-summary';
import { formatWhen, hasActiveAllocation, laoFacts, officeTimeZone } from './case-facts';
import { auditActor, policyOf, writeTransaction, type BrokerContext } from './context';
import { personResource } from './request-facts';
import { loadRequest } from './request-record';
import { selectRequestViews, toRequestRow } from './request-view';
import { daysCovering, durationWords, givenMinutes, MINUTES_PER_DAY } from './durations';
import { planRoute, routedTo } from './routing';

export interface NewRequest {
  crns: string[];
  scope: Scope;
  purpose: Purpose;
  justification: string;
  urgency: Urgency;
  neededBy: number | null;
  durationDays?: number | undefined;
  durationHours?: number | undefined;
  endAt?: number | undefined;
  /** Set for an extension: the grant being extended. */
  extendsGrantId?: number | null;
}

type Refusal = Extract<RequestOutcome, { outcome: 'REFUSED' }>;
/** A request that may go ahead, with its duration (perhaps cut to the person's maximum) and notes. */
interface Accepted {
  minutes: number;
  notes: string[];
}
const refuse = (crn: string, code: Refusal['error']['code'], message: string): Refusal => ({ outcome: 'REFUSED', crn, error: { code, message } });

export async function createRequests(ctx: BrokerContext, actor: Actor, input: NewRequest): Promise<{ batchId: string | null; results: RequestOutcome[] }> {
  const now = ctx.clock.now();
  const policy = await policyOf(ctx);
  const batchId = input.crns.length > 1 ? randomUUID() : null;
  const minutes = givenMinutes(input, now);
  if (minutes === undefined) throw new AppError('INVALID_INPUT', 'Say how long access is needed: in days, in hours or until an end time.');
  return await writeTransaction(ctx, async () => {
    const results = await mapInOrder(input.crns, async (crn): Promise<RequestOutcome> => {
      const checked = await checkRequest(ctx, actor, crn, input, minutes, batchId !== null, now);
      if ('outcome' in checked) {
        await appendAuditEvent(ctx.db, {
          at: now, actor: auditActor(actor), action: 'request.refuse', subject: `person:${crn}`, crn,
          details: { code: checked.error.code, scope: input.scope, batchId },
        });
        return checked;
      }
      const id = await insertRequest(ctx, actor, crn, input, checked.minutes, batchId, now);
      const [view] = await selectRequestViews(ctx.db, now, sql`WHERE r.id = ${id}`);
      return { outcome: 'CREATED', crn, request: await toRequestRow(ctx.db, view!, actor, policy, now), notes: checked.notes };
    });
    return { batchId, results };
  });
}

async function checkRequest(ctx: BrokerContext, actor: Actor, crn: string, input: NewRequest, minutes: number, inBatch: boolean, now: number): Promise<Refusal | Accepted> {
  const db = ctx.db;
  if (!await one(db, sql`SELECT 1 FROM people WHERE crn = ${crn}`)) return refuse(crn, 'NOT_FOUND', `There is nobody with CRN ${crn}.`);
  const verdict = can(actor, 'request.create', await personResource(db, actor, crn, now), now);
  if (!verdict.allowed) {
    if (verdict.code === 'ACCESS_EXCLUDED') {
      const message = (await laoFacts(db, crn, actor.staffCode, now)).exclusionMessage ?? verdict.message;
      return refuse(crn, 'ACCESS_EXCLUDED', message);
    }
    if (verdict.code === 'FORBIDDEN') return refuse(crn, 'FORBIDDEN', verdict.message);
    throw new AppError(verdict.code, verdict.message);
  }
  const lao = await laoFacts(db, crn, actor.staffCode, now);
  const max = maxDurationDays(await policyOf(ctx), input.scope, await riskSummary(db, crn, now, lao.restricted));
  const notes: string[] = [];
  let granted = minutes;
  if (minutes > max * MINUTES_PER_DAY) {
    const words = `For this person, ${scopeInSentence(input.scope)} access can last at most ${max} days`;
    // One person's maximum must not hold up the rest of a batch: cut it, and say so.
    if (!inBatch) return refuse(crn, 'DURATION_TOO_LONG', `${words}.`);
    granted = max * MINUTES_PER_DAY;
    notes.push(`${words}: asked for ${max} days instead of ${durationWords(minutes)}.`);
  }
  if (lao.restricted && !lao.onAllowList) {
    notes.push('This record is restricted (limited access): only the offender manager or an LAO administrator in the hub can decide, so it skips deputies.');
  }
  const duplicate = await duplicateOf(ctx, actor, crn, input, now);
  return duplicate ?? { minutes: granted, notes };
}

/**
 * The request, grant or allocation that already covers this one, if any. The refusal says which
 * (`duplicateOf`) and words it about the person, by name where the requester may see it, with the
 * next step: follow the pending request, extend the grant, or read the front sheet already allowed.
 */
async function duplicateOf(ctx: BrokerContext, actor: Actor, crn: string, input: NewRequest, now: number): Promise<Refusal | null> {
  const db = ctx.db;
  const duplicate = (message: string, of: NonNullable<Refusal['error']['duplicateOf']>): Refusal => ({ outcome: 'REFUSED', crn, error: { code: 'DUPLICATE_REQUEST', message, duplicateOf: of } });
  const who = async (): Promise<string> => (await visibleName(db, actor, crn, now)) ?? `this person (${crn})`;
  const pending = (await all<{ id: number; scope: Scope }>(
    db,
    sql`SELECT id, scope FROM requests WHERE requester_user_id = ${actor.userId} AND crn = ${crn} AND queue IS NOT NULL ORDER BY id`,
  )).find((r) => scopeCovers(r.scope, input.scope));
  if (pending) {
    return duplicate(
      `You already have a request for ${await who()} waiting for a decision that covers the ${scopeInSentence(pending.scope)}. Open it to follow it or withdraw it.`,
      { kind: 'PENDING_REQUEST', requestId: Number(pending.id) },
    );
  }
  if (input.extendsGrantId) return null;
  const grants = await all<{ id: number; scope: Scope; end_at: number }>(
    db,
    sql`SELECT id, scope, end_at FROM grants WHERE grantee_user_id = ${actor.userId} AND crn = ${crn} AND revoked_at IS NULL AND start_at <= ${now} AND end_at > ${now}`,
  );
  const covering = grants.find((g) => scopeCovers(g.scope, input.scope));
  if (covering) {
    return duplicate(
      `You already have ${scopeInSentence(covering.scope)} access to ${await who()} until ${formatWhen(covering.end_at, await officeTimeZone(db))}. To keep it longer, ask to extend it from My access.`,
      { kind: 'ACTIVE_GRANT', grantId: Number(covering.id), until: Number(covering.end_at) },
    );
  }
  if (input.scope === 'FRONT_SHEET' && await hasActiveAllocation(db, actor.staffCode, crn, now)) {
    return duplicate(`Your allocation for ${await who()} already lets you read the front sheet: open their record to read it.`, { kind: 'ALLOCATION' });
  }
  return null;
}

async function insertRequest(ctx: BrokerContext, actor: Actor, crn: string, input: NewRequest, minutes: number, batchId: string | null, now: number): Promise<number> {
  const db = ctx.db;
  const policy = await policyOf(ctx);
  const lao = await laoFacts(db, crn, actor.staffCode, now);
  const routing = await planRoute(db, policy, { crn, restricted: lao.restricted, requesterStaffCode: actor.staffCode, urgency: input.urgency, neededBy: input.neededBy }, now);
  const deadline = routing.deadline;
  // An allocation means the owner already knows this practitioner works with the person.
  const fastTrack = input.scope !== 'FRONT_SHEET' && await hasActiveAllocation(db, actor.staffCode, crn, now) ? 1 : 0;
  const id = await insertId(db, sql`INSERT INTO requests (batch_id, requester_user_id, requester_staff_code, crn, scope, purpose, justification, urgency,
            needed_by, duration_days, duration_minutes, extends_grant_id, fast_track, status, queue, owner_staff_code, hub_reason, hub_reason_text,
            route_reason, created_at, routed_at, deadline)
          VALUES (${batchId}, ${actor.userId}, ${actor.staffCode}, ${crn}, ${input.scope}, ${input.purpose}, ${input.justification},
            ${input.urgency}, ${input.neededBy}, ${daysCovering(minutes)}, ${minutes}, ${input.extendsGrantId ?? null}, ${fastTrack}, ${routing.status},
            ${routing.queue}, ${routing.ownerStaffCode}, ${routing.hubReason}, ${routing.hubReasonText}, ${routing.routeReason}, ${now}, ${now}, ${deadline}) RETURNING id`);
  await appendAuditEvent(db, {
    at: now, actor: auditActor(actor), action: input.extendsGrantId ? 'request.extend' : 'request.create', subject: `request:${id}`, crn,
    details: { scope: input.scope, purpose: input.purpose, urgency: input.urgency, neededBy: input.neededBy, durationMinutes: minutes, batchId, extendsGrantId: input.extendsGrantId ?? null, fastTrack: fastTrack === 1 },
  });
  await appendAuditEvent(db, {
    at: now, actor: 'system', action: 'request.route', subject: `request:${id}`, crn,
    details: { status: routing.status, ownerStaffCode: routing.ownerStaffCode, hubReason: routing.routeReason ?? routing.hubReason, deadline },
  });
  const r = await loadRequest(db, id);
  const title = `New request for ${crn}${r.fast_track ? ' (fast-track)' : ''}`;
  const body = `${actor.displayName} asks for ${scopeInSentence(input.scope)} access for ${durationWords(minutes)}. Decide by ${formatWhen(deadline, policy.workingHours.timeZone)}.`;
  await notifyUsers(db, (await routedTo(db, routing, now)).filter((u) => u !== actor.userId), {
    kind: 'REQUEST_NEW', title, at: now, crn, requestId: id,
    body: routing.routeReason === 'NEEDED_SOON' ? `${body} ${capitalise(routing.hubReasonText!)}; the first decision wins.`
      : routing.status === 'PENDING_HUB' ? `${body} With the hub because ${routing.hubReasonText}.` : body,
  });
  return id;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
