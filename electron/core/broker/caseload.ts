/** An offender manager's caseload and who can see each person on it. */
import type { ViewerRow } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import { SYSTEM } from '../policy/resources';
import { riskSummaries } from '../records/risk-summary';
import { recordResource } from '../records/record-access';
import { loadActor } from '../auth/load-actor';
import { all, one, sql, type SqlFragment, sqlILike } from '../store/sql';
import { localDate, officeTimeZone } from './case-facts';
import { gatherListFacts, inList, jsonList } from './list-facts';
import { authorise, type BrokerContext } from './context';
import { personResource } from './request-facts';

const countsByCrn = async (ctx: BrokerContext, q: SqlFragment): Promise<Map<string, number>> =>
  new Map((await all<{ crn: string; n: number }>(ctx.db, q)).map((r) => [r.crn, Number(r.n)]));

export async function myCaseload(ctx: BrokerContext, actor: Actor, o: { query: string; limit: number; offset: number }) {
  const now = ctx.clock.now();
  authorise(actor, 'caseload.view', SYSTEM, now);
  const like = `${o.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const where = sql`WHERE p.owner_staff_code = ${actor.staffCode ?? ''} AND (${o.query} = '' OR p.surname ${sqlILike} ${like} ESCAPE '\\' OR p.crn ${sqlILike} ${like.toUpperCase()} ESCAPE '\\')`;
  const people = await all<{ crn: string; forename: string; surname: string }>(ctx.db, sql`SELECT p.crn, p.forename, p.surname FROM people p ${where} ORDER BY p.surname, p.forename LIMIT ${o.limit} OFFSET ${o.offset}`);
  const total = (await one<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM people p ${where}`))?.n ?? 0;
  // The page's facts in a fixed number of queries, keyed by CRN, whatever the page size.
  const crns = people.map((p) => p.crn);
  const facts = await gatherListFacts(ctx.db, actor, now, { crns });
  const riskOf = await riskSummaries(ctx.db, crns, now, facts.timeZone);
  const pending = await countsByCrn(ctx, sql`SELECT crn, count(*) AS n FROM requests WHERE crn ${inList(jsonList(crns))} AND queue IS NOT NULL GROUP BY crn`);
  const grants = await countsByCrn(ctx, sql`SELECT crn, count(*) AS n FROM grants WHERE crn ${inList(jsonList(crns))} AND revoked_at IS NULL AND start_at <= ${now} AND end_at > ${now} GROUP BY crn`);
  const rows = people.map((p) => ({
    crn: p.crn,
    name: `${p.forename} ${p.surname}`,
    risk: riskOf(p.crn, facts.lao(p.crn, null).restricted),
    pendingRequests: pending.get(p.crn) ?? 0,
    activeGrants: grants.get(p.crn) ?? 0,
  }));
  return { rows, total };
}

/**
 * Everyone who can read this person now. Each candidate (owner, grant holders, allocated staff)
 * is put through the same policy as a real read, so the list never claims more than is true.
 */
export async function whoCanSee(ctx: BrokerContext, actor: Actor, crn: string): Promise<{ crn: string; name: string; viewers: ViewerRow[] }> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const person = await one<{ forename: string; surname: string; owner_staff_code: string | null }>(db, sql`SELECT forename, surname, owner_staff_code FROM people WHERE crn = ${crn}`);
  if (!person) throw new AppError('NOT_FOUND', `There is nobody with CRN ${crn}.`);
  authorise(actor, 'person.whoCanSee', await personResource(db, actor, crn, now), now);
  const today = localDate(now, await officeTimeZone(db));
  const candidates = await all<{ id: number }>(
    db,
    sql`SELECT id FROM users WHERE active = 1 AND (
          staff_code = ${person.owner_staff_code ?? ''}
          OR id IN (SELECT grantee_user_id FROM grants WHERE crn = ${crn} AND revoked_at IS NULL AND start_at <= ${now} AND end_at > ${now})
          OR staff_code IN (SELECT staff_code FROM allocations WHERE crn = ${crn} AND start_date <= ${today} AND (end_date IS NULL OR end_date >= ${today})))
        ORDER BY id`,
  );
  const viewers: ViewerRow[] = [];
  for (const { id } of candidates) {
    const viewer = await loadActor(db, id);
    const { resource, grant } = await recordResource(db, viewer, crn, now);
    const v = can(viewer, 'record.read', resource, now);
    if (!v.allowed || !v.scope || !v.route) continue;
    const viaGrant = v.route === 'GRANT' || v.route === 'EMERGENCY';
    const org = viewer.staffCode
      ? await one<{ name: string }>(db, sql`SELECT p.name FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code WHERE s.code = ${viewer.staffCode}`)
      : undefined;
    viewers.push({
      userId: viewer.userId,
      name: viewer.displayName,
      staffCode: viewer.staffCode,
      providerName: org?.name ?? null,
      route: v.route as ViewerRow['route'],
      scope: v.scope,
      from: viaGrant ? (grant?.start_at ?? null) : null,
      until: viaGrant ? (grant?.end_at ?? null) : null,
      grantId: viaGrant ? (grant?.id ?? null) : null,
    });
  }
  return { crn, name: `${person.forename} ${person.surname}`, viewers };
}
