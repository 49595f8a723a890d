/** Gathers the policy's facts about a request, a grant or a person for one actor. */
import type { Db } from '../store/sql';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { grantCheckTime } from '../clock/clock-guard';
import { one, sql } from '../store/sql';
import type { Actor } from '../policy/actor';
import type { GrantResource, PersonResource, RequestResource } from '../policy/resources';
import { caseOwner, caseRelationship, laoFacts } from './case-facts';
import { caseFactsOneByOne, type ListFacts } from './list-facts';
import { grantState, type GrantRecord } from './grant-record';
import type { RequestRecord } from './request-record';

export async function personResource(db: Db, actor: Actor, crn: string, now: number): Promise<PersonResource> {
  const owner = (await caseOwner(db, crn)) ?? null;
  return personResourceWith(await caseFactsOneByOne(db, actor, now, { crn }), actor, crn, owner);
}

/** The person's facts from facts already gathered (a page's, or one case's). */
export function personResourceWith(facts: ListFacts, actor: Actor, crn: string, owner: string | null): PersonResource {
  const lao = facts.lao(crn, actor.staffCode);
  return {
    kind: 'person',
    relationship: facts.relationship(owner),
    withHub: facts.withHub(crn),
    excluded: lao.excluded,
    restricted: lao.restricted,
    onAllowList: lao.onAllowList,
  };
}

/**
 * Relationship uses the case's current owner, so after a transfer the new owner decides; the
 * owner recorded on the request is only where it was routed.
 */
export async function requestResource(db: Db, actor: Actor, r: RequestRecord, policy: PolicySettings, now: number): Promise<RequestResource> {
  const emergencyOpen = await one<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM emergency_uses e JOIN grants g ON g.id = e.grant_id
        WHERE e.request_id = ${r.id} AND g.revoked_at IS NULL AND g.end_at > ${now}`,
  );
  const owner = (await caseOwner(db, r.crn)) ?? null;
  return requestResourceWith(await caseFactsOneByOne(db, actor, now, { crn: r.crn, policy }), actor, r, { owner, emergencyOpen: (emergencyOpen?.n ?? 0) > 0 });
}

/** `owner` is the case's current owner; `emergencyOpen` whether a live emergency grant came from this request. */
export function requestResourceWith(facts: ListFacts, actor: Actor, r: RequestRecord, known: { owner: string | null; emergencyOpen: boolean }): RequestResource {
  const lao = facts.lao(r.crn, actor.staffCode);
  return {
    kind: 'request',
    isRequester: r.requester_user_id === actor.userId,
    relationship: facts.relationship(known.owner),
    status: r.status,
    deadline: r.deadline,
    neededBy: r.needed_by,
    urgency: r.urgency,
    requesterExcluded: facts.lao(r.crn, r.requester_staff_code).excluded,
    emergencyWindowMinutes: facts.policy.emergencyWindowMinutes,
    emergencyOpen: known.emergencyOpen,
    excluded: lao.excluded,
    restricted: lao.restricted,
    onAllowList: lao.onAllowList,
  };
}

export interface GrantHolder {
  active: boolean;
  excluded: boolean;
  staffCode: string | null;
}

export async function grantHolder(db: Db, g: GrantRecord, now: number): Promise<GrantHolder> {
  const user = await one<{ active: number; staff_code: string | null }>(db, sql`SELECT active, staff_code FROM users WHERE id = ${g.grantee_user_id}`);
  return { active: user?.active === 1, excluded: (await laoFacts(db, g.crn, user?.staff_code ?? null, now)).excluded, staffCode: user?.staff_code ?? null };
}

export async function grantResource(db: Db, actor: Actor, g: GrantRecord, now: number): Promise<GrantResource> {
  const holder = await grantHolder(db, g, now);
  return {
    kind: 'grant',
    isGrantee: g.grantee_user_id === actor.userId,
    relationship: await caseRelationship(db, actor, await caseOwner(db, g.crn) ?? null, now),
    state: grantState(g, holder, now, await grantCheckTime(db, now)),
    excluded: holder.excluded,
  };
}
