/** The stored grant, its state at an instant, and the widest live grant a user holds. */
import type { Db } from '../store/sql';
import type { GrantKind, GrantState } from '../../../shared/contract/vocabulary';
import { scopeRank, type Scope } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { grantCheckTime } from '../clock/clock-guard';
import { all, one, sql } from '../store/sql';

export interface GrantRecord {
  id: number;
  request_id: number | null;
  kind: GrantKind;
  grantee_user_id: number;
  crn: string;
  scope: Scope;
  start_at: number;
  end_at: number;
  granted_by_user_id: number | null;
  created_at: number;
  revoked_at: number | null;
  revoked_by_user_id: number | null;
  revoke_reason: string | null;
  expiry_recorded_at: number | null;
}

/**
 * A grant is active iff start ≤ now < end, it is not revoked, and its holder is active and not
 * excluded now (DESIGN.md). SUSPENDED is "in date, but the holder may not use it".
 */
export function grantState(
  g: Pick<GrantRecord, 'start_at' | 'end_at' | 'revoked_at'>,
  holder: { active: boolean; excluded: boolean },
  now: number,
  /** What the end is checked against: grantCheckTime(db, now), so a clock moved back revives nothing. */
  endCheckAt: number = now,
): GrantState {
  if (g.revoked_at !== null) return 'REVOKED';
  if (Math.max(now, endCheckAt) >= g.end_at) return 'EXPIRED';
  if (now < g.start_at) return 'SCHEDULED';
  if (!holder.active || holder.excluded) return 'SUSPENDED';
  return 'ACTIVE';
}

export async function loadGrant(db: Db, id: number): Promise<GrantRecord> {
  const g = await one<GrantRecord>(db, sql`SELECT * FROM grants WHERE id = ${id}`);
  if (!g) throw new AppError('NOT_FOUND', `There is no grant ${id}.`);
  return g;
}

/**
 * In-date, unrevoked grants a user holds for a person now (holder checks are the caller's). The
 * end is checked against the latest time the store has ever seen as well as now, and a grant whose
 * expiry was recorded is over: a clock moved back never brings access back to life.
 */
export async function liveGrants(db: Db, userId: number, crn: string, now: number): Promise<GrantRecord[]> {
  const endAfter = await grantCheckTime(db, now);
  return await all<GrantRecord>(
    db,
    sql`SELECT * FROM grants WHERE grantee_user_id = ${userId} AND crn = ${crn}
        AND revoked_at IS NULL AND expiry_recorded_at IS NULL AND start_at <= ${now} AND end_at > ${endAfter}`,
  );
}

/** The widest live grant, preferring a request grant over an emergency one of the same scope. */
export function widestGrant(grants: readonly GrantRecord[]): GrantRecord | null {
  let best: GrantRecord | null = null;
  for (const g of grants) {
    if (!best || scopeRank(g.scope) > scopeRank(best.scope) || (scopeRank(g.scope) === scopeRank(best.scope) && g.kind === 'REQUEST')) best = g;
  }
  return best;
}
