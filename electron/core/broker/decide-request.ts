/**
 * Deciding a request. Everything happens in one BEGIN IMMEDIATE transaction: the policy is asked
 * with facts read under the write lock, and the decision is a conditional UPDATE on a pending
 * status, so when owner and hub decide at once exactly one wins and the other is told it is
 * already decided. The grant, audit events and notification commit with it.
 */
import type { DenyReasonCode } from '../../../shared/contract/vocabulary';
import { DENY_REASON_LABELS } from '../../../shared/contract/vocabulary';
import { scopeRank, SCOPE_LABELS, type Scope, scopeInSentence } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { DAY, MINUTE } from '../clock/clock';
import { daysCovering, durationWords, givenMinutes, MINUTES_PER_DAY, type DurationGiven } from './durations';
import { checkRefusalReason } from './refusal-reason';
import type { Actor } from '../policy/actor';
import { maxDurationDays } from '../policy/max-duration';
import { hubUsers, notifyUsers, ownerSideUsers } from '../notifications/notify';
import { riskSummary } from '../records/risk-summary';
import { one, run, sql, insertId } from '../store/sql';
import { formatWhen } from './case-facts';
import { auditActor, authorise, policyOf, writeTransaction, type BrokerContext } from './context';
import { requestResource } from './request-facts';
import { loadRequest, requestedMinutes, type RequestRecord } from './request-record';

export interface Approval extends DurationGiven {
  requestId: number;
  scope?: Scope | undefined;
  startAt?: number | undefined;
  note?: string | undefined;
}

/** How far ahead an approver may schedule the start of access. */
const LATEST_START_DAYS = 90;
/** A start a little in the past (the form was open a while) counts as now. */
const START_GRACE = 5 * MINUTE;

export async function approveRequest(ctx: BrokerContext, actor: Actor, a: Approval): Promise<RequestRecord> {
  const now = ctx.clock.now();
  const policy = await policyOf(ctx);
  return await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const r = await loadRequest(db, a.requestId);
    const verdict = authorise(actor, 'request.approve', await requestResource(db, actor, r, policy, now), now);
    const scope = a.scope ?? r.scope;
    if (scopeRank(scope) > scopeRank(r.scope)) {
      throw new AppError('SCOPE_WIDENED', `The request is for ${scopeInSentence(r.scope)}; an approval may narrow it, never widen it.`);
    }
    const maxDays = maxDurationDays(policy, scope, await riskSummary(db, r.crn, now, false));
    const asked = requestedMinutes(r);
    const startAt = await chooseStart(ctx, r, a.startAt, now);
    // An end time is counted from the start of access, so "until 11:30" means until 11:30.
    const minutes = givenMinutes(a, startAt) ?? Math.min(asked, maxDays * MINUTES_PER_DAY);
    if (minutes > asked) throw new AppError('DURATION_TOO_LONG', `The requester asked for ${durationWords(asked)}; an approval may shorten that, not lengthen it.`);
    if (minutes > maxDays * MINUTES_PER_DAY) throw new AppError('DURATION_TOO_LONG', `Policy allows at most ${maxDays} days of ${scopeInSentence(scope)} access for this person.`);
    const endAt = startAt + minutes * MINUTE;
    const days = daysCovering(minutes);
    const narrowed = scope !== r.scope || minutes < asked ? 1 : 0;
    const changed = (await run(
      db,
      sql`UPDATE requests SET status = 'APPROVED', queue = NULL, decided_at = ${now}, decided_by_user_id = ${actor.userId},
            decision_route = ${verdict.route ?? 'HUB'}, approved_scope = ${scope}, approved_duration_days = ${days}, approved_duration_minutes = ${minutes},
            approved_start_at = ${startAt}, narrowed = ${narrowed}, decision_reason = ${a.note?.trim() || null}
          WHERE id = ${r.id} AND status IN ('PENDING_OWNER', 'PENDING_HUB')`,
    )).changes;
    if (changed !== 1) throw new AppError('ALREADY_DECIDED');
    const grantId = await insertId(db, sql`INSERT INTO grants (request_id, kind, grantee_user_id, crn, scope, start_at, end_at, granted_by_user_id, created_at)
            VALUES (${r.id}, 'REQUEST', ${r.requester_user_id}, ${r.crn}, ${scope}, ${startAt}, ${endAt}, ${actor.userId}, ${now}) RETURNING id`);
    await run(db, sql`UPDATE requests SET grant_id = ${grantId} WHERE id = ${r.id}`);
    await appendAuditEvent(db, {
      at: now, actor: auditActor(actor), action: 'request.approve', subject: `request:${r.id}`, crn: r.crn,
      details: { route: verdict.route ?? 'HUB', requestedScope: r.scope, scope, requestedMinutes: asked, minutes, narrowed: narrowed === 1, overdue: r.deadline <= now },
    });
    await appendAuditEvent(db, {
      at: now, actor: auditActor(actor), action: 'grant.create', subject: `grant:${grantId}`, crn: r.crn,
      details: { requestId: r.id, granteeUserId: r.requester_user_id, scope, startAt, endAt },
    });
    await notifyUsers(db, [r.requester_user_id], {
      kind: 'REQUEST_APPROVED', at: now, crn: r.crn, requestId: r.id, grantId,
      title: `Access approved for ${r.crn}`,
      body: `${SCOPE_LABELS[scope]} for ${durationWords(minutes)}, from ${formatWhen(startAt, policy.workingHours.timeZone)} until ${formatWhen(endAt, policy.workingHours.timeZone)}${narrowed ? ' (narrower than you asked)' : ''}.${a.note ? ` Note: ${a.note}` : ''}`,
    });
    return await loadRequest(db, r.id);
  });
}

