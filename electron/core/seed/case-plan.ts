/**
 * Who owns whom, and who delivers what, as compact index arrays (a few bytes per person), so
 * national scale can be planned up front and the people themselves generated one at a time.
 */
import type { Sector } from '../../../shared/domain/organisation';
import { assignCaseloads, PRACTITIONER_GRADES, type OrganisationPlan, type StaffPlan } from './organisation-plan';
import { rngFor } from './prng';
import { REGIONS, type ScaleSpec } from './scales';
import { addDays, type AsOf } from './seed-dates';

export interface Programme {
  short: string;
  name: string;
}

export const PROGRAMMES: readonly Programme[] = [
  { short: 'BBR', name: 'Building Better Relationships' },
  { short: 'TSP', name: 'Thinking Skills Programme' },
  { short: 'RESOLVE', name: 'Resolve' },
  { short: 'BC', name: 'Building Choices' },
];

export interface ProgrammeGroup {
  code: string;
  programme: Programme;
  tutor: StaffPlan;
  startDate: string;
  endDate: string;
}

export interface CasePlan {
  /** Staff index of each person's owner. */
  ownerOf: Uint32Array;
  /** Index into `groups` of each person's programme group, or -1. */
  programmeOf: Int32Array;
  groups: ProgrammeGroup[];
  /** CRC practitioners who deliver requirements and programmes, per CRC provider. */
  deliverers: Map<string, StaffPlan[]>;
  /** The senior probation officer of each team. */
  spoOf: Map<string, StaffPlan>;
}

export function planCases(org: OrganisationPlan, spec: ScaleSpec, seed: number): CasePlan {
  const holders = assignCaseloads(org, spec, seed);
  const ownerOf = new Uint32Array(spec.people);
  let n = 0;
  for (const list of holders.values()) for (const s of list) for (let k = 0; k < s.caseload; k++) ownerOf[n++] = s.index;
  if (n !== spec.people) throw new Error(`caseloads cover ${n} of ${spec.people} people`);
  rngFor(seed, 'owners').shuffle(ownerOf);

  const deliverers = new Map<string, StaffPlan[]>();
  const spoOf = new Map<string, StaffPlan>();
  for (const s of org.staff) {
    if (s.grade === 'SPO' && !spoOf.has(s.teamCode)) spoOf.set(s.teamCode, s);
    if (s.sector !== 'CRC' || !PRACTITIONER_GRADES.includes(s.grade)) continue;
    const list = deliverers.get(s.providerCode) ?? [];
    list.push(s);
    deliverers.set(s.providerCode, list);
  }
  // Prefer practitioners without a caseload; small scales may have none, then anyone delivers.
  for (const [code, list] of deliverers) {
    const free = list.filter((s) => s.caseload === 0);
    if (free.length > 0) deliverers.set(code, free);
  }

  const programmeOf = new Int32Array(spec.people).fill(-1);
  return { ownerOf, programmeOf, groups: [], deliverers, spoOf };
}

/**
 * Generic accredited-programme groups of 8–12, run by a CRC in each participant's area. Runs after
 * the demonstration group is planned, and leaves its participants alone.
 */
export function planProgrammeGroups(org: OrganisationPlan, cases: CasePlan, spec: ScaleSpec, seed: number, asOf: AsOf): void {
  if (spec.programmeShare <= 0) return;
  const p = { groups: cases.groups, asOf };
  const rng = rngFor(seed, 'programmes');
  const byRegion = new Map<string, number[]>();
  for (let i = 0; i < cases.ownerOf.length; i++) {
    if (!rng.chance(spec.programmeShare) || cases.programmeOf[i] !== -1) continue;
    const region = org.staff[cases.ownerOf[i]!]!.region;
    const list = byRegion.get(region) ?? [];
    list.push(i);
    byRegion.set(region, list);
  }
  for (const region of [...byRegion.keys()].sort()) {
    const people = byRegion.get(region)!;
    const crcs = Object.entries(REGIONS[region] ?? {}).filter(([code]) => cases.deliverers.has(code));
    if (crcs.length === 0) continue;
    for (let start = 0; start + 8 <= people.length; ) {
      const size = Math.min(rng.int(8, 12), people.length - start);
      const provider = rng.weighted(crcs);
      const group = newGroup(p, provider, rng.pick(PROGRAMMES), rng.pick(cases.deliverers.get(provider)!), rng.int(0, 90));
      for (const i of people.slice(start, start + size)) cases.programmeOf[i] = group;
      start += size;
    }
  }
}

/** Adds a group and returns its index. Codes run per provider: BBR-C17-0001, TSP-C17-0002, … */
export function newGroup(
  p: { groups: ProgrammeGroup[]; asOf: AsOf },
  provider: string,
  programme: Programme,
  tutor: StaffPlan,
  startedDaysAgo: number,
): number {
  const n = p.groups.filter((g) => g.tutor.providerCode === provider).length + 1;
  const startDate = addDays(p.asOf.date, -startedDaysAgo);
  p.groups.push({
    code: `${programme.short}-${provider}-${String(n).padStart(4, '0')}`,
    programme,
    tutor,
    startDate,
    endDate: addDays(startDate, 7 * 26),
  });
  return p.groups.length - 1;
}

export const sectorOfOwner = (org: OrganisationPlan, plan: CasePlan, person: number): Sector =>
  org.staff[plan.ownerOf[person]!]!.sector;
