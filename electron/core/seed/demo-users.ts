/**
 * demo-users.csv: one account per role for the demonstration scenario, linked to the seeded staff
 * who play that part. Users are app accounts, not records, so they are not part of the export set;
 * `rab users import-demo` creates them.
 */
import type { Role } from '../../../shared/domain/access';
import type { DemoScenario } from './demo-scenario';
import type { StaffPlan } from './organisation-plan';

export const DEMO_USER_COLUMNS = ['username', 'roles', 'staff_code', 'description'] as const;
/** Roles in one cell are separated by this. */
export const ROLE_SEPARATOR = ';';

export interface DemoUser {
  username: string;
  roles: Role[];
  staff: StaffPlan;
  description: string;
}

export function demoUsers(s: DemoScenario): DemoUser[] {
  const name = (st: StaffPlan) => `${st.forename} ${st.surname} (${st.code})`;
  return [
    { username: 'crc.practitioner', roles: ['crc-practitioner'], staff: s.tutor, description: `CRC programme tutor ${name(s.tutor)}: runs the demonstration group of NPS cases` },
    { username: 'nps.owner', roles: ['nps-offender-manager'], staff: s.owner, description: `NPS offender manager ${name(s.owner)}: owns group members, available, has a deputy` },
    { username: 'nps.deputy', roles: ['nps-offender-manager'], staff: s.deputy, description: `NPS deputy ${name(s.deputy)}: covers for ${s.owner.code} and, while off sick, ${s.ownerOffSick.code}` },
    {
      username: 'nps.onleave',
      roles: ['nps-offender-manager'],
      staff: s.ownerOnLeave,
      description: `NPS offender manager ${name(s.ownerOnLeave)}: owns group members, on leave now with no deputy, so requests for them go to the hub`,
    },
    { username: 'hub.officer', roles: ['hub'], staff: s.hubOfficer, description: `NPS hub officer ${name(s.hubOfficer)}: works requests whose owner is away, e.g. ${s.ownerOnLeave.code} on leave` },
    { username: 'hub.lao', roles: ['hub', 'lao-admin'], staff: s.hubLaoAdmin, description: `NPS hub officer and LAO administrator ${name(s.hubLaoAdmin)}` },
    { username: 'admin', roles: ['admin'], staff: s.admin, description: `Administrator ${name(s.admin)}` },
  ];
}

export const demoUserRow = (u: DemoUser): Record<string, string> => ({
  username: u.username,
  roles: u.roles.join(ROLE_SEPARATOR),
  staff_code: u.staff.code,
  description: u.description,
});
