/**
 * Emergency safety access (break-glass): on the requester's own pending request needed within
 * 4 hours, after re-entering the password and giving a reason, the front sheet opens for at
 * most 4 hours. Owner and hub are told at once; every use waits in the hub's review queue.
 */
import { mapInOrder } from '../../../shared/async/map-in-order';
import type { EmergencyUseRow, GrantRow } from '../../../shared/contract';
import type { EmergencyReason, EmergencyReviewOutcome } from '../../../shared/contract/vocabulary';
import { EMERGENCY_REASON_LABELS } from '../../../shared/contract/vocabulary';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { MINUTE } from '../clock/clock';
import type { Actor } from '../policy/actor';
import { SYSTEM } from '../policy/resources';
import { hubUsers, notifyUsers, ownerSideUsers } from '../notifications/notify';
import { all, one, run, sql, type SqlFragment, insertId } from '../store/sql';
import { caseOwner, formatWhen } from './case-facts';
import { auditActor, authorise, policyOf, writeTransaction, type BrokerContext } from './context';
import { selectGrantRows } from './grant-view';
import { requestResource } from './request-facts';
import { loadRequest } from './request-record';
import { mayNameCase, RESTRICTED_NAME } from './request-view';

export const EMERGENCY_HARD_LIMIT_MINUTES = 240;

/** The password has already been checked by the caller (auth); this does the rest atomically. */
export async function openEmergencyAccess(ctx: BrokerContext, actor: Actor, o: { requestId: number; reasonCode: EmergencyReason; reasonText: string }): Promise<{ use: EmergencyUseRow; grant: GrantRow }> {
  const now = ctx.clock.now();
  const policy = await policyOf(ctx);
  const reasonText = o.reasonText.trim();
  if (o.reasonCode === 'OTHER' && reasonText.length === 0) throw new AppError('EMERGENCY_REASON_REQUIRED');
  const useId = await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const r = await loadRequest(db, o.requestId);
    if (r.requester_user_id !== actor.userId) throw new AppError('NOT_FOUND', `There is no request ${o.requestId} of yours.`);
    authorise(actor, 'emergency.open', await requestResource(db, actor, r, policy, now), now);
    const endAt = now + Math.min(policy.emergencyMaxMinutes, EMERGENCY_HARD_LIMIT_MINUTES) * MINUTE;
    const grantId = await insertId(db, sql`INSERT INTO grants (request_id, kind, grantee_user_id, crn, scope, start_at, end_at, granted_by_user_id, created_at)
            VALUES (${r.id}, 'EMERGENCY', ${actor.userId}, ${r.crn}, 'FRONT_SHEET', ${now}, ${endAt}, NULL, ${now}) RETURNING id`);
    const id = await insertId(db, sql`INSERT INTO emergency_uses (request_id, grant_id, user_id, crn, reason_code, reason_text, used_at, ends_at)
            VALUES (${r.id}, ${grantId}, ${actor.userId}, ${r.crn}, ${o.reasonCode}, ${reasonText || null}, ${now}, ${endAt}) RETURNING id`);
    await appendAuditEvent(db, {
      at: now, actor: auditActor(actor), action: 'emergency.open', subject: `emergency:${id}`, crn: r.crn,
      details: { requestId: r.id, grantId, reasonCode: o.reasonCode, reasonText, endAt },
    });
    await notifyUsers(db, [...await ownerSideUsers(db, await caseOwner(db, r.crn) ?? null, now), ...await hubUsers(db)].filter((u) => u !== actor.userId), {
      kind: 'EMERGENCY_USED', at: now, crn: r.crn, requestId: r.id, grantId,
      title: `Emergency access used on ${r.crn}`,
      body: `${actor.displayName} opened the front sheet until ${formatWhen(endAt, policy.workingHours.timeZone)}: ${EMERGENCY_REASON_LABELS[o.reasonCode]}${reasonText ? ` (${reasonText})` : ''}. The hub will review it.`,
    });
    return id;
  });
  const use = (await emergencyUses(ctx, actor, sql`WHERE e.id = ${useId}`))[0]!;
  const grant = (await selectGrantRows(ctx.db, actor, now, sql`WHERE g.id = ${use.grantId}`))[0]!;
  return { use, grant };
}

