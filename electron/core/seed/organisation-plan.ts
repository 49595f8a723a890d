/**
 * Providers, teams and staff for a scale. Staff are few enough (~20,000 nationally) to hold in
 * memory; people are not, and are generated one at a time from this plan (case-plan.ts).
 */
import { PROVIDERS, type Grade, type ProviderDef, type Sector } from '../../../shared/domain/organisation';
import { LDU_SUFFIXES, PDUS_BY_REGION } from './places';
import { rngFor, type Rng } from './prng';
import { regionOf, type ScaleSpec } from './scales';
import { FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES } from './uk-names';

export interface TeamPlan {
  code: string;
  providerCode: string;
  sector: Sector;
  region: string;
  name: string;
  pdu: string;
  ldu: string;
  hub: boolean;
  /** The team's duty line and mailbox (how the hub is reached). */
  phone: string;
  email: string;
}

export interface StaffPlan {
  index: number;
  code: string;
  teamCode: string;
  providerCode: string;
  sector: Sector;
  region: string;
  grade: Grade;
  forename: string;
  surname: string;
  email: string;
  phone: string;
  active: 0 | 1;
  /** People this practitioner owns (0 for staff who deliver work but hold no cases). */
  caseload: number;
}

export interface OrganisationPlan {
  providers: readonly ProviderDef[];
  teams: TeamPlan[];
  staff: StaffPlan[];
}

export const PRACTITIONER_GRADES: readonly Grade[] = ['PO', 'PSO', 'PQIP'];

/** NPS teams hold the higher-risk cases, so more qualified officers; CRC teams more PSOs. */
const GRADE_MIX: Record<Sector, readonly (readonly [Grade, number])[]> = {
  NPS: [['PO', 40], ['PSO', 35], ['PQIP', 25]],
  CRC: [['PO', 15], ['PSO', 60], ['PQIP', 25]],
};

/** Team suffixes: 01–99, then A0–Z9, so a provider can have up to 359 teams in 6 characters. */
export function teamSuffix(n: number): string {
  if (n < 100) return String(n).padStart(2, '0');
  const k = n - 100;
  return `${String.fromCharCode(65 + Math.floor(k / 10))}${k % 10}`;
}

export function planOrganisation(spec: ScaleSpec, seed: number): OrganisationPlan {
  const teams: TeamPlan[] = [];
  const staff: StaffPlan[] = [];
  for (const provider of PROVIDERS) {
    const count = spec.teams[provider.code] ?? 0;
    for (let t = 1; t <= count; t++) {
      const team = makeTeam(provider, `T${teamSuffix(t)}`, t, false, rngFor(seed, `team:${provider.code}`, t));
      teams.push(team);
      addTeamStaff(team, spec, seed, staff);
    }
    const hubCount = spec.hubStaff[provider.code] ?? 0;
    if (hubCount > 0) {
      const hub = makeTeam(provider, 'H01', 0, true, rngFor(seed, `hub:${provider.code}`));
      teams.push(hub);
      for (let i = 0; i < hubCount; i++) staff.push(makeStaff(hub, 'HUB', i, seed, staff.length));
    }
  }
  return { providers: PROVIDERS, teams, staff };
}

function makeTeam(provider: ProviderDef, suffix: string, n: number, hub: boolean, rng: Rng): TeamPlan {
  const region = regionOf(provider.code);
  const pdus = PDUS_BY_REGION[region]!;
  const pdu = hub ? pdus[0]! : pdus[(n - 1) % pdus.length]!;
  const ldu = `${pdu} ${hub ? 'Central' : rng.pick(LDU_SUFFIXES)}`;
  const name = hub ? `${provider.name} central hub` : `${ldu} ${provider.sector === 'NPS' ? 'offender management' : 'case management'} team ${n}`;
  const code = `${provider.code}${suffix}`;
  return {
    code, providerCode: provider.code, sector: provider.sector, region, name, pdu, ldu, hub,
    // Ofcom's numbers for drama (0113 496 0000 to 0999): fictional, never anyone's real line.
    phone: `0113 496 0${String(Math.abs(hashCode(code)) % 1000).padStart(3, '0')}`,
    email: `${hub ? 'hub' : 'duty'}.${code.toLowerCase()}@${provider.code.toLowerCase()}.probation.example`,
  };
}

