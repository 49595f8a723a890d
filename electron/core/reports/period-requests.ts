/**
 * The requests a report counts: those made in the period, each with its facts as they stood at
 * the period's `asOf` (a decision made after it does not count yet) and with the organisation
 * rows every breakdown is named from. One read-only query over the requests_created index; staff,
 * teams and providers are looked up once and shared, so a year of a national store's requests
 * (about a million) fits comfortably in memory.
 */
import type { Db } from '../store/sql';
import type { Breakdown, Outcome } from '../../../shared/contract/reports';
import type { DecisionRoute, DenyReasonCode, HubReason } from '../../../shared/contract/vocabulary';
import type { Urgency } from '../../../shared/domain/access';
import { all, sql } from '../store/sql';
import type { ReportPeriod } from './report-period';

export const NO_STAFF_RECORD = 'No staff record';
export const NO_OWNER = 'No offender manager recorded';

export interface Group {
  key: string;
  label: string;
}

export interface PeriodRequest {
  id: number;
  /** Only to count different people; reports never show it. */
  crn: string;
  urgency: Urgency;
  createdAt: number;
  deadline: number;
  outcome: Outcome;
  /** When it was decided, if by `asOf`. */
  decidedAt: number | null;
  route: DecisionRoute | null;
  denyReason: DenyReasonCode | null;
  /** When it was withdrawn, if by `asOf`. */
  withdrawnAt: number | null;
  /** Why it was with the hub, if it had gone there by `asOf`. */
  hubReason: HubReason | null;
  firstEmergencyAt: number | null;
  ownerStaffCode: string | null;
  owner: Group;
  ownerTeam: Group;
  region: Group;
  requesterTeam: Group;
  requesterProvider: Group;
}

/** Where a member of staff sits, named once per report rather than once per request. */
interface StaffPlace {
  person: Group;
  team: Group;
  provider: Group;
}

async function staffPlaces(db: Db): Promise<Map<string, StaffPlace>> {
  const rows = await all<{ code: string; name: string; t_code: string; t_name: string; p_code: string; p_name: string }>(
    db,
    sql`SELECT s.code, s.forename || ' ' || s.surname AS name, t.code AS t_code, t.name AS t_name, p.code AS p_code, p.name AS p_name
        FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code`,
  );
  const teams = new Map<string, Group>();
  const providers = new Map<string, Group>();
  const shared = (map: Map<string, Group>, key: string, label: string) => map.get(key) ?? map.set(key, { key, label }).get(key)!;
  return new Map(rows.map((r) => [r.code, { person: { key: r.code, label: r.name }, team: shared(teams, r.t_code, r.t_name), provider: shared(providers, r.p_code, r.p_name) }]));
}

/** One request as the store gives it. */
interface RequestRow {
  id: number;
  crn: string;
  urgency: Urgency;
  created_at: number;
  deadline: number;
  status: string;
  decided_at: number | null;
  decision_route: DecisionRoute | null;
  narrowed: number | null;
  deny_reason_code: DenyReasonCode | null;
  withdrawn_at: number | null;
  hub_reason: HubReason | null;
  routed_at: number;
  escalated_at: number | null;
  owner_staff_code: string | null;
  requester_staff_code: string | null;
  first_emergency_at: number | null;
}

export async function periodRequests(db: Db, period: ReportPeriod): Promise<PeriodRequest[]> {
  const { fromAt, toAt, asOf } = period;
  const places = await staffPlaces(db);
  const noOwner: StaffPlace = { person: { key: '-', label: NO_OWNER }, team: { key: '-', label: NO_OWNER }, provider: { key: '-', label: NO_OWNER } };
  const noStaff: StaffPlace = { person: { key: '-', label: NO_STAFF_RECORD }, team: { key: '-', label: NO_STAFF_RECORD }, provider: { key: '-', label: NO_STAFF_RECORD } };
  const placeOf = (code: string | null, missing: StaffPlace): StaffPlace => (code === null ? missing : places.get(code) ?? missing);
  const q = sql`SELECT r.id, r.crn, r.urgency, r.created_at, r.deadline, r.status, r.decided_at, r.decision_route, r.narrowed, r.deny_reason_code,
          r.withdrawn_at, coalesce(r.route_reason, r.hub_reason) AS hub_reason, r.routed_at, r.escalated_at, r.owner_staff_code, r.requester_staff_code,
          (SELECT min(e.used_at) FROM emergency_uses e WHERE e.request_id = r.id AND e.used_at <= ${asOf}) AS first_emergency_at
        FROM requests r
        WHERE r.created_at >= ${fromAt} AND r.created_at < ${toAt} AND r.created_at <= ${asOf}
        ORDER BY r.created_at, r.id`;
  const rows = await all<RequestRow>(db, q);
  return rows.map((row) => toPeriodRequest(row, asOf, placeOf(row.owner_staff_code, noOwner), placeOf(row.requester_staff_code, noStaff)));
}

