/**
 * Review of a refusal. A refused requester may ask once, with their own reason; the NPS hub or a
 * senior probation officer (SPO) of the owner's team upholds the refusal or overturns it and grants
 * access, with a written reason. The requester and the original decider are told; every step is
 * audited, and the first review decision wins (a conditional UPDATE on an undecided review).
 */
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
import { all, one, run, sql } from '../store/sql';
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

const teamOf = (ctx: BrokerContext, staffCode: string | null): string | null =>
  staffCode === null ? null : (one<{ team_code: string }>(ctx.db, sql`SELECT team_code FROM staff WHERE code = ${staffCode}`)?.team_code ?? null);

function reviewResource(ctx: BrokerContext, actor: Actor, r: RequestRecord, review: ReviewRecord | undefined, now: number): RefusalReviewResource {
  const reviewTeam = review?.owner_team_code ?? teamOf(ctx, caseOwner(ctx.db, r.crn) ?? null);
  return {
    kind: 'refusalReview',
    isRequester: r.requester_user_id === actor.userId,
    isOriginalDecider: r.decided_by_user_id === actor.userId,
    refused: r.status === 'DENIED',
    reviewAsked: review !== undefined,
    reviewDecided: review?.outcome != null,
    ownerTeamSpo: reportsResource(ctx.db, actor).npsSeniorManager && reviewTeam !== null && teamOf(ctx, actor.staffCode) === reviewTeam,
    excluded: laoFacts(ctx.db, r.crn, actor.staffCode, now).excluded,
    requesterExcluded: laoFacts(ctx.db, r.crn, r.requester_staff_code, now).excluded,
  };
}

const findReview = (ctx: BrokerContext, requestId: number) => one<ReviewRecord>(ctx.db, sql`SELECT id, request_id, owner_team_code, outcome FROM refusal_reviews WHERE request_id = ${requestId}`);

/** NPS senior probation officers of a team, who may review its refusals. */
const teamSpoUsers = (ctx: BrokerContext, teamCode: string | null): number[] =>
  teamCode === null ? [] : all<{ id: number }>(
    ctx.db,
    sql`SELECT u.id FROM users u JOIN staff s ON s.code = u.staff_code JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'nps-offender-manager'
        WHERE s.team_code = ${teamCode} AND s.grade = 'SPO' AND u.active = 1`,
  ).map((u) => u.id);

function rowFor(ctx: BrokerContext, actor: Actor, requestId: number, now: number): RequestRow {
  const [view] = selectRequestViews(ctx.db, now, sql`WHERE r.id = ${requestId}`);
  return toRequestRow(ctx.db, view!, actor, policyOf(ctx), now);
}

export function askForReview(ctx: BrokerContext, actor: Actor, requestId: number, reason: string): RequestRow {
  const now = ctx.clock.now();
  writeTransaction(ctx, () => {
    const r = loadRequest(ctx.db, requestId);
    if (r.requester_user_id !== actor.userId) throw new AppError('NOT_FOUND', `There is no request ${requestId} of yours.`);
    authorise(actor, 'refusal.askReview', reviewResource(ctx, actor, r, findReview(ctx, requestId), now), now);
    const team = teamOf(ctx, caseOwner(ctx.db, r.crn) ?? null);
    run(
      ctx.db,
      sql`INSERT INTO refusal_reviews (request_id, asked_by_user_id, asked_at, reason, owner_team_code)
          VALUES (${r.id}, ${actor.userId}, ${now}, ${reason}, ${team})`,
    );
    appendAuditEvent(ctx.db, { at: now, actor: auditActor(actor), action: 'refusal.review.ask', subject: `request:${r.id}`, crn: r.crn, details: { reason, ownerTeam: team, refusedBy: r.decided_by_user_id, reasonCode: r.deny_reason_code } });
    notifyUsers(ctx.db, [...hubUsers(ctx.db), ...teamSpoUsers(ctx, team)].filter((u) => u !== actor.userId && u !== r.decided_by_user_id), {
      kind: 'REVIEW_ASKED', at: now, crn: r.crn, requestId: r.id,
      title: `Review of a refusal asked for ${r.crn}`,
      body: `${actor.displayName} asks for a review of the refusal of ${scopeInSentence(r.scope)} access: ${reason}`,
    });
  });
  return rowFor(ctx, actor, requestId, now);
}

export function refusalReviewQueue(ctx: BrokerContext, actor: Actor, p: { limit: number; offset: number }): { rows: RequestRow[]; total: number } {
  const now = ctx.clock.now();
  authorise(actor, 'refusal.reviewQueue', reportsResource(ctx.db, actor), now);
  // Hub staff see every open review; a senior probation officer those of their own team.
  const team = hasRole(actor, 'hub') ? null : teamOf(ctx, actor.staffCode);
  const where = sql`WHERE rv.outcome IS NULL AND (${team} IS NULL OR rv.owner_team_code = ${team})`;
  const ids = all<{ request_id: number }>(
    ctx.db,
    { text: `SELECT rv.request_id FROM refusal_reviews rv ${where.text} ORDER BY rv.asked_at, rv.id LIMIT ? OFFSET ?`, params: [...where.params, p.limit, p.offset] },
  ).map((x) => x.request_id);
  const total = one<{ n: number }>(ctx.db, { text: `SELECT count(*) AS n FROM refusal_reviews rv ${where.text}`, params: where.params })?.n ?? 0;
  return { rows: ids.map((id) => rowFor(ctx, actor, id, now)), total };
}

