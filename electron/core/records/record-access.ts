/**
 * What a reader may see of a person now: gathered fresh on every read, never cached, in one query
 * (a read is the hottest path; on a server every extra query is a round trip).
 *
 * The query answers each condition of the rules in its own column, so a new condition (a grant
 * must also end after the latest time the store has seen, say) is one more column or one more
 * term in the grant's WHERE, not one more query.
 */
import type { Db } from '../store/sql';
import { SCOPES } from '../../../shared/domain/access';
import type { Actor } from '../policy/actor';
import type { RecordResource } from '../policy/resources';
import { localDate } from '../broker/case-facts';
import type { GrantRecord } from '../broker/grant-record';
import { policyFromStored, POLICY_VALUE_SQL } from '../settings/policy-store';
import { one, sql, sqlDialect, sqlFlag, sqlGreatest, sqlTrusted } from '../store/sql';

interface ReadFacts {
  owner: string | null;
  excluded: number;
  restricted: number;
  on_allow_list: number;
  /** The actor's allocations for the person as [start_date, end_date] pairs: "today" needs the policy's time zone. */
  allocations: string;
  rollback_detected_at: number | null;
  latest_seen_at: number | null;
  policy: string | null;
  grant: string | null;
}

const WIDEST_FIRST = sqlTrusted(`CASE scope ${SCOPES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END DESC`);

const GRANT_FIELDS = sql`'id', id, 'request_id', request_id, 'kind', kind, 'grantee_user_id', grantee_user_id, 'crn', crn, 'scope', scope,
  'start_at', start_at, 'end_at', end_at, 'granted_by_user_id', granted_by_user_id, 'created_at', created_at,
  'revoked_at', revoked_at, 'revoked_by_user_id', revoked_by_user_id, 'revoke_reason', revoke_reason,
  'expiry_recorded_at', expiry_recorded_at`;

/** JSON text of a row (SQLite's json_object; PostgreSQL's json_build_object, as text like SQLite's). */
const GRANT_JSON = sqlDialect({ sqlite: sql`json_object(${GRANT_FIELDS})`, postgres: sql`json_build_object(${GRANT_FIELDS})::text` });
const ALLOCATIONS_JSON = sqlDialect({
  sqlite: sql`json_group_array(json_array(start_date, end_date))`,
  postgres: sql`coalesce(json_agg(json_build_array(start_date, end_date))::text, '[]')`,
});

/** `staff` is the reader's staff code, `user` their user id. */
const readFactsSql = ({ crn, staff, now, user }: { crn: string; staff: string | null; now: number; user: number }) => sql`
  SELECT
    (SELECT owner_staff_code FROM people WHERE crn = ${crn}) AS owner,
    ${sqlFlag(sql`EXISTS (SELECT 1 FROM lao_exclusions WHERE crn = ${crn} AND staff_code = ${staff} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now}))`)} AS excluded,
    ${sqlFlag(sql`EXISTS (SELECT 1 FROM lao_restrictions WHERE crn = ${crn} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now}))`)} AS restricted,
    ${sqlFlag(sql`EXISTS (SELECT 1 FROM lao_restrictions WHERE crn = ${crn} AND staff_code = ${staff} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now}))`)} AS on_allow_list,
    (SELECT ${ALLOCATIONS_JSON} FROM allocations WHERE staff_code = ${staff} AND crn = ${crn}) AS allocations,
    c.rollback_detected_at, c.latest_seen_at,
    ${POLICY_VALUE_SQL} AS policy,
    -- The widest live grant, a request grant before an emergency one of the same scope.
    (SELECT ${GRANT_JSON}
       FROM grants WHERE grantee_user_id = ${user} AND crn = ${crn} AND revoked_at IS NULL AND start_at <= ${now}
         -- Ended is ended: the end is also checked against the latest time the store has ever seen.
         AND end_at > ${sqlGreatest(now, sql`coalesce(c.high_water_at, 0)`)}
       ORDER BY ${WIDEST_FIRST}, kind = 'REQUEST' DESC, end_at, id LIMIT 1) AS "grant"
  FROM (SELECT 1 AS one) AS o LEFT JOIN clock_state c ON c.id = 1`;

export async function recordResource(db: Db, actor: Actor, crn: string, now: number): Promise<{ resource: RecordResource; grant: GrantRecord | null }> {
  const f = (await one<ReadFacts>(db, readFactsSql({ crn, staff: actor.staffCode, now, user: actor.userId })))!;
  const today = localDate(now, policyFromStored(db, f.policy).workingHours.timeZone);
  const allocations = JSON.parse(f.allocations) as [string, string | null][];
  // The holder's own state (active, not excluded) is part of "active grant": actor.active is
  // checked by the policy, exclusion by `excluded`, so the live grant here is only date and revocation.
  const grant = f.grant === null ? null : (JSON.parse(f.grant) as GrantRecord);
  return {
    resource: {
      kind: 'record',
      owner: actor.staffCode !== null && actor.staffCode === f.owner,
      grantScope: grant?.scope ?? null,
      grantIsEmergency: grant?.kind === 'EMERGENCY',
      allocation: actor.staffCode !== null && allocations.some(([start, end]) => start <= today && (end === null || end >= today)),
      readsPaused: f.rollback_detected_at !== null,
      excluded: f.excluded === 1,
      restricted: f.restricted === 1,
      onAllowList: f.on_allow_list === 1,
    },
    grant,
  };
}
