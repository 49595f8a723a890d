/**
 * Review of a refusal. A refused requester may ask once, with their own reason; the NPS hub or a
 * senior probation officer (SPO) of the owner's team upholds the refusal or overturns it and grants
 * access, with a written reason. The requester and the original decider are told; every step is
 * audited, and the first review decision wins (a conditional UPDATE on an undecided review).
 */
import { mapInOrder } from '../../../shared/async/map-in-order';
import type { RequestRow } from '../../../shared/contract';
import { scopeInSentence } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { MINUTE } from '../clock/clock';
import { hasRole, type Actor } from '../policy/actor';
import type { RefusalReviewResource } from '../policy/resources';
import { maxDurationDays } from '../policy/max-duration';
import { hubUsers, notifyUsers } from '../notifications/notify';
import { riskSummary } from '../records/risk-summary';
import { reportsResource } from '../reports/reports-service';
import { all, one, run, sql, insertId } from '../store/sql';
import { caseOwner, formatWhen, laoFacts } from './case-facts';
import { auditActor, authorise, policyOf, writeTransaction, type BrokerContext } from './context';
import { daysCovering, durationWords, givenMinutes, MINUTES_PER_DAY, type DurationGiven } from './durations';
import { checkRefusalReason } from './refusal-reason';
import { loadRequest, requestedMinutes, type RequestRecord } from './request-record';
import { selectRequestViews, toRequestRow } from './request-view';

interface ReviewRecord {
  id: number;
  request_id: number;
  owner_team_code: string | null;
  outcome: 'UPHELD' | 'OVERTURNED' | null;
}

const teamOf = async (ctx: BrokerContext, staffCode: string | null): Promise<string | null> =>
  staffCode === null ? null : ((await one<{ team_code: string }>(ctx.db, sql`SELECT team_code FROM staff WHERE code = ${staffCode}`))?.team_code ?? null);

async function reviewResource(ctx: BrokerContext, actor: Actor, r: RequestRecord, review: ReviewRecord | undefined, now: number): Promise<RefusalReviewResource> {
  const reviewTeam = review?.owner_team_code ?? await teamOf(ctx, await caseOwner(ctx.db, r.crn) ?? null);
  return {
    kind: 'refusalReview',
    isRequester: r.requester_user_id === actor.userId,
    isOriginalDecider: r.decided_by_user_id === actor.userId,
    refused: r.status === 'DENIED',
    reviewAsked: review !== undefined,
    reviewDecided: review?.outcome != null,
    ownerTeamSpo: (await reportsResource(ctx.db, actor)).npsSeniorManager && reviewTeam !== null && await teamOf(ctx, actor.staffCode) === reviewTeam,
    excluded: (await laoFacts(ctx.db, r.crn, actor.staffCode, now)).excluded,
    requesterExcluded: (await laoFacts(ctx.db, r.crn, r.requester_staff_code, now)).excluded,
  };
}

const findReview = async (ctx: BrokerContext, requestId: number) => await one<ReviewRecord>(ctx.db, sql`SELECT id, request_id, owner_team_code, outcome FROM refusal_reviews WHERE request_id = ${requestId}`);

/** NPS senior probation officers of a team, who may review its refusals. */
const teamSpoUsers = async (ctx: BrokerContext, teamCode: string | null): Promise<number[]> =>
  teamCode === null ? [] : (await all<{ id: number }>(
    ctx.db,
    sql`SELECT u.id FROM users u JOIN staff s ON s.code = u.staff_code JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'nps-offender-manager'
        WHERE s.team_code = ${teamCode} AND s.grade = 'SPO' AND u.active = 1`,
  )).map((u) => u.id);

async function rowFor(ctx: BrokerContext, actor: Actor, requestId: number, now: number): Promise<RequestRow> {
  const [view] = await selectRequestViews(ctx.db, now, sql`WHERE r.id = ${requestId}`);
  return await toRequestRow(ctx.db, view!, actor, await policyOf(ctx), now);
}

export async function askForReview(ctx: BrokerContext, actor: Actor, requestId: number, reason: string): Promise<RequestRow> {
  const now = ctx.clock.now();
  await writeTransaction(ctx, async () => {
    const r = await loadRequest(ctx.db, requestId);
    if (r.requester_user_id !== actor.userId) throw new AppError('NOT_FOUND', `There is no request ${requestId} of yours.`);
    authorise(actor, 'refusal.askReview', await reviewResource(ctx, actor, r, await findReview(ctx, requestId), now), now);
    const team = await teamOf(ctx, await caseOwner(ctx.db, r.crn) ?? null);
    await run(
      ctx.db,
      sql`INSERT INTO refusal_reviews (request_id, asked_by_user_id, asked_at, reason, owner_team_code)
          VALUES (${r.id}, ${actor.userId}, ${now}, ${reason}, ${team})`,
    );
    await appendAuditEvent(ctx.db, { at: now, actor: auditActor(actor), action: 'refusal.review.ask', subject: `request:${r.id}`, crn: r.crn, details: { reason, ownerTeam: team, refusedBy: r.decided_by_user_id, reasonCode: r.deny_reason_code } });
    await notifyUsers(ctx.db, [...await hubUsers(ctx.db), ...await teamSpoUsers(ctx, team)].filter((u) => u !== actor.userId && u !== r.decided_by_user_id), {
      kind: 'REVIEW_ASKED', at: now, crn: r.crn, requestId: r.id,
      title: `Review of a refusal asked for ${r.crn}`,
      body: `${actor.displayName} asks for a review of the refusal of ${scopeInSentence(r.scope)} access: ${reason}`,
    });
  });
  return await rowFor(ctx, actor, requestId, now);
}

