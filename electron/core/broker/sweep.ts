/**
 * The sweep: re-evaluates routing as time passes. Idempotent and safe from two connections at
 * once: it runs in one BEGIN IMMEDIATE transaction, every change is a conditional UPDATE on the
 * state it read, and reminders carry dedupe keys.
 *  1. Pending requests whose case changed owner, or whose owner (and deputies) became unavailable, are re-routed.
 *  2. Requests past their deadline with the owner are escalated to the hub.
 *  3. Grant holders are reminded 24 hours and 1 hour before their access ends.
 *  4. Grants that ran out are recorded as expired in the audit log, once, and their holder is told
 *     (which also closes a record they have open, through the live updates).
 */
import type { Db } from '../store/sql';
import type { SweepReport } from '../../../shared/contract';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { scopeInSentence, type Scope } from '../../../shared/domain/access';
import { appendAuditEvent } from '../audit/audit-log';
import { HOUR } from '../clock/clock';
import { hubUsers, notifyUsers, ownerSideUsers } from '../notifications/notify';
import { all, run, sql } from '../store/sql';
import { availableDeputies, formatWhen, laoFacts, officeTimeZone, ownersDeputisedBy, staffAvailability } from './case-facts';
import { policyOf, writeTransaction, type BrokerContext } from './context';
import type { RequestRecord } from './request-record';
import { closeExcludedRequests } from './close-excluded';
import { rerouteRequest } from './reroute';
import { HUB_REASON_WORDS } from './routing';

const SYSTEM = 'system';

/** Several servers over one PostgreSQL sweep one at a time: each waits for this lock, then finds little left to do. */
const SWEEP_LOCK = 'sla-sweep';

export async function sweep(ctx: BrokerContext): Promise<SweepReport> {
  const now = ctx.clock.now();
  return await writeTransaction(ctx, async () => ({
    at: now,
    rerouted: (await closeExcludedRequests(ctx.db, SYSTEM, now), await rerouteStale(ctx, now)),
    escalated: await escalateOverdue(ctx, now),
    remindersSent: await sendExpiryReminders(ctx, now),
    grantsExpired: await recordExpiredGrants(ctx, now),
  }), { serialise: [SWEEP_LOCK] });
}

async function rerouteStale(ctx: BrokerContext, now: number): Promise<number> {
  const db = ctx.db;
  const policy = await policyOf(ctx);
  let moved = 0;
  const transferred = await all<RequestRecord>(
    db,
    sql`SELECT r.* FROM requests r JOIN people p ON p.crn = r.crn WHERE r.queue IS NOT NULL AND r.owner_staff_code IS DISTINCT FROM p.owner_staff_code`,
  );
  for (const r of transferred) if (await rerouteRequest(db, policy, r, 'CASE_TRANSFERRED', SYSTEM, now)) moved++;

  const owners = (await all<{ owner_staff_code: string }>(
    db,
    sql`SELECT DISTINCT owner_staff_code FROM requests WHERE queue IS NOT NULL AND status = 'PENDING_OWNER' AND owner_staff_code IS NOT NULL`,
  )).map((o) => o.owner_staff_code);
  // Most owners are in: find the few who are not in one statement, rather than three queries per owner on every sweep.
  const away = new Set((await all<{ code: string }>(
    db,
    sql`SELECT DISTINCT r.owner_staff_code AS code FROM requests r
        WHERE r.queue IS NOT NULL AND r.status = 'PENDING_OWNER' AND r.owner_staff_code IS NOT NULL
          AND (NOT EXISTS (SELECT 1 FROM staff s WHERE s.code = r.owner_staff_code AND s.active = 1)
            OR EXISTS (SELECT 1 FROM absences a WHERE a.staff_code = r.owner_staff_code AND a.start_at <= ${now} AND a.end_at > ${now})
            OR NOT EXISTS (SELECT 1 FROM users u WHERE u.staff_code = r.owner_staff_code AND u.active = 1))`,
  )).map((o) => o.code));
  return moved + await rerouteUnavailable(db, policy, owners.filter((o) => away.has(o)), SYSTEM, now);
}

/**
 * Re-routes the pending requests of owners who cannot decide now (away, inactive) and have no
 * deputy in other than the requester. Run by the sweep, and at once when an absence is recorded
 * or an account deactivated, so routing never waits for the next sweep.
 */
export async function rerouteUnavailable(db: Db, policy: PolicySettings, owners: readonly string[], actor: string, now: number): Promise<number> {
  let moved = 0;
  for (const owner of new Set(owners)) {
    if ((await staffAvailability(db, owner, now))?.available) continue;
    const deputies = (await availableDeputies(db, owner, now)).map((d) => d.staffCode);
    const waiting = await all<RequestRecord>(db, sql`SELECT * FROM requests WHERE queue IS NOT NULL AND status = 'PENDING_OWNER' AND owner_staff_code = ${owner}`);
    for (const r of waiting) {
      // Deputies may not decide restricted records, so those go to the hub even when a deputy is in;
      // nor their own requests, so a deputy's request goes to the hub when no one else is in.
      const otherDeputy = deputies.some((d) => d !== r.requester_staff_code);
      if (otherDeputy && !(await laoFacts(db, r.crn, null, now)).restricted) continue;
      if (await rerouteRequest(db, policy, r, 'OWNER_UNAVAILABLE', actor, now)) moved++;
    }
  }
  return moved;
}

