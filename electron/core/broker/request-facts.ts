/** Gathers the policy's facts about a request, a grant or a person for one actor. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { grantCheckTime } from '../clock/clock-guard';
import { one, sql } from '../store/sql';
import type { Actor } from '../policy/actor';
import type { GrantResource, PersonResource, RequestResource } from '../policy/resources';
import { caseOwner, caseRelationship, laoFacts } from './case-facts';
import { grantState, type GrantRecord } from './grant-record';
import type { RequestRecord } from './request-record';

export function personResource(db: Database, actor: Actor, crn: string, now: number): PersonResource {
  const owner = caseOwner(db, crn) ?? null;
  const lao = laoFacts(db, crn, actor.staffCode, now);
  const withHub = one<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM requests WHERE crn = ${crn} AND queue IS NOT NULL AND (status = 'PENDING_HUB' OR deadline <= ${now})`,
  );
  return {
    kind: 'person',
    relationship: caseRelationship(db, actor, owner, now),
    withHub: (withHub?.n ?? 0) > 0,
    excluded: lao.excluded,
    restricted: lao.restricted,
    onAllowList: lao.onAllowList,
  };
}

/**
 * Relationship uses the case's current owner, so after a transfer the new owner decides; the
 * owner recorded on the request is only where it was routed.
 */
export function requestResource(db: Database, actor: Actor, r: RequestRecord, policy: PolicySettings, now: number): RequestResource {
  const owner = caseOwner(db, r.crn) ?? null;
  const lao = laoFacts(db, r.crn, actor.staffCode, now);
  const requesterLao = laoFacts(db, r.crn, r.requester_staff_code, now);
  const emergencyOpen = one<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM emergency_uses e JOIN grants g ON g.id = e.grant_id
        WHERE e.request_id = ${r.id} AND g.revoked_at IS NULL AND g.end_at > ${now}`,
  );
  return {
    kind: 'request',
    isRequester: r.requester_user_id === actor.userId,
    relationship: caseRelationship(db, actor, owner, now),
    status: r.status,
    deadline: r.deadline,
    neededBy: r.needed_by,
    urgency: r.urgency,
    requesterExcluded: requesterLao.excluded,
    emergencyWindowMinutes: policy.emergencyWindowMinutes,
    emergencyOpen: (emergencyOpen?.n ?? 0) > 0,
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

export function grantHolder(db: Database, g: GrantRecord, now: number): GrantHolder {
  const user = one<{ active: number; staff_code: string | null }>(db, sql`SELECT active, staff_code FROM users WHERE id = ${g.grantee_user_id}`);
  return { active: user?.active === 1, excluded: laoFacts(db, g.crn, user?.staff_code ?? null, now).excluded, staffCode: user?.staff_code ?? null };
}

export function grantResource(db: Database, actor: Actor, g: GrantRecord, now: number): GrantResource {
  const holder = grantHolder(db, g, now);
  return {
    kind: 'grant',
    isGrantee: g.grantee_user_id === actor.userId,
    relationship: caseRelationship(db, actor, caseOwner(db, g.crn) ?? null, now),
    state: grantState(g, holder, now, grantCheckTime(db, now)),
    excluded: holder.excluded,
  };
}
