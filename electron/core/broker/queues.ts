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
import { all, one, sql, type SqlQuery } from '../store/sql';
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

export const paged = (where: SqlQuery, order: string, p: Page): SqlQuery => ({ text: `${where.text} ORDER BY ${order} LIMIT ? OFFSET ?`, params: [...where.params, p.limit, p.offset] });
export const countOf = (ctx: BrokerContext, where: SqlQuery): number => one<{ n: number }>(ctx.db, { text: `SELECT count(*) AS n FROM requests r ${where.text}`, params: where.params })?.n ?? 0;

/** Open requests by deadline (most urgent first); decided ones newest first. */
export const ORDER: Record<Filter, string> = {
  OPEN: 'r.deadline, r.id',
  DECIDED: 'r.decided_at DESC, r.id DESC',
  ALL: 'r.queue IS NULL, r.deadline, r.id',
};

const FILTER_SQL: Record<Filter, string> = {
  OPEN: 'r.queue IS NOT NULL',
  DECIDED: 'r.queue IS NULL',
  ALL: '1 = 1',
};

export function myRequests(ctx: BrokerContext, actor: Actor, o: Page & { filter: Filter }): { rows: RequestRow[]; total: number } {
  const now = ctx.clock.now();
  authorise(actor, 'own.lists', SYSTEM, now);
  const where = { text: `WHERE r.requester_user_id = ? AND ${FILTER_SQL[o.filter]}`, params: [actor.userId] };
  const rows = toRequestRows(ctx.db, selectRequestViews(ctx.db, now, paged(where, 'r.created_at DESC, r.id DESC', o)), actor, now);
  return { rows, total: countOf(ctx, where) };
}

export function getRequest(ctx: BrokerContext, actor: Actor, requestId: number): RequestDetail {
  const now = ctx.clock.now();
  const policy = policyOf(ctx);
  const r = loadRequest(ctx.db, requestId);
  authorise(actor, 'request.view', requestResource(ctx.db, actor, r, policy, now), now);
  const [view] = selectRequestViews(ctx.db, now, sql`WHERE r.id = ${requestId}`);
  return { request: toRequestRow(ctx.db, view!, actor, policy, now), history: requestHistory(ctx.db, r), emergencyUses: emergencyUsesOf(ctx.db, r.id), holders: requestHolders(ctx.db, policy, r, now) };
}

export function inbox(ctx: BrokerContext, actor: Actor, o: Page & { filter: Filter }): { rows: InboxRow[]; total: number } {
  const now = ctx.clock.now();
  authorise(actor, 'inbox.view', SYSTEM, now);
  const owners = actor.staffCode ? [actor.staffCode, ...ownersDeputisedBy(ctx.db, actor.staffCode, now)] : [];
  if (owners.length === 0) return { rows: [], total: 0 };
  const where = { text: `WHERE r.owner_staff_code IN (${owners.map(() => '?').join(', ')}) AND ${FILTER_SQL[o.filter]}`, params: owners };
  const rows = toInboxRows(ctx, actor, selectRequestViews(ctx.db, now, paged(where, ORDER[o.filter], o)), now);
  return { rows, total: countOf(ctx, where) };
}

/** A page of inbox rows: the page's facts and risk summaries are gathered once, in a fixed number of queries. */
export function toInboxRows(ctx: BrokerContext, actor: Actor, rows: readonly RequestViewRecord[], now: number): InboxRow[] {
  if (rows.length === 0) return [];
  const facts = gatherRequestPageFacts(ctx.db, actor, rows, now, { withHub: true });
  const risk = riskSummaries(ctx.db, rows.map((r) => r.crn), now, facts.timeZone);
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
export const overdueRequestIds = (ctx: BrokerContext, now: number): number[] =>
  all<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE queue IS NOT NULL AND deadline <= ${now}`).map((r) => r.id);
