/** A case transfer: the person gets a new offender manager and pending requests follow at once. */
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import type { Actor } from '../policy/actor';
import { SYSTEM } from '../policy/resources';
import { all, one, run, sql } from '../store/sql';
import { auditActor, authorise, policyOf, writeTransaction, type BrokerContext } from './context';
import type { RequestRecord } from './request-record';
import { rerouteRequest } from './reroute';

export async function transferCase(ctx: BrokerContext, actor: Actor, crn: string, newOwnerStaffCode: string): Promise<{ crn: string; ownerStaffCode: string; reroutedRequests: number }> {
  const now = ctx.clock.now();
  authorise(actor, 'admin.transfer', SYSTEM, now);
  return await writeTransaction(ctx, async () => {
    const db = ctx.db;
    const person = await one<{ owner_staff_code: string | null }>(db, sql`SELECT owner_staff_code FROM people WHERE crn = ${crn}`);
    if (!person) throw new AppError('NOT_FOUND', `There is nobody with CRN ${crn}.`);
    const staff = await one<{ sector: string }>(
      db,
      sql`SELECT p.sector FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code WHERE s.code = ${newOwnerStaffCode}`,
    );
    if (!staff) throw new AppError('NOT_FOUND', `There is no member of staff ${newOwnerStaffCode}.`);
    if (staff.sector !== 'NPS') throw new AppError('FORBIDDEN', 'Only NPS staff can own a case whose records this app brokers.');
    await run(db, sql`UPDATE people SET owner_staff_code = ${newOwnerStaffCode} WHERE crn = ${crn}`);
    await appendAuditEvent(db, { at: now, actor: auditActor(actor), action: 'case.transfer', subject: `person:${crn}`, crn, details: { from: person.owner_staff_code, to: newOwnerStaffCode } });
    const policy = await policyOf(ctx);
    const pending = await all<RequestRecord>(db, sql`SELECT * FROM requests WHERE crn = ${crn} AND queue IS NOT NULL`);
    let moved = 0;
    for (const r of pending) if (await rerouteRequest(db, policy, r, 'CASE_TRANSFERRED', auditActor(actor), now)) moved++;
    return { crn, ownerStaffCode: newOwnerStaffCode, reroutedRequests: moved };
  });
}