export interface ReviewDecision extends DurationGiven {
  requestId: number;
  outcome: 'UPHELD' | 'OVERTURNED';
  reason: string;
}

export function decideReview(ctx: BrokerContext, actor: Actor, d: ReviewDecision): RequestRow {
  const now = ctx.clock.now();
  const policy = policyOf(ctx);
  const reason = checkRefusalReason(d.reason, policy.refusalReasonMinChars);
  writeTransaction(ctx, () => {
    const db = ctx.db;
    const r = loadRequest(db, d.requestId);
    const review = findReview(ctx, r.id);
    authorise(actor, 'refusal.review', reviewResource(ctx, actor, r, review, now), now);
    let grantId: number | null = null;
    let endAt: number | null = null;
    if (d.outcome === 'OVERTURNED') {
      const lao = laoFacts(db, r.crn, actor.staffCode, now);
      if (lao.restricted && !(hasRole(actor, 'hub') && hasRole(actor, 'lao-admin'))) {
        throw new AppError('ACCESS_RESTRICTED', 'This record is restricted: only an LAO administrator in the hub can grant access on review.');
      }
      if (laoFacts(db, r.crn, r.requester_staff_code, now).excluded) throw new AppError('ACCESS_EXCLUDED', 'The requester is excluded from this record: nobody can grant access.');
      const maxDays = maxDurationDays(policy, r.scope, riskSummary(db, r.crn, now, false));
      const asked = requestedMinutes(r);
      const minutes = givenMinutes(d, now) ?? Math.min(asked, maxDays * MINUTES_PER_DAY);
      if (minutes > Math.min(asked, maxDays * MINUTES_PER_DAY)) {
        throw new AppError('DURATION_TOO_LONG', `At most ${durationWords(Math.min(asked, maxDays * MINUTES_PER_DAY))}: what was asked for, within policy for this person.`);
      }
      endAt = now + minutes * MINUTE;
      grantId = Number(
        run(
          db,
          sql`INSERT INTO grants (request_id, kind, grantee_user_id, crn, scope, start_at, end_at, granted_by_user_id, created_at)
              VALUES (${r.id}, 'REQUEST', ${r.requester_user_id}, ${r.crn}, ${r.scope}, ${now}, ${endAt}, ${actor.userId}, ${now})`,
        ).lastInsertRowid,
      );
      run(db, sql`UPDATE requests SET grant_id = ${grantId}, approved_scope = ${r.scope}, approved_duration_minutes = ${minutes}, approved_duration_days = ${daysCovering(minutes)}, approved_start_at = ${now} WHERE id = ${r.id}`);
      appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'grant.create', subject: `grant:${grantId}`, crn: r.crn, details: { requestId: r.id, granteeUserId: r.requester_user_id, scope: r.scope, startAt: now, endAt, onReview: true } });
    }
    const changed = run(
      db,
      sql`UPDATE refusal_reviews SET outcome = ${d.outcome}, decided_at = ${now}, decided_by_user_id = ${actor.userId}, decision_reason = ${reason}, grant_id = ${grantId}
          WHERE request_id = ${r.id} AND outcome IS NULL`,
    ).changes;
    if (changed !== 1) throw new AppError('REVIEW_NOT_ALLOWED', 'This review has already been decided.');
    appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'refusal.review.decide', subject: `request:${r.id}`, crn: r.crn, details: { outcome: d.outcome, reason, grantId, refusedBy: r.decided_by_user_id } });
    const tz = policy.workingHours.timeZone;
    const what = d.outcome === 'UPHELD' ? 'The refusal was upheld' : `The refusal was overturned: ${scopeInSentence(r.scope)} access until ${formatWhen(endAt!, tz)}`;
    notifyUsers(db, [r.requester_user_id], {
      kind: 'REVIEW_DECIDED', at: now, crn: r.crn, requestId: r.id, grantId,
      title: `Review of the refusal for ${r.crn}: ${d.outcome === 'UPHELD' ? 'upheld' : 'access granted'}`,
      body: `${what} by ${actor.displayName}. Reason: ${reason}`,
    });
    // The original decider learns the outcome, so a refusal is never reversed behind their back.
    if (r.decided_by_user_id !== null) {
      notifyUsers(db, [r.decided_by_user_id], {
        kind: 'REVIEW_DECIDED', at: now, crn: r.crn, requestId: r.id,
        title: `Your refusal for ${r.crn} was ${d.outcome === 'UPHELD' ? 'upheld' : 'overturned'} on review`,
        body: `${actor.displayName} reviewed it. Reason: ${reason}`,
      });
    }
  });
  return rowFor(ctx, actor, d.requestId, now);
}
