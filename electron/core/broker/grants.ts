/** Grants: listing, revocation (at once, with a reason) and extension (routed like a new request). */
import type { GrantRow, RequestRow } from '../../../shared/contract';
import type { Urgency } from '../../../shared/domain/access';
import type { Purpose } from '../../../shared/contract/vocabulary';
import { scopeInSentence } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { grantCheckTime } from '../clock/clock-guard';
import type { Actor } from '../policy/actor';
import { notifyUsers } from '../notifications/notify';
import { one, run, sql } from '../store/sql';
import { auditActor, authorise, writeTransaction, type BrokerContext } from './context';
import { allocationAccess } from './allocation-access';
import { createRequests } from './create-request';
import type { DurationGiven } from './durations';
import { loadGrant } from './grant-record';
import { selectGrantRows } from './grant-view';
import { grantResource } from './request-facts';
import { SYSTEM } from '../policy/resources';

export async function getGrant(ctx: BrokerContext, actor: Actor, grantId: number): Promise<GrantRow> {
  const now = ctx.clock.now();
  const g = await loadGrant(ctx.db, grantId);
  authorise(actor, 'grant.view', await grantResource(ctx.db, actor, g, now), now);
  return (await selectGrantRows(ctx.db, actor, now, sql`WHERE g.id = ${grantId}`))[0]!;
}

export async function myGrants(ctx: BrokerContext, actor: Actor, o: { filter: 'CURRENT' | 'ALL'; limit: number; offset: number }) {
  const now = ctx.clock.now();
  authorise(actor, 'own.lists', SYSTEM, now);
  const current = o.filter === 'CURRENT' ? 1 : 0;
  const endAfter = await grantCheckTime(ctx.db, now);
  const where = sql`WHERE g.grantee_user_id = ${actor.userId} AND (${current} = 0 OR (g.revoked_at IS NULL AND g.end_at > ${endAfter}))`;
  const rows = await selectGrantRows(ctx.db, actor, now, sql`${where} ORDER BY (g.revoked_at IS NULL AND g.end_at > ${endAfter}) DESC, g.end_at DESC LIMIT ${o.limit} OFFSET ${o.offset}`);
  const total = (await one<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM grants g ${where}`))?.n ?? 0;
  return { rows, total, allocations: await allocationAccess(ctx.db, actor, now) };
}

export async function revokeGrant(ctx: BrokerContext, actor: Actor, grantId: number, reason: string): Promise<GrantRow> {
  const now = ctx.clock.now();
  await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const g = await loadGrant(db, grantId);
    authorise(actor, 'grant.revoke', await grantResource(db, actor, g, now), now);
    const changed = (await run(
      db,
      sql`UPDATE grants SET revoked_at = ${now}, revoked_by_user_id = ${actor.userId}, revoke_reason = ${reason}
          WHERE id = ${grantId} AND revoked_at IS NULL AND end_at > ${now}`,
    )).changes;
    if (changed !== 1) throw new AppError('GRANT_NOT_ACTIVE', 'This access has already ended or been revoked.');
    await appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'grant.revoke', subject: `grant:${grantId}`, crn: g.crn, details: { reason, granteeUserId: g.grantee_user_id } });
    await notifyUsers(db, [g.grantee_user_id], {
      kind: 'GRANT_REVOKED', at: now, crn: g.crn, grantId, requestId: g.request_id,
      title: `Access to ${g.crn} revoked`,
      body: `${actor.displayName} revoked your ${scopeInSentence(g.scope)} access: ${reason}`,
    });
  });
  return (await selectGrantRows(ctx.db, actor, now, sql`WHERE g.id = ${grantId}`))[0]!;
}

export interface ExtensionRequest extends DurationGiven {
  grantId: number;
  justification: string;
  urgency: Urgency;
  neededBy: number | null;
}

export async function requestExtension(ctx: BrokerContext, actor: Actor, e: ExtensionRequest): Promise<RequestRow> {
  const now = ctx.clock.now();
  const g = await loadGrant(ctx.db, e.grantId);
  if (g.grantee_user_id !== actor.userId) throw new AppError('NOT_FOUND', `There is no grant ${e.grantId} of yours.`);
  authorise(actor, 'grant.extend', await grantResource(ctx.db, actor, g, now), now);
  if (g.kind === 'EMERGENCY') throw new AppError('GRANT_NOT_ACTIVE', 'Emergency access cannot be extended; ask for access in the usual way.');
  const original = g.request_id === null ? undefined : await one<{ purpose: Purpose }>(ctx.db, sql`SELECT purpose FROM requests WHERE id = ${g.request_id}`);
  const { results } = await createRequests(ctx, actor, {
    crns: [g.crn],
    scope: g.scope,
    purpose: original?.purpose ?? 'OTHER',
    justification: e.justification,
    urgency: e.urgency,
    neededBy: e.neededBy,
    durationDays: e.durationDays,
    durationHours: e.durationHours,
    endAt: e.endAt,
    extendsGrantId: g.id,
  });
  const outcome = results[0]!;
  if (outcome.outcome === 'REFUSED') throw new AppError(outcome.error.code, outcome.error.message);
  return outcome.request;
}
