/**
 * The demonstration scenario, present at every scale in the London office (NPS N07 and its CRC
 * partner C17). It re-creates the situations that made the broker necessary:
 * - a CRC tutor runs a Building Better Relationships group whose participants are NPS cases of
 *   three owners: one available (with a deputy), one on leave now with no deputy (so requests go
 *   to the hub), one off sick now whose deputy covers;
 * - one participant must not be seen alone by women, one has a warrant out for recall, and two
 *   are rival gang members in the same group;
 * - the tutor is excluded from one participant's record, the deputy from another's, and a third
 *   record is restricted to its owner, the deputy and a hub LAO administrator.
 */
import type { CasePlan } from './case-plan';
import { newGroup, PROGRAMMES } from './case-plan';
import type { OrganisationPlan, StaffPlan } from './organisation-plan';
import type { AsOf } from './seed-dates';

export interface ForcedRegistration {
  type: string;
  notes: string;
}

export interface ScenarioLao {
  staff: StaffPlan;
  reason: string;
  message: string;
}

export interface PersonExtras {
  registrations: ForcedRegistration[];
  exclusions: ScenarioLao[];
  restrictions: ScenarioLao[];
}

export interface DemoScenario {
  tutor: StaffPlan;
  owner: StaffPlan;
  ownerOnLeave: StaffPlan;
  ownerOffSick: StaffPlan;
  deputy: StaffPlan;
  hubOfficer: StaffPlan;
  hubLaoAdmin: StaffPlan;
  admin: StaffPlan;
  participants: number[];
  extras: Map<number, PersonExtras>;
  /** Staff whose absences and deputies the scenario fixes; random ones would spoil it. */
  staffInScenario: Set<number>;
}

const DEMO_NPS = 'N07';
const DEMO_CRC = 'C17';

export const RESTRICTION_MESSAGE = 'Access to this record is restricted to named staff. Ask the case owner if you need it.';
export const EXCLUSION_MESSAGE = 'You are excluded from this record. Speak to your senior probation officer.';

export function planDemoScenario(org: OrganisationPlan, cases: CasePlan, size: number, asOf: AsOf, crnOf: (i: number) => string): DemoScenario {
  const staff = org.staff;
  const npsHolders = staff
    .filter((s) => s.providerCode === DEMO_NPS && s.caseload > 0)
    .sort((a, b) => Number(b.grade === 'PO') - Number(a.grade === 'PO') || a.index - b.index);
  if (npsHolders.length < 3) throw new Error('the demonstration needs three NPS case owners in London');
  const [owner, ownerOnLeave, ownerOffSick] = npsHolders as [StaffPlan, StaffPlan, StaffPlan];
  const deputy =
    staff.find((s) => s.teamCode === owner.teamCode && s.grade === 'SPO') ??
    staff.find((s) => s.sector === 'NPS' && s.providerCode === DEMO_NPS && s.grade === 'PO' && ![owner, ownerOnLeave, ownerOffSick].includes(s))!;
  const crcDeliverers = [...(cases.deliverers.get(DEMO_CRC) ?? [])].sort(
    (a, b) => Number(b.grade === 'PSO') - Number(a.grade === 'PSO') || a.index - b.index,
  );
  const tutor = crcDeliverers[0];
  const hub = staff.filter((s) => s.providerCode === DEMO_NPS && s.grade === 'HUB');
  const admin = staff.find((s) => s.providerCode === DEMO_NPS && s.grade === 'ADMIN');
  if (!tutor || hub.length < 2 || !admin) throw new Error('the demonstration needs a CRC tutor, two hub staff and an administrator in London');

  const participants = pickParticipants(cases, [owner, ownerOnLeave, ownerOffSick], size);
  const group = newGroup({ groups: cases.groups, asOf }, DEMO_CRC, PROGRAMMES[0]!, tutor, 21);
  for (const i of participants) cases.programmeOf[i] = group;

  const extras = new Map<number, PersonExtras>();
  const extra = (i: number): PersonExtras => {
    let e = extras.get(i);
    if (!e) extras.set(i, (e = { registrations: [], exclusions: [], restrictions: [] }));
    return e;
  };
  const [p0, p1, p2, p3, p4, p5] = participants as [number, number, number, number, number, number];
  const hubLaoAdmin = hub[1]!;
  extra(p0).exclusions.push({ staff: tutor, reason: 'Conflict of interest: personal connection to the person', message: EXCLUSION_MESSAGE });
  for (const s of [owner, deputy, hubLaoAdmin]) {
    extra(p1).restrictions.push({ staff: s, reason: 'High-profile case: named staff only', message: RESTRICTION_MESSAGE });
  }
  extra(p2).registrations.push({
    type: 'AV2S',
    notes: 'Must not be seen alone by female staff: sexually assaulted a female officer during a previous order. Two staff at every appointment.',
  });
  extra(p3).exclusions.push({ staff: deputy, reason: 'Previous personal relationship', message: EXCLUSION_MESSAGE });
  extra(p3).registrations.push({
    type: 'WRSM',
    notes: 'Licence revoked: recall issued. If he attends, do not alert him; keep him in the building and call the police on 999.',
  });
  extra(p4).registrations.push({ type: 'STRG', notes: `Rival gang to ${crnOf(p5)}: never book them into the same group, session or waiting room.` });
  extra(p5).registrations.push({ type: 'STRG', notes: `Rival gang to ${crnOf(p4)}: never book them into the same group, session or waiting room.` });

  const hubOfficer = hub[0]!;
  const inScenario = [tutor, owner, ownerOnLeave, ownerOffSick, deputy, hubOfficer, hubLaoAdmin, admin];
  return {
    tutor,
    owner,
    ownerOnLeave,
    ownerOffSick,
    deputy,
    hubOfficer,
    hubLaoAdmin,
    admin,
    participants,
    extras,
    staffInScenario: new Set(inScenario.map((s) => s.index)),
  };
}

/** Participants owned by the three owners in turn: A, A, B, B, C, C, then A, B, C, … */
function pickParticipants(cases: CasePlan, owners: StaffPlan[], size: number): number[] {
  const perOwner = owners.map((o) => {
    const people: number[] = [];
    for (let i = 0; i < cases.ownerOf.length && people.length < size; i++) if (cases.ownerOf[i] === o.index) people.push(i);
    return people;
  });
  const order: number[] = [];
  for (const list of perOwner) for (const k of [0, 1]) if (list[k] !== undefined) order.push(list[k]!);
  for (let k = 2; order.length < size && perOwner.some((l) => l.length > k); k++) {
    for (const list of perOwner) if (list[k] !== undefined && order.length < size) order.push(list[k]!);
  }
  if (order.length < Math.min(size, 6)) throw new Error('the demonstration owners have too few people');
  return order.slice(0, size);
}
