/**
 * Who takes part in a simulated history: the NPS offender managers who hold cases, the CRC
 * practitioners who ask, the hub and an administrator. Staff without an account get one through
 * the account service (an owner without an active account counts as unavailable, so a store of
 * staff without accounts would send everything to the hub). Their passwords are random and never
 * shown: an administrator resets one to let that person sign in.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/sql';
import type { Role } from '../../../shared/domain/access';
import { loadActor } from '../auth/load-actor';
import type { Actor } from '../policy/actor';
import { all, sql } from '../store/sql';
import { insertUsers, prepareUser } from '../users/create-user';

export interface OwnerProfile {
  staffCode: string;
  actor: Actor;
  caseload: number;
}

export interface SimulationStaff {
  owners: OwnerProfile[];
  practitioners: Actor[];
  hub: Actor[];
  /** Those hub staff who may also decide restricted (LAO) records. */
  hubLao: Actor[];
  admin: Actor | null;
  accountsCreated: number;
}

interface StaffRow {
  code: string;
  grade: string;
  sector: 'NPS' | 'CRC';
  caseload: number;
}

const PRACTITIONER_GRADES = new Set(['PO', 'PSO', 'PQIP']);
export const SIMULATED_ACCOUNT_ACTOR = 'simulate';
const RANDOM_PASSWORD_BYTES = 18;
/**
 * scrypt's cost protects passwords people choose, which can be guessed. These are 144 random bits
 * that nobody ever sees, out of reach of guessing at any cost, so a light hash keeps them as safe
 * while a national store's 10,000 new accounts take seconds instead of most of an hour. An
 * administrator's reset gives the account a password hashed at today's full cost.
 */
export const RANDOM_PASSWORD_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

function rolesFor(s: StaffRow, firstHub: boolean): Role[] | null {
  if (s.sector === 'NPS' && s.caseload > 0) return ['nps-offender-manager'];
  if (s.sector === 'CRC' && PRACTITIONER_GRADES.has(s.grade)) return ['crc-practitioner'];
  if (s.sector === 'NPS' && s.grade === 'HUB') return firstHub ? ['hub', 'lao-admin'] : ['hub'];
  return null;
}

export async function simulationStaff(db: Db, now: number, spare: ReadonlySet<string> = new Set()): Promise<SimulationStaff> {
  const staff = await all<StaffRow>(
    db,
    sql`SELECT s.code, s.grade, p.sector, (SELECT count(*) FROM people x WHERE x.owner_staff_code = s.code) AS caseload
        FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code
        WHERE s.active = 1 ORDER BY s.code`,
  );
  const accounts = new Map((await all<{ id: number; staff_code: string }>(db, sql`SELECT id, staff_code FROM users WHERE staff_code IS NOT NULL ORDER BY id`)).map((u) => [u.staff_code, u.id]));
  const hasLaoHub = (await all(db, sql`SELECT 1 FROM user_roles a JOIN user_roles b ON a.user_id = b.user_id WHERE a.role = 'hub' AND b.role = 'lao-admin'`)).length > 0;
  const hasAdmin = (await all(db, sql`SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.active = 1`)).length > 0;

  let laoGiven = hasLaoHub;
  let adminGiven = hasAdmin;
  const wanted: { code: string; roles: Role[] }[] = [];
  for (const s of staff) {
    if (accounts.has(s.code) || spare.has(s.code)) continue;
    let roles = rolesFor(s, !laoGiven && s.grade === 'HUB');
    if (roles?.includes('lao-admin')) laoGiven = true;
    if (!roles && !adminGiven && s.grade === 'ADMIN') {
      roles = ['admin'];
      adminGiven = true;
    }
    if (roles) wanted.push({ code: s.code, roles });
  }
  const prepared = await Promise.all(
    wanted.map((w) =>
      prepareUser(db, { username: w.code.toLowerCase(), roles: w.roles, staffCode: w.code, password: randomBytes(RANDOM_PASSWORD_BYTES).toString('base64url') }, RANDOM_PASSWORD_SCRYPT),
    ),
  );
  const created = prepared.length > 0 ? await insertUsers(db, prepared, { actor: SIMULATED_ACCOUNT_ACTOR, now: () => now }) : [];
  for (const u of created) accounts.set(u.staffCode!, u.id);

  const actorOf = async (code: string): Promise<Actor | null> => {
    const id = accounts.get(code);
    if (id === undefined) return null;
    const actor = await loadActor(db, id);
    return actor.active ? actor : null;
  };
  const result: SimulationStaff = { owners: [], practitioners: [], hub: [], hubLao: [], admin: null, accountsCreated: created.length };
  for (const s of staff) {
    if (spare.has(s.code)) continue;
    const actor = await actorOf(s.code);
    if (!actor) continue;
    if (actor.roles.includes('nps-offender-manager') && s.caseload > 0) result.owners.push({ staffCode: s.code, actor, caseload: s.caseload });
    if (actor.roles.includes('crc-practitioner')) result.practitioners.push(actor);
    if (actor.roles.includes('hub')) result.hub.push(actor);
    if (actor.roles.includes('hub') && actor.roles.includes('lao-admin')) result.hubLao.push(actor);
  }
  const admins = await all<{ id: number }>(db, sql`SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'admin' AND u.active = 1 ORDER BY u.id LIMIT 1`);
  result.admin = admins[0] ? await loadActor(db, admins[0].id) : null;
  return result;
}
