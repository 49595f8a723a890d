/**
 * Absences and deputies: who is away now (so their requests go elsewhere), who was or will be, and
 * who covers for whom. Generic ones are random; the demonstration owners get fixed ones.
 */
import type { AbsenceKind } from '../../../shared/domain/organisation';
import type { DemoScenario } from './demo-scenario';
import type { OrganisationPlan, StaffPlan } from './organisation-plan';
import { rngFor } from './prng';
import { instantOn, isoInstant, type AsOf } from './seed-dates';
import type { Row } from './person-generator';

export interface StaffEvents {
  absences: Row[];
  deputies: Row[];
}

const AWAY_GRADES = new Set(['PO', 'PSO', 'PQIP', 'SPO', 'HUB']);

export function planStaffEvents(org: OrganisationPlan, scenario: DemoScenario, seed: number, asOf: AsOf): StaffEvents {
  const absences: Row[] = [];
  const deputies: Row[] = [];
  const counters = new Map<string, number>();
  const nextId = (prefix: string, s: StaffPlan) => {
    const n = (counters.get(`${prefix}-${s.code}`) ?? 0) + 1;
    counters.set(`${prefix}-${s.code}`, n);
    return `${prefix}-${s.code}-${n}`;
  };
  const absence = (s: StaffPlan, kind: AbsenceKind, fromDay: number, toDay: number) =>
    absences.push({
      id: nextId('ABS', s),
      staff_code: s.code,
      kind,
      start_at: isoInstant(instantOn(asOf, fromDay, 8)),
      end_at: isoInstant(instantOn(asOf, toDay, 18)),
    });
  const deputy = (s: StaffPlan, d: StaffPlan, fromDay: number, toDay: number | null) =>
    deputies.push({
      id: nextId('DEP', s),
      staff_code: s.code,
      deputy_staff_code: d.code,
      start_at: isoInstant(instantOn(asOf, fromDay, 8)),
      end_at: toDay === null ? null : isoInstant(instantOn(asOf, toDay, 18)),
    });

  const spoOf = new Map<string, StaffPlan>();
  for (const s of org.staff) if (s.grade === 'SPO' && !spoOf.has(s.teamCode)) spoOf.set(s.teamCode, s);

  for (const s of org.staff) {
    const rng = rngFor(seed, 'staff-events', s.index);
    if (s.grade === 'ADMIN' && !scenario.staffInScenario.has(s.index) && rng.chance(0.01)) s.active = 0;
    if (!AWAY_GRADES.has(s.grade) || scenario.staffInScenario.has(s.index)) continue;
    if (rng.chance(0.05)) {
      absence(s, rng.weighted([['LEAVE', 60], ['SICKNESS', 30], ['TRAINING', 10]] as const), -rng.int(0, 10), rng.int(1, 14));
    }
    if (rng.chance(0.25)) {
      const from = -rng.int(20, 120);
      absence(s, rng.weighted([['LEAVE', 70], ['SICKNESS', 20], ['TRAINING', 10]] as const), from, from + rng.int(1, 10));
    }
    if (rng.chance(0.15)) {
      const from = rng.int(5, 60);
      absence(s, 'LEAVE', from, from + rng.int(2, 14));
    }
    if (s.sector === 'NPS' && s.caseload > 0 && rng.chance(0.25)) {
      const cover = spoOf.get(s.teamCode);
      if (cover && cover !== s) deputy(s, cover, -rng.int(30, 400), rng.chance(0.7) ? null : rng.int(10, 120));
    }
  }

  const { owner, ownerOnLeave, ownerOffSick, deputy: cover } = scenario;
  deputy(owner, cover, -90, null);
  absence(owner, 'LEAVE', -40, -33);
  absence(owner, 'LEAVE', 30, 44);
  absence(ownerOnLeave, 'LEAVE', -2, 12);
  absence(ownerOffSick, 'SICKNESS', -5, 9);
  deputy(ownerOffSick, cover, -5, 9);
  return { absences, deputies };
}