export async function refusalReviewQueue(ctx: BrokerContext, actor: Actor, p: { limit: number; offset: number }): Promise<{ rows: RequestRow[]; total: number }> {
  const now = ctx.clock.now();
  authorise(actor, 'refusal.reviewQueue', await reportsResource(ctx.db, actor), now);
  // Hub staff see every open review; a senior probation officer those of their own team.
  const team = hasRole(actor, 'hub') ? null : await teamOf(ctx, actor.staffCode);
  const where = sql`WHERE rv.outcome IS NULL AND (CAST(${team} AS TEXT) IS NULL OR rv.owner_team_code = ${team})`;
  const ids = (await all<{ request_id: number }>(
    ctx.db,
    sql`SELECT rv.request_id FROM refusal_reviews rv ${where} ORDER BY rv.asked_at, rv.id LIMIT ${p.limit} OFFSET ${p.offset}`,
  )).map((x) => x.request_id);
  const total = (await one<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM refusal_reviews rv ${where}`))?.n ?? 0;
  return { rows: await mapInOrder(ids, async (id) => await rowFor(ctx, actor, id, now)), total };
}

export interface ReviewDecision extends DurationGiven {
  requestId: number;
  outcome: 'UPHELD' | 'OVERTURNED';
  reason: string;
}

export async function decideReview(ctx: BrokerContext, actor: Actor, d: ReviewDecision): Promise<RequestRow> {
  const now = ctx.clock.now();
  const policy = await policyOf(ctx);
  const reason = checkRefusalReason(d.reason, policy.refusalReasonMinChars);
  await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const r = await loadRequest(db, d.requestId);
    const review = await findReview(ctx, r.id);
    authorise(actor, 'refusal.review', await reviewResource(ctx, actor, r, review, now), now);
    let grantId: number | null = null;
    let endAt: number | null = null;
    if (d.outcome === 'OVERTURNED') {
      const lao = await laoFacts(db, r.crn, actor.staffCode, now);
      if (lao.restricted && !(hasRole(actor, 'hub') && hasRole(actor, 'lao-admin'))) {
        throw new AppError('ACCESS_RESTRICTED', 'This record is restricted: only an LAO administrator in the hub can grant access on review.');
      }
      if ((await laoFacts(db, r.crn, r.requester_staff_code, now)).excluded) throw new AppError('ACCESS_EXCLUDED', 'The requester is excluded from this record: nobody can grant access.');
      const maxDays = maxDurationDays(policy, r.scope, await riskSummary(db, r.crn, now, false));
      const asked = requestedMinutes(r);
      const minutes = givenMinutes(d, now) ?? Math.min(asked, maxDays * MINUTES_PER_DAY);
      if (minutes > Math.min(asked, maxDays * MINUTES_PER_DAY)) {
        throw new AppError('DURATION_TOO_LONG', `At most ${durationWords(Math.min(asked, maxDays * MINUTES_PER_DAY))}: what was asked for, within policy for this person.`);
      }
      endAt = now + minutes * MINUTE;
      grantId = await insertId(db, sql`INSERT INTO grants (request_id, kind, grantee_user_id, crn, scope, start_at, end_at, granted_by_user_id, created_at)
              VALUES (${r.id}, 'REQUEST', ${r.requester_user_id}, ${r.crn}, ${r.scope}, ${now}, ${endAt}, ${actor.userId}, ${now}) RETURNING id`);
      await run(db, sql`UPDATE requests SET grant_id = ${grantId}, approved_scope = ${r.scope}, approved_duration_minutes = ${minutes}, approved_duration_days = ${daysCovering(minutes)}, approved_start_at = ${now} WHERE id = ${r.id}`);
      await appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'grant.create', subject: `grant:${grantId}`, crn: r.crn, details: { requestId: r.id, granteeUserId: r.requester_user_id, scope: r.scope, startAt: now, endAt, onReview: true } });
    }
    const changed = (await run(
      db,
      sql`UPDATE refusal_reviews SET outcome = ${d.outcome}, decided_at = ${now}, decided_by_user_id = ${actor.userId}, decision_reason = ${reason}, grant_id = ${grantId}
          WHERE request_id = ${r.id} AND outcome IS NULL`,
    )).changes;
    if (changed !== 1) throw new AppError('REVIEW_NOT_ALLOWED', 'This review has already been decided.');
    await appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'refusal.review.decide', subject: `request:${r.id}`, crn: r.crn, details: { outcome: d.outcome, reason, grantId, refusedBy: r.decided_by_user_id } });
    const tz = policy.workingHours.timeZone;
    const what = d.outcome === 'UPHELD' ? 'The refusal was upheld' : `The refusal was overturned: ${scopeInSentence(r.scope)} access until ${formatWhen(endAt!, tz)}`;
    await notifyUsers(db, [r.requester_user_id], {
      kind: 'REVIEW_DECIDED', at: now, crn: r.crn, requestId: r.id, grantId,
      title: `Review of the refusal for ${r.crn}: ${d.outcome === 'UPHELD' ? 'upheld' : 'access granted'}`,
      body: `${what} by ${actor.displayName}. Reason: ${reason}`,
    });
    // The original decider learns the outcome, so a refusal is never reversed behind their back.
    if (r.decided_by_user_id !== null) {
      await notifyUsers(db, [r.decided_by_user_id], {
        kind: 'REVIEW_DECIDED', at: now, crn: r.crn, requestId: r.id,
        title: `Your refusal for ${r.crn} was ${d.outcome === 'UPHELD' ? 'upheld' : 'overturned'} on review`,
        body: `${actor.displayName} reviewed it. Reason: ${reason}`,
      });
    }
  });
  return await rowFor(ctx, actor, d.requestId, now);
}