export async function reviewEmergencyUse(ctx: BrokerContext, actor: Actor, o: { useId: number; outcome: EmergencyReviewOutcome; notes: string }): Promise<EmergencyUseRow> {
  const now = ctx.clock.now();
  await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const use = await one<{ user_id: number; crn: string; reviewed_at: number | null }>(db, sql`SELECT user_id, crn, reviewed_at FROM emergency_uses WHERE id = ${o.useId}`);
    if (!use) throw new AppError('NOT_FOUND', `There is no emergency use ${o.useId}.`);
    authorise(actor, 'emergency.review', { kind: 'emergencyUse', isUser: use.user_id === actor.userId, reviewed: use.reviewed_at !== null }, now);
    const changed = (await run(
      db,
      sql`UPDATE emergency_uses SET review_outcome = ${o.outcome}, review_notes = ${o.notes}, reviewed_at = ${now}, reviewed_by_user_id = ${actor.userId}
          WHERE id = ${o.useId} AND reviewed_at IS NULL`,
    )).changes;
    if (changed !== 1) throw new AppError('ALREADY_REVIEWED');
    await appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'emergency.review', subject: `emergency:${o.useId}`, crn: use.crn, details: { outcome: o.outcome, notes: o.notes } });
  });
  return (await emergencyUses(ctx, actor, sql`WHERE e.id = ${o.useId}`))[0]!;
}

export async function emergencyReviewQueue(ctx: BrokerContext, actor: Actor, o: { filter: 'UNREVIEWED' | 'ALL'; limit: number; offset: number }) {
  const now = ctx.clock.now();
  authorise(actor, 'emergency.reviewQueue', SYSTEM, now);
  const unreviewedOnly = o.filter === 'UNREVIEWED' ? 1 : 0;
  const where = sql`WHERE (${unreviewedOnly} = 0 OR e.reviewed_at IS NULL)`;
  const rows = await emergencyUses(ctx, actor, sql`${where} ORDER BY e.reviewed_at IS NULL DESC, e.used_at DESC LIMIT ${o.limit} OFFSET ${o.offset}`);
  const count = async (q: SqlFragment) => (await one<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM emergency_uses e ${q}`))?.n ?? 0;
  return { rows, total: await count(where), unreviewed: await count(sql`WHERE e.reviewed_at IS NULL`) };
}

interface UseRecord {
  id: number;
  request_id: number;
  grant_id: number;
  crn: string;
  user_id: number;
  user_name: string;
  reason_code: EmergencyReason;
  reason_text: string | null;
  used_at: number;
  ends_at: number;
  review_outcome: EmergencyReviewOutcome | null;
  review_notes: string | null;
  reviewed_at: number | null;
  reviewer_name: string | null;
  p_forename: string;
  p_surname: string;
  p_owner: string | null;
}

async function emergencyUses(ctx: BrokerContext, viewer: Actor, rest: SqlFragment): Promise<EmergencyUseRow[]> {
  const now = ctx.clock.now();
  return mapInOrder(await all<UseRecord>(ctx.db, sql`SELECT e.*, u.display_name AS user_name, rv.display_name AS reviewer_name, p.forename AS p_forename, p.surname AS p_surname, p.owner_staff_code AS p_owner
           FROM emergency_uses e JOIN users u ON u.id = e.user_id JOIN people p ON p.crn = e.crn
           LEFT JOIN users rv ON rv.id = e.reviewed_by_user_id ${rest}`), async (e) => ({
    id: e.id,
    requestId: e.request_id,
    grantId: e.grant_id,
    crn: e.crn,
    personName: await mayNameCase(ctx.db, viewer, e.crn, e.p_owner, now) ? `${e.p_forename} ${e.p_surname}` : RESTRICTED_NAME,
    userId: e.user_id,
    userName: e.user_name,
    reasonCode: e.reason_code,
    reasonText: e.reason_text,
    usedAt: e.used_at,
    endsAt: e.ends_at,
    review:
      e.reviewed_at === null
        ? null
        : { outcome: e.review_outcome!, notes: e.review_notes ?? '', reviewedAt: e.reviewed_at, reviewedByName: e.reviewer_name ?? 'unknown' },
  }));
}
