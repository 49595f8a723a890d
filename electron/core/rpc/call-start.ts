/**
 * What every call does before its own work: records the time it was made (the clock check), reads
 * the policy in force (the idle lock and the clock's tolerance come from it) and, for a signed-in
 * caller, their account and roles (the actor). All three come from one statement, run before the
 * call's transaction and outside it: on a server each statement is a round trip, and the clock's
 * single row, written inside every call's SERIALIZABLE transaction, made concurrent calls fail and
 * run again. The time is written at most once a second, as a statement of its own that commits at
 * once; a call that then rolls back has still seen the time.
 */
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { appendAuditEvent } from '../audit/audit-log';
import { CLOCK_COLUMNS, clockStateOf, observeClock, type ClockRow } from '../clock/clock-guard';
import { notifyUsers } from '../notifications/notify';
import { POLICY_VALUE_SQL, policyFromStored } from '../settings/policy-store';
import { all, sql } from '../store/sql';
import { actorFrom, actorRows, type ActorRow } from '../auth/load-actor';
import type { Actor } from '../policy/actor';
import type { CoreServices } from './call';

type StartRow = Partial<ClockRow> & { policy: string | null } & { [K in keyof ActorRow as `actor_${K}`]: ActorRow[K] | null };

export interface CallStart {
  policy: PolicySettings;
  /** The account of `userId` as it is now; undefined when none was asked for or it does not exist. */
  actor: Actor | undefined;
}

/** Records the time seen and answers the policy (and the caller's actor); the first call to see the clock gone back audits it and tells administrators. */
export async function watchClock(services: CoreServices, userId: number | null = null): Promise<CallStart> {
  const { ctx } = services;
  const now = ctx.clock.now();
  // At least one row whatever the tables hold: the policy's text, the clock's row beside it, and
  // one row per role of the caller (none asked for: one row of nulls).
  const rows = await all<StartRow>(ctx.db, sql`SELECT ${POLICY_VALUE_SQL} AS policy, c.*, a.id AS actor_id, a.username AS actor_username,
      a.display_name AS actor_display_name, a.staff_code AS actor_staff_code, a.active AS actor_active, a.role AS actor_role
    FROM (SELECT 1 AS one) o LEFT JOIN (SELECT ${CLOCK_COLUMNS} FROM clock_state WHERE id = 1) c ON 1 = 1
    LEFT JOIN (${actorRows(userId)}) a ON 1 = 1`);
  const row = rows[0];
  const actor = actorFrom(rows.filter((r) => r.actor_id !== null).map((r) => ({
    id: r.actor_id!, username: r.actor_username!, display_name: r.actor_display_name!, staff_code: r.actor_staff_code, active: r.actor_active!, role: r.actor_role,
  })));
  const policy = policyFromStored(ctx.db, row?.policy ?? null);
  // Sessions need the idle lock synchronously: set from the policy this call has read anyway.
  services.sessions.setIdleLockMinutes(policy.idleLockMinutes);
  const before = row?.latest_seen_at === undefined || row.latest_seen_at === null ? undefined : clockStateOf(row as ClockRow);
  const state = await observeClock(ctx.db, now, policy.clockRollbackToleranceMinutes, before);
  if (!state.newlyDetected || !state.rollback) return { policy, actor };
  await ctx.db.write(async () => {
    await appendAuditEvent(ctx.db, { at: now, actor: 'system', action: 'clock.rollback', details: { latestSeenAt: state.rollback!.latestSeenAt, now } });
    const admins = (await all<{ id: number }>(ctx.db, sql`SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'admin' AND u.active = 1`)).map((r) => r.id);
    await notifyUsers(ctx.db, admins, {
      kind: 'CLOCK_ROLLBACK', at: now, title: 'The computer clock has gone back',
      body: 'Reads of records are paused until an administrator checks the clock and acknowledges it.',
      dedupeKey: `clock-rollback:${state.rollback!.detectedAt}`,
    });
  });
  return { policy, actor };
}
