/**
 * The cast of the broker tests, written to be read: who works where, who owns which case, who is
 * away, who is excluded. Other suites (UI, reports) reuse it through broker-fixture.ts.
 */
import type { Role } from '../../shared/domain/access';

export const PASSWORD = 'correct horse battery staple';

/** Monday 2 March 2026, 10:00 in London (GMT, so also 10:00 UTC): inside working hours. */
export const MONDAY_10AM = Date.UTC(2026, 2, 2, 10, 0, 0);

export interface CastMember {
  staffCode: string;
  forename: string;
  surname: string;
  grade: 'PSO' | 'PQIP' | 'PO' | 'SPO' | 'HUB' | 'ADMIN';
  team: string;
  roles: Role[];
}

export const TEAMS = [
  { code: 'N07T01', provider: 'N07', name: 'Camden NPS', pdu: 'Camden', ldu: 'Camden North' },
  { code: 'N07HUB', provider: 'N07', name: 'NPS London Hub', pdu: 'London', ldu: 'Hub' },
  { code: 'C17T01', provider: 'C17', name: 'Islington CRC', pdu: 'Islington', ldu: 'Islington South' },
];

export const CAST = {
  olivia: { staffCode: 'N07T01A', forename: 'Olivia', surname: 'Owner', grade: 'PO', team: 'N07T01', roles: ['nps-offender-manager'] },
  dev: { staffCode: 'N07T01B', forename: 'Dev', surname: 'Deputy', grade: 'PO', team: 'N07T01', roles: ['nps-offender-manager'] },
  alex: { staffCode: 'N07T01C', forename: 'Alex', surname: 'Away', grade: 'PO', team: 'N07T01', roles: ['nps-offender-manager'] },
  hana: { staffCode: 'N07HUB1', forename: 'Hana', surname: 'Hub', grade: 'HUB', team: 'N07HUB', roles: ['hub'] },
  lars: { staffCode: 'N07HUB2', forename: 'Lars', surname: 'Laoadmin', grade: 'HUB', team: 'N07HUB', roles: ['hub', 'lao-admin'] },
  ada: { staffCode: 'N07HUB3', forename: 'Ada', surname: 'Admin', grade: 'ADMIN', team: 'N07HUB', roles: ['admin'] },
  priya: { staffCode: 'C17T01A', forename: 'Priya', surname: 'Practitioner', grade: 'PO', team: 'C17T01', roles: ['crc-practitioner'] },
  alan: { staffCode: 'C17T01B', forename: 'Alan', surname: 'Allocated', grade: 'PSO', team: 'C17T01', roles: ['crc-practitioner'] },
  tara: { staffCode: 'C17T01C', forename: 'Tara', surname: 'Tutor', grade: 'PSO', team: 'C17T01', roles: ['crc-practitioner'] },
  eve: { staffCode: 'C17T01D', forename: 'Eve', surname: 'Excluded', grade: 'PO', team: 'C17T01', roles: ['crc-practitioner'] },
  rita: { staffCode: 'C17T01E', forename: 'Rita', surname: 'Listed', grade: 'PO', team: 'C17T01', roles: ['crc-practitioner'] },
} satisfies Record<string, CastMember>;

export type CastName = keyof typeof CAST;
export const CAST_NAMES = Object.keys(CAST) as CastName[];

/** People under supervision, by what makes each one interesting. */
export const PEOPLE = {
  /** Olivia's case: Warrant/Summons and Risk to Staff, High RoSH. */
  warrant: { crn: 'X100001', forename: 'Wayne', surname: 'Walker', owner: 'olivia' },
  /** Olivia's case, Medium RoSH, Risk to Staff; Alan delivers a requirement for him. */
  allocated: { crn: 'X100002', forename: 'Sam', surname: 'Stone', owner: 'olivia' },
  /** Olivia's case: Very High RoSH and MAPPA level 2, so maximum durations are halved. */
  veryHigh: { crn: 'X100003', forename: 'Victor', surname: 'Vance', owner: 'olivia' },
  /** Alex's case: Alex is on leave and has no deputy. */
  absentOwner: { crn: 'X100004', forename: 'Abe', surname: 'Abbott', owner: 'alex' },
  /** Olivia's case: Eve is excluded from it (LAO). */
  excluded: { crn: 'X100005', forename: 'Ed', surname: 'Ellis', owner: 'olivia' },
  /** Olivia's case: restricted (LAO allow-list holds only Rita). */
  restricted: { crn: 'X100006', forename: 'Rhea', surname: 'Reed', owner: 'olivia' },
  /** No offender manager recorded. */
  noOwner: { crn: 'X100007', forename: 'Nora', surname: 'Nash', owner: null },
} as const;

export type PersonKey = keyof typeof PEOPLE;

/** Tara's programme group: twelve participants, eight owned by Olivia and four by Alex. */
export const PROGRAMME_CODE = 'TSP-CAM-01';
export const PROGRAMME_CRNS = Array.from({ length: 12 }, (_, i) => `X2000${String(i + 1).padStart(2, '0')}`);