function addTeamStaff(team: TeamPlan, spec: ScaleSpec, seed: number, staff: StaffPlan[]): void {
  const rng = rngFor(seed, `team-staff:${team.code}`);
  const practitioners = rng.int(...spec.practitionersPerTeam);
  const spos = Math.max(1, Math.round(practitioners / 8));
  const admins = rng.int(...spec.adminPerTeam);
  let member = 0;
  for (let i = 0; i < spos; i++) staff.push(makeStaff(team, 'SPO', member++, seed, staff.length));
  // The first practitioners of each team follow a fixed pattern so every team has POs and PSOs.
  const fixed: Grade[] = team.sector === 'NPS' ? ['PO', 'PO', 'PSO'] : ['PSO', 'PSO', 'PO'];
  for (let i = 0; i < practitioners; i++) {
    const grade = i < fixed.length ? fixed[i]! : rng.weighted(GRADE_MIX[team.sector]);
    staff.push(makeStaff(team, grade, member++, seed, staff.length));
  }
  for (let i = 0; i < admins; i++) staff.push(makeStaff(team, 'ADMIN', member++, seed, staff.length));
}

function makeStaff(team: TeamPlan, grade: Grade, member: number, seed: number, index: number): StaffPlan {
  const rng = rngFor(seed, `staff:${team.code}`, member);
  const female = rng.chance(0.7); // the probation workforce is mostly women
  const forename = rng.pick(female ? FEMALE_FORENAMES : MALE_FORENAMES);
  const surname = rng.pick(SURNAMES);
  const code = `${team.code}${String.fromCharCode(65 + member)}`;
  const local = `${forename}.${surname}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
  return {
    index,
    code,
    teamCode: team.code,
    providerCode: team.providerCode,
    sector: team.sector,
    region: team.region,
    grade,
    forename,
    surname,
    email: `${local}.${code.toLowerCase()}@${team.providerCode.toLowerCase()}.probation.example`,
    // Ofcom's numbers for drama (020 7946 0000 to 0999): fictional, never anyone's real line.
    phone: `020 7946 0${String(index % 1000).padStart(3, '0')}`,
    active: 1,
    caseload: 0,
  };
}

/**
 * Decides who holds cases. People of each (region, sector) are shared among that group's
 * practitioners in proportion to their numbers; practitioners are drawn in random order and given
 * a caseload in their grade's range (some overloaded) until everyone has an owner. The rest hold no
 * cases: they deliver programmes, unpaid work and court work.
 */
export function assignCaseloads(plan: OrganisationPlan, spec: ScaleSpec, seed: number): Map<string, StaffPlan[]> {
  const groups = new Map<string, StaffPlan[]>();
  for (const s of plan.staff) {
    if (!PRACTITIONER_GRADES.includes(s.grade)) continue;
    const key = `${s.region}:${s.sector}`;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const per: Record<Sector, number> = { NPS: 0, CRC: 0 };
  for (const [key, list] of groups) per[key.endsWith('NPS') ? 'NPS' : 'CRC'] += list.length;
  const wanted: Record<Sector, number> = { NPS: Math.round(spec.people * spec.npsShare), CRC: 0 };
  wanted.CRC = spec.people - wanted.NPS;
  const remaining: Record<Sector, number> = { ...wanted };
  const keys = [...groups.keys()].sort();
  const holders = new Map<string, StaffPlan[]>();
  for (const key of keys) {
    const sector: Sector = key.endsWith('NPS') ? 'NPS' : 'CRC';
    const list = [...groups.get(key)!];
    const isLast = keys.filter((k) => k.endsWith(sector)).at(-1) === key;
    const need = isLast ? remaining[sector] : Math.min(remaining[sector], Math.round((wanted[sector] * list.length) / per[sector]));
    remaining[sector] -= need;
    const rng = rngFor(seed, `caseloads:${key}`);
    rng.shuffle(list);
    holders.set(key, fillCaseloads(list, need, spec, rng));
  }
  return holders;
}

function fillCaseloads(list: StaffPlan[], need: number, spec: ScaleSpec, rng: Rng): StaffPlan[] {
  const holding: StaffPlan[] = [];
  let left = need;
  for (const s of list) {
    if (left <= 0) break;
    const range = rng.chance(spec.caseload.overloadedShare) ? spec.caseload.overloaded : spec.caseload[s.grade as 'PO' | 'PSO' | 'PQIP'];
    s.caseload = Math.min(left, rng.int(...range));
    left -= s.caseload;
    holding.push(s);
  }
  // Too few practitioners for the people: everyone takes more, as happened in overstretched areas.
  for (let i = 0; left > 0 && holding.length > 0; i++, left--) holding[i % holding.length]!.caseload++;
  return holding;
}

/** A stable small number from a code, so a team's synthetic phone number never changes between runs. */
function hashCode(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
