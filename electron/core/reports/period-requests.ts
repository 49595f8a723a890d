/**
 * The requests a report counts: those made in the period, each with its facts as they stood at
 * the period's `asOf` (a decision made after it does not count yet). The facts are SQL, so every
 * table is counted by the database in a few set-based queries on either engine: a year of a
 * national store's requests (about a million) is never carried into JavaScript row by row.
 * Staff, teams and providers are read once per report to name groups and listed rows.
 */
import type { Db } from '../store/sql';
import type { Breakdown } from '../../../shared/contract/reports';
import { all, sql, type SqlFragment } from '../store/sql';
import type { ReportPeriod } from './report-period';

export const NO_STAFF_RECORD = 'No staff record';
export const NO_OWNER = 'No offender manager recorded';
/** The group key of requests whose staff member is not recorded. */
export const NO_GROUP = '-';

export interface Group {
  key: string;
  label: string;
}

/** Names of staff, teams and providers, read once per report. */
export interface OrganisationNames {
  staff: Map<string, { name: string; teamCode: string; providerCode: string }>;
  teams: Map<string, string>;
  providers: Map<string, string>;
}

export async function organisationNames(db: Db): Promise<OrganisationNames> {
  const rows = await all<{ code: string; name: string; t_code: string; t_name: string; p_code: string; p_name: string }>(
    db,
    sql`SELECT s.code, s.forename || ' ' || s.surname AS name, t.code AS t_code, t.name AS t_name, p.code AS p_code, p.name AS p_name
        FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code`,
  );
  const names: OrganisationNames = { staff: new Map(), teams: new Map(), providers: new Map() };
  for (const r of rows) {
    names.staff.set(r.code, { name: r.name, teamCode: r.t_code, providerCode: r.p_code });
    names.teams.set(r.t_code, r.t_name);
    names.providers.set(r.p_code, r.p_name);
  }
  return names;
}

/** Where a member of staff sits, as listed rows name it; a code with no staff record gets `missing`. */
export function placeOf(names: OrganisationNames, code: string | null, missing: string): { person: string; team: string; provider: string } {
  const s = code === null ? undefined : names.staff.get(code);
  if (!s) return { person: missing, team: missing, provider: missing };
  return { person: s.name, team: names.teams.get(s.teamCode)!, provider: names.providers.get(s.providerCode)! };
}

const OWNER_SIDE: readonly Breakdown[] = ['OFFENDER_MANAGER', 'OWNER_TEAM', 'REGION'];

/** The label of a breakdown's group key. */
export function groupLabel(names: OrganisationNames, breakdown: Exclude<Breakdown, 'NONE'>, key: string): string {
  if (key === NO_GROUP) return OWNER_SIDE.includes(breakdown) ? NO_OWNER : NO_STAFF_RECORD;
  switch (breakdown) {
    case 'OFFENDER_MANAGER':
      return names.staff.get(key)!.name;
    case 'OWNER_TEAM':
    case 'REQUESTER_TEAM':
      return names.teams.get(key)!;
    case 'REGION':
    case 'REQUESTER_PROVIDER':
      return names.providers.get(key)!;
  }
}

/** Groups ordered by name, then key, as every breakdown table lists them. */
export function inGroupOrder<T extends Group>(groups: T[]): T[] {
  return groups.sort((a, b) => a.label.localeCompare(b.label, 'en-GB') || a.key.localeCompare(b.key));
}

/** The SQL of a request's group under a breakdown: the owner's or requester's place, or NO_GROUP when no staff record names it. */
function groupKeySql(breakdown: Breakdown): { joins: SqlFragment; key: SqlFragment } {
  // The key is a literal, not a parameter: PostgreSQL cannot type a parameter standing alone in a select list.
  if (breakdown === 'NONE') return { joins: sql``, key: sql`'-'` };
  const staffCode = OWNER_SIDE.includes(breakdown) ? sql`r.owner_staff_code` : sql`r.requester_staff_code`;
  const joins = sql`LEFT JOIN staff gs ON gs.code = ${staffCode} LEFT JOIN teams gt ON gt.code = gs.team_code LEFT JOIN providers gp ON gp.code = gt.provider_code`;
  const of = breakdown === 'OFFENDER_MANAGER' ? sql`gs.code` : breakdown === 'OWNER_TEAM' || breakdown === 'REQUESTER_TEAM' ? sql`gt.code` : sql`gp.code`;
  return { joins, key: sql`CASE WHEN gp.code IS NULL THEN '-' ELSE ${of} END` };
}