async function chooseStart(ctx: BrokerContext, r: RequestRecord, wanted: number | undefined, now: number): Promise<number> {
  // An extension starts when the grant it extends ends, so the two never overlap.
  let earliest = now;
  if (r.extends_grant_id !== null) {
    const old = await one<{ end_at: number; revoked_at: number | null }>(ctx.db, sql`SELECT end_at, revoked_at FROM grants WHERE id = ${r.extends_grant_id}`);
    if (old && old.revoked_at === null) earliest = Math.max(now, old.end_at);
  }
  if (wanted === undefined) return earliest;
  if (wanted < now - START_GRACE || wanted > now + LATEST_START_DAYS * DAY) {
    throw new AppError('INVALID_START', `The start must be between now and ${LATEST_START_DAYS} days from now.`);
  }
  return Math.max(wanted, earliest);
}

export interface Denial {
  requestId: number;
  reasonCode: DenyReasonCode;
  reason: string;
}

export async function denyRequest(ctx: BrokerContext, actor: Actor, d: Denial): Promise<RequestRecord> {
  const now = ctx.clock.now();
  const policy = await policyOf(ctx);
  const reason = checkRefusalReason(d.reason, policy.refusalReasonMinChars);
  return await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const r = await loadRequest(db, d.requestId);
    const verdict = authorise(actor, 'request.deny', await requestResource(db, actor, r, policy, now), now);
    const changed = (await run(
      db,
      sql`UPDATE requests SET status = 'DENIED', queue = NULL, decided_at = ${now}, decided_by_user_id = ${actor.userId},
            decision_route = ${verdict.route ?? 'HUB'}, deny_reason_code = ${d.reasonCode}, decision_reason = ${reason}
          WHERE id = ${r.id} AND status IN ('PENDING_OWNER', 'PENDING_HUB')`,
    )).changes;
    if (changed !== 1) throw new AppError('ALREADY_DECIDED');
    await appendAuditEvent(db, {
      at: now, actor: auditActor(actor), action: 'request.deny', subject: `request:${r.id}`, crn: r.crn,
      details: { route: verdict.route ?? 'HUB', reasonCode: d.reasonCode, reason, overdue: r.deadline <= now },
    });
    await notifyUsers(db, [r.requester_user_id], {
      kind: 'REQUEST_DENIED', at: now, crn: r.crn, requestId: r.id,
      title: `Access refused for ${r.crn}`,
      body: `${DENY_REASON_LABELS[d.reasonCode]}: ${reason}`,
    });
    return await loadRequest(db, r.id);
  });
}

export async function withdrawRequest(ctx: BrokerContext, actor: Actor, requestId: number): Promise<RequestRecord> {
  const now = ctx.clock.now();
  const policy = await policyOf(ctx);
  return await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const r = await loadRequest(db, requestId);
    if (r.requester_user_id !== actor.userId) throw new AppError('NOT_FOUND', `There is no request ${requestId} of yours.`);
    authorise(actor, 'request.withdraw', await requestResource(db, actor, r, policy, now), now);
    const changed = (await run(
      db,
      sql`UPDATE requests SET status = 'WITHDRAWN', queue = NULL, withdrawn_at = ${now} WHERE id = ${r.id} AND status IN ('PENDING_OWNER', 'PENDING_HUB')`,
    )).changes;
    if (changed !== 1) throw new AppError('ALREADY_DECIDED');
    await appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'request.withdraw', subject: `request:${r.id}`, crn: r.crn, details: { status: r.status } });
    // Whoever was holding it can stop working on it.
    const holders = r.status === 'PENDING_OWNER' ? await ownerSideUsers(db, r.owner_staff_code, now) : await hubUsers(db);
    await notifyUsers(db, holders, {
      kind: 'REQUEST_WITHDRAWN', at: now, crn: r.crn, requestId: r.id,
      title: `Request for ${r.crn} withdrawn`,
      body: `${actor.displayName} withdrew the request for ${scopeInSentence(r.scope)} access; it no longer needs a decision.`,
    });
    return await loadRequest(db, r.id);
  });
}
