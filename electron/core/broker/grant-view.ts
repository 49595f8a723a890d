/** Stored grants turned into GrantRow for the screens. */
import { mapInOrder } from '../../../shared/async/map-in-order';
import type { Db } from '../store/sql';
import type { GrantRow } from '../../../shared/contract';
import { grantCheckTime } from '../clock/clock-guard';
import { all, sql, type SqlFragment } from '../store/sql';
import type { Actor } from '../policy/actor';
import { laoFacts } from './case-facts';
import { grantState, type GrantRecord } from './grant-record';
import { mayNameCase, RESTRICTED_NAME } from './request-view';

interface GrantViewRecord extends GrantRecord {
  p_forename: string;
  p_surname: string;
  p_owner: string | null;
  grantee_name: string;
  grantee_active: number;
  grantee_staff_code: string | null;
  granted_by_name: string | null;
  revoked_by_name: string | null;
}

const SELECT = sql`
  SELECT g.*, p.forename AS p_forename, p.surname AS p_surname, p.owner_staff_code AS p_owner,
    gu.display_name AS grantee_name, gu.active AS grantee_active, gu.staff_code AS grantee_staff_code,
    bu.display_name AS granted_by_name, ru.display_name AS revoked_by_name
  FROM grants g
  JOIN people p ON p.crn = g.crn
  JOIN users gu ON gu.id = g.grantee_user_id
  LEFT JOIN users bu ON bu.id = g.granted_by_user_id
  LEFT JOIN users ru ON ru.id = g.revoked_by_user_id`;

export async function selectGrantRows(db: Db, viewer: Actor, now: number, rest: SqlFragment): Promise<GrantRow[]> {
  return mapInOrder(await all<GrantViewRecord>(db, sql`${SELECT} ${rest}`), async (g) => ({
    id: g.id,
    requestId: g.request_id,
    kind: g.kind,
    crn: g.crn,
    personName: await mayNameCase(db, viewer, g.crn, g.p_owner, now) ? `${g.p_forename} ${g.p_surname}` : RESTRICTED_NAME,
    granteeUserId: g.grantee_user_id,
    granteeName: g.grantee_name,
    grantedByName: g.granted_by_name,
    scope: g.scope,
    startAt: g.start_at,
    endAt: g.end_at,
    state: grantState(g, { active: g.grantee_active === 1, excluded: (await laoFacts(db, g.crn, g.grantee_staff_code, now)).excluded }, now, await grantCheckTime(db, now)),
    revokedAt: g.revoked_at,
    revokedByName: g.revoked_by_name,
    revokeReason: g.revoke_reason,
  }));
}