/**
 * `WITH facts AS (…)`: one row per request made in the period, as it stood at `asOf`:
 * outcome (APPROVED, NARROWED, DENIED, WITHDRAWN, PENDING), when and by which route it was decided,
 * when it was withdrawn, why it was with the hub (if it had gone there), when emergency access was
 * first opened, its SLA state (MET, BREACHED, NOT_YET_DUE, WITHDRAWN_IN_TIME) and how late, and
 * its group under the breakdown (`group_key`).
 *
 * SLA: decided on or before the deadline is met; decided after it, withdrawn after it undecided,
 * or still undecided past it is a breach (nothing is ever dropped); withdrawn before it, the
 * deadline no longer applied; pending and not yet at it, not yet due.
 */
export function periodFacts(period: ReportPeriod, breakdown: Breakdown): SqlFragment {
  const { fromAt, toAt, asOf } = period;
  const group = groupKeySql(breakdown);
  // A deadline escalation counts from the moment it happened; any other hub routing from when it was routed.
  const base = sql`SELECT r.id, r.crn, r.urgency, r.created_at, r.deadline, r.owner_staff_code, r.requester_staff_code, ${group.key} AS group_key,
      CASE WHEN r.decided_at <= ${asOf} THEN r.decided_at END AS decided_at,
      CASE WHEN r.decided_at <= ${asOf} THEN r.decision_route END AS route,
      CASE WHEN r.withdrawn_at <= ${asOf} THEN r.withdrawn_at END AS withdrawn_at,
      CASE WHEN r.decided_at <= ${asOf} THEN (CASE WHEN r.status = 'DENIED' THEN 'DENIED' WHEN r.narrowed = 1 THEN 'NARROWED' ELSE 'APPROVED' END)
           WHEN r.withdrawn_at <= ${asOf} THEN 'WITHDRAWN' ELSE 'PENDING' END AS outcome,
      CASE WHEN r.decided_at <= ${asOf} AND r.status = 'DENIED' THEN r.deny_reason_code END AS deny_reason,
      CASE WHEN coalesce(r.route_reason, r.hub_reason) = 'DEADLINE_MISSED' THEN (CASE WHEN r.escalated_at <= ${asOf} THEN 'DEADLINE_MISSED' END)
           WHEN r.routed_at <= ${asOf} THEN coalesce(r.route_reason, r.hub_reason) END AS hub_reason,
      (SELECT min(e.used_at) FROM emergency_uses e WHERE e.request_id = r.id AND e.used_at <= ${asOf}) AS first_emergency_at
    FROM requests r ${group.joins}
    WHERE r.created_at >= ${fromAt} AND r.created_at < ${toAt} AND r.created_at <= ${asOf}`;
  return sql`WITH base AS (${base}),
    facts AS (
      SELECT base.*,
        CASE WHEN decided_at IS NOT NULL THEN (CASE WHEN decided_at <= deadline THEN 'MET' ELSE 'BREACHED' END)
             WHEN withdrawn_at IS NOT NULL THEN (CASE WHEN withdrawn_at <= deadline THEN 'WITHDRAWN_IN_TIME' ELSE 'BREACHED' END)
             WHEN deadline <= ${asOf} THEN 'BREACHED' ELSE 'NOT_YET_DUE' END AS sla,
        CASE WHEN decided_at IS NOT NULL THEN decided_at - deadline
             WHEN withdrawn_at IS NOT NULL THEN withdrawn_at - deadline
             ELSE ${asOf} - deadline END AS late_ms
      FROM base
    )`;
}
