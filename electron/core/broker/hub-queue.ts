/**
 * The hub's queue: every request with the hub and every request past its deadline, even before the
 * sweep has moved it, so nothing overdue is ever out of sight. Open requests page by
 * (deadline, id) keys: the page after row 19,500 costs what the first page costs, where OFFSET
 * made the database walk past every row before it. Words and "overdue only" filter on the server,
 * so the screen loads one page at a time and never the whole queue.
 */
import type { HubQueueCursor } from '../../../shared/contract/requests';
import type { InboxRow } from '../../../shared/contract';
import type { Actor } from '../policy/actor';
import { SYSTEM } from '../policy/resources';
import { sql, sqlAnd, type SqlFragment, sqlILike } from '../store/sql';
import { authorise, type BrokerContext } from './context';
import { countOf, ORDER, paged, toInboxRows, type Filter, type Page } from './queues';
import { selectRequestViews } from './request-view';

export interface HubQueueQuery extends Page {
  filter: Filter;
  after?: HubQueueCursor | null;
  text?: string;
  overdueOnly?: boolean;
}

/** An LAO entry in force at `now`. */
const live = (alias: 'x' | 'l', now: number): SqlFragment => {
  const t = alias === 'x' ? sql`x` : sql`l`;
  return sql`${t}.start_at <= ${now} AND (${t}.end_at IS NULL OR ${t}.end_at > ${now})`;
};

/**
 * One word of the filter, matched as the screen would match it: in the CRN, the requester, their
 * provider, the owner, or the person's name, but the name only where the viewer may see it (LAO),
 * so a search can never reveal whose record is restricted.
 */
function wordMatches(actor: Actor, word: string, now: number): SqlFragment {
  const like = `%${word.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const staff = actor.staffCode;
  const laoAdmin = actor.roles.includes('lao-admin') ? 1 : 0;
  return sql`(r.crn ${sqlILike} ${like} ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM users u WHERE u.id = r.requester_user_id AND u.display_name ${sqlILike} ${like} ESCAPE '\\')
      OR EXISTS (SELECT 1 FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers pr ON pr.code = t.provider_code
                 WHERE s.code = r.requester_staff_code AND pr.name ${sqlILike} ${like} ESCAPE '\\')
      OR EXISTS (SELECT 1 FROM staff o WHERE o.code = r.owner_staff_code AND (o.forename || ' ' || o.surname) ${sqlILike} ${like} ESCAPE '\\')
      OR EXISTS (SELECT 1 FROM people p WHERE p.crn = r.crn AND (p.forename || ' ' || p.surname) ${sqlILike} ${like} ESCAPE '\\'
                 AND NOT EXISTS (SELECT 1 FROM lao_exclusions x WHERE x.crn = r.crn AND x.staff_code = ${staff} AND ${live('x', now)})
                 AND (${laoAdmin} = 1 OR p.owner_staff_code = ${staff}
                      OR NOT EXISTS (SELECT 1 FROM lao_restrictions l WHERE l.crn = r.crn AND ${live('l', now)})
                      OR EXISTS (SELECT 1 FROM lao_restrictions l WHERE l.crn = r.crn AND l.staff_code = ${staff} AND ${live('l', now)}))))`;
}

function hubWhere(actor: Actor, o: HubQueueQuery, now: number): SqlFragment {
  const open = sql`(r.queue IS NOT NULL AND (r.status = 'PENDING_HUB' OR r.deadline <= ${now}))`;
  const decided = sql`(r.decision_route = 'HUB' AND r.decided_at IS NOT NULL)`;
  const parts: SqlFragment[] = [o.filter === 'OPEN' ? open : o.filter === 'DECIDED' ? decided : sql`(${open} OR r.decision_route = 'HUB')`];
  if (o.overdueOnly) parts.push(sql`r.queue IS NOT NULL AND r.deadline <= ${now}`);
  for (const word of (o.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)) parts.push(wordMatches(actor, word, now));
  return sql`WHERE ${sqlAnd(parts)}`;
}

export async function hubQueue(ctx: BrokerContext, actor: Actor, o: HubQueueQuery): Promise<{ rows: InboxRow[]; total: number; overdue: number; next: HubQueueCursor | null }> {
  const now = ctx.clock.now();
  authorise(actor, 'hub.queue', SYSTEM, now);
  const where = hubWhere(actor, o, now);
  const after = o.after ?? null;
  const page: SqlFragment = after
    ? sql`${where} AND (r.deadline, r.id) > (${after.deadline}, ${after.id}) ORDER BY r.deadline, r.id LIMIT ${o.limit}`
    : paged(where, ORDER[o.filter], o);
  const views = await selectRequestViews(ctx.db, now, page);
  const rows = await toInboxRows(ctx, actor, views, now);
  const overdue = await countOf(ctx, sql`WHERE r.queue IS NOT NULL AND r.deadline <= ${now}`);
  const last = views[views.length - 1];
  const next = o.filter === 'OPEN' && views.length === o.limit && last ? { deadline: last.deadline, id: last.id } : null;
  return { rows, total: await countOf(ctx, where), overdue, next };
}