function toPeriodRequest(row: RequestRow, asOf: number, owner: StaffPlace, requester: StaffPlace): PeriodRequest {
  const {
    id,
    crn,
    urgency,
    created_at: createdAt,
    deadline,
    status,
    decided_at: decided,
    decision_route: route,
    narrowed,
    deny_reason_code: denyReason,
    withdrawn_at: withdrawn,
    hub_reason: hubReason,
    routed_at: routedAt,
    escalated_at: escalatedAt,
    owner_staff_code: ownerCode,
    first_emergency_at: firstEmergencyAt,
  } = row;
  const decidedAt = decided !== null && decided <= asOf ? decided : null;
  const withdrawnAt = withdrawn !== null && withdrawn <= asOf ? withdrawn : null;
  let outcome: Outcome = 'PENDING';
  if (decidedAt !== null) outcome = status === 'DENIED' ? 'DENIED' : narrowed === 1 ? 'NARROWED' : 'APPROVED';
  else if (withdrawnAt !== null) outcome = 'WITHDRAWN';
  // A deadline escalation counts from the moment it happened; any other hub routing from when it was routed.
  const atHub = hubReason === 'DEADLINE_MISSED' ? escalatedAt !== null && escalatedAt <= asOf : routedAt <= asOf;
  return {
    id,
    crn,
    urgency,
    createdAt,
    deadline,
    outcome,
    decidedAt,
    route: decidedAt !== null ? route : null,
    denyReason: outcome === 'DENIED' ? denyReason : null,
    withdrawnAt,
    hubReason: hubReason !== null && atHub ? hubReason : null,
    firstEmergencyAt,
    ownerStaffCode: ownerCode,
    owner: owner.person,
    ownerTeam: owner.team,
    region: owner.provider,
    requesterTeam: requester.team,
    requesterProvider: requester.provider,
  };
}

export function groupOf(r: PeriodRequest, breakdown: Exclude<Breakdown, 'NONE'>): Group {
  switch (breakdown) {
    case 'REQUESTER_PROVIDER':
      return r.requesterProvider;
    case 'REQUESTER_TEAM':
      return r.requesterTeam;
    case 'REGION':
      return r.region;
    case 'OWNER_TEAM':
      return r.ownerTeam;
    case 'OFFENDER_MANAGER':
      return r.owner;
  }
}

/** Splits requests into the breakdown's groups, ordered by name; no groups when there is no breakdown. */
export function byGroup<T>(requests: readonly PeriodRequest[], breakdown: Breakdown, summarise: (group: Group, members: PeriodRequest[]) => T): T[] {
  if (breakdown === 'NONE') return [];
  const groups = new Map<string, { group: Group; members: PeriodRequest[] }>();
  for (const r of requests) {
    const g = groupOf(r, breakdown);
    const entry = groups.get(g.key) ?? { group: g, members: [] };
    entry.members.push(r);
    groups.set(g.key, entry);
  }
  return [...groups.values()].sort((a, b) => a.group.label.localeCompare(b.group.label, 'en-GB') || a.group.key.localeCompare(b.group.key)).map((e) => summarise(e.group, e.members));
}

export type SlaState = { state: 'MET' } | { state: 'BREACHED'; lateMs: number; resolvedAt: number | null } | { state: 'NOT_YET_DUE' } | { state: 'WITHDRAWN_IN_TIME' };

/**
 * Whether a request met its deadline. Decided on or before it: met. Decided after it, withdrawn
 * after it undecided, or still undecided past it: a breach (nothing is ever dropped). Withdrawn
 * before it: the deadline no longer applied. Pending and not yet at it: not yet due.
 */
export function slaState(r: PeriodRequest, asOf: number): SlaState {
  if (r.decidedAt !== null) return r.decidedAt <= r.deadline ? { state: 'MET' } : { state: 'BREACHED', lateMs: r.decidedAt - r.deadline, resolvedAt: r.decidedAt };
  if (r.withdrawnAt !== null) return r.withdrawnAt <= r.deadline ? { state: 'WITHDRAWN_IN_TIME' } : { state: 'BREACHED', lateMs: r.withdrawnAt - r.deadline, resolvedAt: r.withdrawnAt };
  return asOf >= r.deadline ? { state: 'BREACHED', lateMs: asOf - r.deadline, resolvedAt: null } : { state: 'NOT_YET_DUE' };
}
