/**
 * A pending request whose requester has become excluded from the person (LAO) can never be
 * granted, so it is closed at once ("closed: requester excluded") and the requester told, rather
 * than left in a queue nobody can act on. Run when an exclusion is recorded and by the sweep (for
 * exclusions that start later, or arrive by import).
 */
import type { Db } from '../store/sql';
import { scopeInSentence } from '../../../shared/domain/access';
import { appendAuditEvent } from '../audit/audit-log';
import { hubUsers, notifyUsers, ownerSideUsers } from '../notifications/notify';
import { all, run, sql } from '../store/sql';
import type { RequestRecord } from './request-record';

export async function closeExcludedRequests(db: Db, actor: string, now: number, only?: { crn: string; staffCode: string }): Promise<number> {
  const scope = only ? sql`AND r.crn = ${only.crn} AND r.requester_staff_code = ${only.staffCode}` : sql``;
  const stranded = await all<RequestRecord & { message: string }>(db, sql`SELECT r.*, x.message FROM requests r
           JOIN lao_exclusions x ON x.crn = r.crn AND x.staff_code = r.requester_staff_code AND x.start_at <= ${now} AND (x.end_at IS NULL OR x.end_at > ${now})
           WHERE r.queue IS NOT NULL ${scope}`);
  let closed = 0;
  for (const r of stranded) {
    const changed = (await run(
      db,
      sql`UPDATE requests SET status = 'WITHDRAWN', queue = NULL, withdrawn_at = ${now}, closed_reason = 'REQUESTER_EXCLUDED'
          WHERE id = ${r.id} AND status IN ('PENDING_OWNER', 'PENDING_HUB')`,
    )).changes;
    if (changed !== 1) continue;
    closed++;
    await appendAuditEvent(db, { at: now, actor, action: 'request.close', subject: `request:${r.id}`, crn: r.crn, details: { reason: 'REQUESTER_EXCLUDED', status: r.status } });
    await notifyUsers(db, [r.requester_user_id], {
      kind: 'REQUEST_CLOSED', at: now, crn: r.crn, requestId: r.id,
      title: `Request for ${r.crn} closed`,
      body: `Your request for ${scopeInSentence(r.scope)} access was closed: you are now excluded from this record. ${r.message}`,
    });
    const holders = r.status === 'PENDING_OWNER' ? await ownerSideUsers(db, r.owner_staff_code, now) : [...await ownerSideUsers(db, r.owner_staff_code, now), ...await hubUsers(db)];
    await notifyUsers(db, holders, {
      kind: 'REQUEST_CLOSED', at: now, crn: r.crn, requestId: r.id,
      title: `Request for ${r.crn} closed`,
      body: 'The requester is now excluded from this record (LAO), so the request was closed: it needs no decision.',
    });
  }
  return closed;
}
