/**
 * The lists people work from: my requests and the owner's inbox (own cases and cases deputised
 * for); the hub's queue is in hub-queue.ts and shares the page helpers here. Each page's facts are
 * gathered for the whole page at once (list-facts.ts), so a page costs the same few statements
 * whatever its size.
 */
import type { InboxRow, RequestRow } from '../../../shared/contract';
import type { RequestDetail } from '../../../shared/contract';
import { can } from '../policy/can';
import type { Actor } from '../policy/actor';
import { SYSTEM } from '../policy/resources';
import { maxDurationDays } from '../policy/max-duration';
import { hiddenRiskSummary, riskSummaries, type RiskOf } from '../records/risk-summary';
import { all, one, sql, type SqlFragment, sqlList } from '../store/sql';
import { ownersDeputisedBy } from './case-facts';
import { authorise, policyOf, type BrokerContext } from './context';
import type { ListFacts } from './list-facts';
import { personResourceWith, requestResource, requestResourceWith } from './request-facts';
import { loadRequest } from './request-record';
import { gatherRequestPageFacts, requestRowWith, selectRequestViews, toRequestRow, toRequestRows, type RequestViewRecord } from './request-view';
import { emergencyUsesOf, requestHistory } from './request-history';
import { requestHolders } from './request-contacts';

export type Filter = 'OPEN' | 'DECIDED' | 'ALL';
export interface Page {
  limit: number;
  offset: number;
}

export const paged = (where: SqlFragment, order: SqlFragment, p: Page): SqlFragment => sql`${where} ORDER BY ${order} LIMIT ${p.limit} OFFSET ${p.offset}`;
export const countOf = async (ctx: BrokerContext, where: SqlFragment): Promise<number> => (await one<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM requests r ${where}`))?.n ?? 0;

/** Open requests by deadline (most urgent first); decided ones newest first. */
export const ORDER: Record<Filter, SqlFragment> = {
  OPEN: sql`r.deadline, r.id`,
  DECIDED: sql`r.decided_at DESC, r.id DESC`,
  ALL: sql`r.queue IS NULL, r.deadline, r.id`,
};

const FILTER_SQL: Record<Filter, SqlFragment> = {
  OPEN: sql`r.queue IS NOT NULL`,
  DECIDED: sql`r.queue IS NULL`,
  ALL: sql`1 = 1`,
};

export async function myRequests(ctx: BrokerContext, actor: Actor, o: Page & { filter: Filter }): Promise<{ rows: RequestRow[]; total: number }> {
  const now = ctx.clock.now();
  authorise(actor, 'own.lists', SYSTEM, now);
  const where = sql`WHERE r.requester_user_id = ${actor.userId} AND ${FILTER_SQL[o.filter]}`;
  const rows = await toRequestRows(ctx.db, await selectRequestViews(ctx.db, now, paged(where, sql`r.created_at DESC, r.id DESC`, o)), actor, now);
  return { rows, total: await countOf(ctx, where) };
}

export async function getRequest(ctx: BrokerContext, actor: Actor, requestId: number): Promise<RequestDetail> {
  const now = ctx.clock.now();
  const policy = await policyOf(ctx);
  const r = await loadRequest(ctx.db, requestId);
  authorise(actor, 'request.view', await requestResource(ctx.db, actor, r, policy, now), now);
  const [view] = await selectRequestViews(ctx.db, now, sql`WHERE r.id = ${requestId}`);
  return { request: await toRequestRow(ctx.db, view!, actor, policy, now), history: await requestHistory(ctx.db, r), emergencyUses: await emergencyUsesOf(ctx.db, r.id), holders: await requestHolders(ctx.db, policy, r, now) };
}

export async function inbox(ctx: BrokerContext, actor: Actor, o: Page & { filter: Filter }): Promise<{ rows: InboxRow[]; total: number }> {
  const now = ctx.clock.now();
  authorise(actor, 'inbox.view', SYSTEM, now);
  const owners = actor.staffCode ? [actor.staffCode, ...await ownersDeputisedBy(ctx.db, actor.staffCode, now)] : [];
  if (owners.length === 0) return { rows: [], total: 0 };
  const where = sql`WHERE r.owner_staff_code IN ${sqlList(owners)} AND ${FILTER_SQL[o.filter]}`;
  const rows = await toInboxRows(ctx, actor, await selectRequestViews(ctx.db, now, paged(where, ORDER[o.filter], o)), now);
  return { rows, total: await countOf(ctx, where) };
}

/** A page of inbox rows: the page's facts and risk summaries are gathered once, in a fixed number of queries. */
export async function toInboxRows(ctx: BrokerContext, actor: Actor, rows: readonly RequestViewRecord[], now: number): Promise<InboxRow[]> {
  if (rows.length === 0) return [];
  const facts = await gatherRequestPageFacts(ctx.db, actor, rows, now, { withHub: true });
  const risk = await riskSummaries(ctx.db, rows.map((r) => r.crn), now, facts.timeZone);
  return rows.map((r) => toInboxRow(facts, risk, actor, r));
}

function toInboxRow(facts: ListFacts, riskOf: RiskOf, actor: Actor, r: RequestViewRecord): InboxRow {
  const now = facts.now;
  const request = requestResourceWith(facts, actor, r, { owner: r.p_owner, emergencyOpen: r.live_emergency !== 0 });
  const decide = can(actor, 'request.deny', request, now);
  const seeRisk = can(actor, 'person.viewRisk', personResourceWith(facts, actor, r.crn, r.p_owner), now).allowed;
  const fullRisk = riskOf(r.crn, request.restricted);
  return {
    ...requestRowWith(facts, r, actor),
    risk: seeRisk ? fullRisk : hiddenRiskSummary(request.restricted),
    canDecide: decide.allowed,
    cannotDecideReason: decide.allowed ? null : decide.message,
    maxDurationDays: maxDurationDays(facts.policy, r.scope, fullRisk),
  };
}

/** Every request past its deadline and still pending: for the "nothing is ever dropped" checks. */
export const overdueRequestIds = async (ctx: BrokerContext, now: number): Promise<number[]> =>
  (await all<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE queue IS NOT NULL AND deadline <= ${now}`)).map((r) => r.id);
