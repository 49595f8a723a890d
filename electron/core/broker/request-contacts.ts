/**
 * Who holds a pending request, until when, and how to reach them: the offender manager and the
 * deputies in date while it is with the owner's side, the NPS hub's duty line once it is with the
 * hub (both when it was needed too soon for them to take turns). A practitioner with an appointment
 * in 40 minutes rings someone; this tells them whom.
 */
import type { Db } from '../store/sql';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import type { RequestDetail } from '../../../shared/contract';
import { all, one, sql } from '../store/sql';
import { availableDeputies } from './case-facts';
import type { RequestRecord } from './request-record';
import { slaDeadline } from './routing';

type Holder = RequestDetail['holders'][number];

interface StaffContact {
  forename: string;
  surname: string;
  phone: string | null;
  email: string | null;
}

async function staffContact(db: Db, staffCode: string): Promise<StaffContact | undefined> {
  return await one<StaffContact>(db, sql`SELECT forename, surname, phone, email FROM staff WHERE code = ${staffCode}`);
}

/**
 * The hub team for a request: its duty line and mailbox. Each NPS division may have its own hub, so
 * it is the hub of the owner's division when that has one with an active member, else any hub.
 */
async function hubContact(db: Db, ownerStaffCode: string | null): Promise<{ name: string; phone: string | null; email: string | null } | undefined> {
  const ownerProvider = sql`(SELECT ot.provider_code FROM staff os JOIN teams ot ON ot.code = os.team_code WHERE os.code = ${ownerStaffCode})`;
  return (await all<{ name: string; phone: string | null; email: string | null }>(
    db,
    sql`SELECT DISTINCT t.code, t.name, t.phone, t.email, CASE WHEN t.provider_code = ${ownerProvider} THEN 0 ELSE 1 END AS elsewhere
        FROM teams t JOIN staff s ON s.team_code = t.code JOIN users u ON u.staff_code = s.code
        JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'hub' AND u.active = 1 ORDER BY elsewhere, t.code LIMIT 1`,
  ))[0];
}

export async function requestHolders(db: Db, policy: PolicySettings, r: RequestRecord, now: number): Promise<Holder[]> {
  if (r.queue === null) return [];
  const holders: Holder[] = [];
  const ownerSide = r.status === 'PENDING_OWNER' || r.route_reason === 'NEEDED_SOON';
  if (ownerSide && r.owner_staff_code !== null) {
    const owner = await staffContact(db, r.owner_staff_code);
    if (owner) holders.push({ role: 'OWNER', name: `${owner.forename} ${owner.surname}`, phone: owner.phone, email: owner.email, dueAt: r.deadline });
    for (const d of await availableDeputies(db, r.owner_staff_code, now)) {
      const deputy = await staffContact(db, d.staffCode);
      if (deputy) holders.push({ role: 'DEPUTY', name: d.name, phone: deputy.phone, email: deputy.email, dueAt: r.deadline });
    }
  }
  if (r.status === 'PENDING_HUB') {
    const hub = await hubContact(db, r.owner_staff_code);
    // Escalated after the owner's deadline passed: the hub has its own time for the request's urgency from then.
    const dueAt = r.escalated_at !== null ? slaDeadline(policy, r.urgency, r.escalated_at) : r.deadline;
    holders.push({ role: 'HUB', name: hub?.name ?? 'NPS hub', phone: hub?.phone ?? null, email: hub?.email ?? null, dueAt });
  }
  return holders;
}
