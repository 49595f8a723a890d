/** The stored request as the core handles it, and loading it. */
import type { Db } from '../store/sql';
import type { DecisionRoute, DenyReasonCode, HubReason, Purpose, Queue, RequestStatus } from '../../../shared/contract/vocabulary';
import type { Scope, Urgency } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { one, sql } from '../store/sql';
import type { RouteReason } from './routing';

export interface RequestRecord {
  id: number;
  batch_id: string | null;
  requester_user_id: number;
  requester_staff_code: string | null;
  crn: string;
  scope: Scope;
  purpose: Purpose;
  justification: string;
  urgency: Urgency;
  needed_by: number | null;
  duration_days: number;
  /** Exact requested duration; null only on rows written before durations in hours. */
  duration_minutes: number | null;
  extends_grant_id: number | null;
  fast_track: number;
  status: RequestStatus;
  queue: Queue | null;
  owner_staff_code: string | null;
  hub_reason: HubReason | null;
  hub_reason_text: string | null;
  route_reason: RouteReason | null;
  closed_reason: 'REQUESTER_EXCLUDED' | null;
  created_at: number;
  routed_at: number;
  deadline: number;
  escalated_at: number | null;
  decided_at: number | null;
  decided_by_user_id: number | null;
  decision_route: DecisionRoute | null;
  approved_scope: Scope | null;
  approved_duration_days: number | null;
  approved_duration_minutes: number | null;
  approved_start_at: number | null;
  narrowed: number | null;
  deny_reason_code: DenyReasonCode | null;
  decision_reason: string | null;
  withdrawn_at: number | null;
  grant_id: number | null;
}

/** The requested duration in minutes, for rows from before durations in hours too. */
export const requestedMinutes = (r: Pick<RequestRecord, 'duration_minutes' | 'duration_days'>): number => r.duration_minutes ?? r.duration_days * 24 * 60;

export const isPendingStatus = (s: RequestStatus): boolean => s === 'PENDING_OWNER' || s === 'PENDING_HUB';

export async function findRequest(db: Db, id: number): Promise<RequestRecord | undefined> {
  return await one<RequestRecord>(db, sql`SELECT * FROM requests WHERE id = ${id}`);
}

export async function loadRequest(db: Db, id: number): Promise<RequestRecord> {
  const r = await findRequest(db, id);
  if (!r) throw new AppError('NOT_FOUND', `There is no request ${id}.`);
  return r;
}
