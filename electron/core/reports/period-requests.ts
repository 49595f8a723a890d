/**
 * The requests a report counts: those made in the period, each with its facts as they stood at
 * the period's `asOf` (a decision made after it does not count yet) and with the organisation
 * rows every breakdown is named from. One read-only query over the requests_created index.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
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

interface Row {
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
  first_emergency_at: number | null;
  owner_name: string | null;
  ot_code: string | null;
  ot_name: string | null;
  op_code: string | null;
  op_name: string | null;
  rt_code: string | null;
  rt_name: string | null;
  rp_code: string | null;
  rp_name: string | null;
}

const group = (code: string | null, name: string | null, missing: string): Group =>
  code === null ? { key: '-', label: missing } : { key: code, label: name ?? code };

export function periodRequests(db: Database, period: ReportPeriod): PeriodRequest[] {
  const { fromAt, toAt, asOf } = period;
  const rows = all<Row>(
    db,
    sql`SELECT r.id, r.crn, r.urgency, r.created_at, r.deadline, r.status, r.decided_at, r.decision_route, r.narrowed, r.deny_reason_code,
          r.withdrawn_at, r.hub_reason, r.routed_at, r.escalated_at, r.owner_staff_code,
          (SELECT min(e.used_at) FROM emergency_uses e WHERE e.request_id = r.id AND e.used_at <= ${asOf}) AS first_emergency_at,
          os.forename || ' ' || os.surname AS owner_name, ot.code AS ot_code, ot.name AS ot_name, op.code AS op_code, op.name AS op_name,
          rt.code AS rt_code, rt.name AS rt_name, rp.code AS rp_code, rp.name AS rp_name
        FROM requests r
        LEFT JOIN staff os ON os.code = r.owner_staff_code
        LEFT JOIN teams ot ON ot.code = os.team_code
        LEFT JOIN providers op ON op.code = ot.provider_code
        LEFT JOIN staff rs ON rs.code = r.requester_staff_code
        LEFT JOIN teams rt ON rt.code = rs.team_code
        LEFT JOIN providers rp ON rp.code = rt.provider_code
        WHERE r.created_at >= ${fromAt} AND r.created_at < ${toAt} AND r.created_at <= ${asOf}
        ORDER BY r.created_at, r.id`,
  );
  return rows.map((r) => toPeriodRequest(r, asOf));
}

function toPeriodRequest(r: Row, asOf: number): PeriodRequest {
  const decidedAt = r.decided_at !== null && r.decided_at <= asOf ? r.decided_at : null;
  const withdrawnAt = r.withdrawn_at !== null && r.withdrawn_at <= asOf ? r.withdrawn_at : null;
  let outcome: Outcome = 'PENDING';
  if (decidedAt !== null) outcome = r.status === 'DENIED' ? 'DENIED' : r.narrowed === 1 ? 'NARROWED' : 'APPROVED';
  else if (withdrawnAt !== null) outcome = 'WITHDRAWN';
  // A deadline escalation counts from the moment it happened; any other hub routing from when it was routed.
  const atHub = r.hub_reason === 'DEADLINE_MISSED' ? r.escalated_at !== null && r.escalated_at <= asOf : r.routed_at <= asOf;
  return {
    id: r.id,
    crn: r.crn,
    urgency: r.urgency,
    createdAt: r.created_at,
    deadline: r.deadline,
    outcome,
    decidedAt,
    route: decidedAt !== null ? r.decision_route : null,
    denyReason: outcome === 'DENIED' ? r.deny_reason_code : null,
    withdrawnAt,
    hubReason: r.hub_reason !== null && atHub ? r.hub_reason : null,
    firstEmergencyAt: r.first_emergency_at,
    ownerStaffCode: r.owner_staff_code,
    owner: group(r.owner_staff_code, r.owner_name, NO_OWNER),
    ownerTeam: group(r.ot_code, r.ot_name, NO_OWNER),
    region: group(r.op_code, r.op_name, NO_OWNER),
    requesterTeam: group(r.rt_code, r.rt_name, NO_STAFF_RECORD),
    requesterProvider: group(r.rp_code, r.rp_name, NO_STAFF_RECORD),
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