/** Owners whose requests may move when this member of staff stops being available: their own, and those they deputise for. */
export const ownersAffectedBy = async (db: Db, staffCode: string, now: number): Promise<string[]> => [staffCode, ...await ownersDeputisedBy(db, staffCode, now)];

async function escalateOverdue(ctx: BrokerContext, now: number): Promise<number> {
  const db = ctx.db;
  const overdue = await all<RequestRecord>(db, sql`SELECT * FROM requests WHERE queue IS NOT NULL AND status = 'PENDING_OWNER' AND deadline <= ${now}`);
  let escalated = 0;
  const hub = overdue.length > 0 ? await hubUsers(db) : [];
  for (const r of overdue) {
    const changed = (await run(
      db,
      sql`UPDATE requests SET status = 'PENDING_HUB', queue = 'HUB', hub_reason = 'DEADLINE_MISSED',
            hub_reason_text = ${HUB_REASON_WORDS.DEADLINE_MISSED}, escalated_at = ${now}
          WHERE id = ${r.id} AND status = 'PENDING_OWNER'`,
    )).changes;
    if (changed !== 1) continue;
    escalated++;
    await appendAuditEvent(db, { at: now, actor: SYSTEM, action: 'request.escalate', subject: `request:${r.id}`, crn: r.crn, details: { deadline: r.deadline, ownerStaffCode: r.owner_staff_code } });
    const body = `The request for ${scopeInSentence(r.scope)} access was not decided by ${formatWhen(r.deadline, await officeTimeZone(db))} and is now with the NPS hub.`;
    await notifyUsers(db, [...hub, r.requester_user_id, ...await ownerSideUsers(db, r.owner_staff_code, now)], {
      kind: 'REQUEST_ESCALATED', at: now, crn: r.crn, requestId: r.id, title: `Request for ${r.crn} escalated to the hub`, body,
    });
  }
  return escalated;
}

const REMINDERS = [
  { hours: 24, kind: 'GRANT_EXPIRING_24H' as const, words: '24 hours' },
  { hours: 1, kind: 'GRANT_EXPIRING_1H' as const, words: '1 hour' },
];

async function sendExpiryReminders(ctx: BrokerContext, now: number): Promise<number> {
  const db = ctx.db;
  let sent = 0;
  for (const reminder of REMINDERS) {
    const window = reminder.hours * HOUR;
    // Only grants longer than the reminder window: a 4-hour grant needs no "24 hours left".
    const due = await all<{ id: number; grantee_user_id: number; crn: string; scope: string; request_id: number | null; end_at: number }>(
      db,
      sql`SELECT id, grantee_user_id, crn, scope, request_id, end_at FROM grants
          WHERE revoked_at IS NULL AND expiry_recorded_at IS NULL AND kind = 'REQUEST'
            AND end_at > ${now} AND end_at <= ${now + window} AND end_at - start_at > ${window}`,
    );
    for (const g of due) {
      sent += await notifyUsers(db, [g.grantee_user_id], {
        kind: reminder.kind, at: now, crn: g.crn, grantId: g.id, requestId: g.request_id,
        title: `Access to ${g.crn} ends in ${reminder.words}`,
        body: `Your ${scopeInSentence(g.scope as Scope)} access ends at ${formatWhen(g.end_at, await officeTimeZone(db))}. Ask for an extension if you still need it.`,
        dedupeKey: `grant:${g.id}:expiring-${reminder.hours}h`,
      });
    }
  }
  return sent;
}

async function recordExpiredGrants(ctx: BrokerContext, now: number): Promise<number> {
  const db = ctx.db;
  const ended = await all<{ id: number; crn: string; scope: string; end_at: number; grantee_user_id: number; request_id: number | null }>(
    db,
    sql`SELECT id, crn, scope, end_at, grantee_user_id, request_id FROM grants WHERE revoked_at IS NULL AND expiry_recorded_at IS NULL AND end_at <= ${now}`,
  );
  let recorded = 0;
  for (const g of ended) {
    if ((await run(db, sql`UPDATE grants SET expiry_recorded_at = ${now} WHERE id = ${g.id} AND expiry_recorded_at IS NULL`)).changes !== 1) continue;
    recorded++;
    await appendAuditEvent(db, { at: now, actor: SYSTEM, action: 'grant.expire', subject: `grant:${g.id}`, crn: g.crn, details: { endAt: g.end_at, granteeUserId: g.grantee_user_id } });
    await notifyUsers(db, [g.grantee_user_id], {
      kind: 'GRANT_ENDED', at: now, crn: g.crn, grantId: g.id, requestId: g.request_id,
      title: `Access to ${g.crn} has ended`,
      body: `Your ${scopeInSentence(g.scope as Scope)} access ended at ${formatWhen(g.end_at, await officeTimeZone(db))}. Ask again if you still need it.`,
      dedupeKey: `grant:${g.id}:ended`,
    });
  }
  return recorded;
}

/** After an account is deactivated: its owner's and deputised-for requests move now, not at the next sweep. */
export async function rerouteAfterDeactivation(ctx: BrokerContext, staffCode: string | null, actor: string): Promise<number> {
  if (staffCode === null) return 0;
  const now = ctx.clock.now();
  return await writeTransaction(ctx, async () => await rerouteUnavailable(ctx.db, await policyOf(ctx), await ownersAffectedBy(ctx.db, staffCode, now), actor, now));
}
