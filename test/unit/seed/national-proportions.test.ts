import { describe, expect, it } from 'vitest';
import { planCases, planProgrammeGroups } from '../../../electron/core/seed/case-plan';
import { planDemoScenario } from '../../../electron/core/seed/demo-scenario';
import { planOrganisation } from '../../../electron/core/seed/organisation-plan';
import { generatePerson } from '../../../electron/core/seed/person-generator';
import { SCALES } from '../../../electron/core/seed/scales';
import { asOfDay } from '../../../electron/core/seed/seed-dates';
import { crnFor } from '../../../electron/core/seed/synthetic-identifiers';

/**
 * The national recipe from DOMAIN.md, checked on the full plan (staff, caseloads) and on a sample
 * of 20,000 generated people, without writing 300 MB of files.
 */
const spec = SCALES.national;
const asOf = asOfDay('2026-11-22');
const org = planOrganisation(spec, 1);
const cases = planCases(org, spec, 1);
const scenario = planDemoScenario(org, cases, spec.demoProgrammeSize, asOf, (i) => crnFor(i, 1));
planProgrammeGroups(org, cases, spec, 1, asOf);
const grades = (g: string) => org.staff.filter((s) => s.grade === g).length;
const near = (actual: number, expected: number, tolerance: number) => {
  expect(actual).toBeGreaterThanOrEqual(expected * (1 - tolerance));
  expect(actual).toBeLessThanOrEqual(expected * (1 + tolerance));
};

describe('national scale follows DOMAIN.md', () => {
  it('has ~20,000 staff in ~1,400 teams: PO ~4,400, PSO ~6,800, one SPO per ~8 practitioners, ~60 hub staff', () => {
    near(org.staff.length, 20_000, 0.05);
    near(org.teams.filter((t) => !t.hub).length, 1_400, 0.02);
    near(grades('PO'), 4_400, 0.1);
    near(grades('PSO'), 6_800, 0.1);
    near((grades('PO') + grades('PSO') + grades('PQIP')) / grades('SPO'), 8, 0.1);
    expect(grades('HUB')).toBe(60);
  });

  it('gives every one of 240,000 people an owner, with caseloads PO 35–45, PSO 40–60 and an overloaded tail of 70+', () => {
    expect(cases.ownerOf).toHaveLength(240_000);
    const holders = org.staff.filter((s) => s.caseload > 0);
    expect(holders.reduce((n, s) => n + s.caseload, 0)).toBe(240_000);
    const typical = (g: string, lo: number, hi: number) => {
      const loads = holders.filter((s) => s.grade === g).map((s) => s.caseload);
      expect(loads.filter((c) => c >= lo && c <= hi).length / loads.length).toBeGreaterThan(0.85);
    };
    typical('PO', 35, 45);
    typical('PSO', 40, 60);
    const overloaded = holders.filter((s) => s.caseload >= 70).length / holders.length;
    expect(overloaded).toBeGreaterThan(0.04);
    expect(overloaded).toBeLessThan(0.12);
  });

  it('puts ~40% of people with the NPS (High RoSH ~55%, Very High ~5%), CRC cases Low or Medium, MAPPA ~10%, ~89% male, LAO ~0.2%/0.1%', () => {
    const sample = 20_000;
    const stats = { nps: 0, high: 0, veryHigh: 0, crcHigh: 0, mappa: 0, mappaL1: 0, male: 0, restricted: 0, excluded: 0 };
    const ctx = { seed: 1, asOf, org, cases, scenario };
    for (let i = 0; i < sample; i++) {
      const b = generatePerson(i, ctx);
      const codes = b.registrations.filter((r) => r.end_date === null).map((r) => r.type_code);
      const nps = b.person.managing_sector === 'NPS';
      if (nps) stats.nps++;
      if (nps && codes.includes('RHRH')) stats.high++;
      if (nps && codes.includes('RVHR')) stats.veryHigh++;
      if (!nps && (codes.includes('RHRH') || codes.includes('RVHR'))) stats.crcHigh++;
      const mappa = b.registrations.find((r) => r.type_code === 'MAPP');
      if (mappa) stats.mappa++;
      if (mappa?.level === 'M1') stats.mappaL1++;
      if (b.person.gender === 'M') stats.male++;
      if (b.laoRestrictions.length > 0) stats.restricted++;
      if (b.laoExclusions.length > 0) stats.excluded++;
    }
    near(stats.nps / sample, 0.4, 0.05);
    near(stats.high / stats.nps, 0.55, 0.06);
    near(stats.veryHigh / stats.nps, 0.05, 0.25);
    expect(stats.crcHigh).toBe(0);
    near(stats.mappa / sample, 0.1, 0.15);
    expect(stats.mappaL1 / stats.mappa).toBeGreaterThan(0.92);
    near(stats.male / sample, 0.89, 0.02);
    near(stats.restricted / sample, 0.002, 0.5);
    near(stats.excluded / sample, 0.001, 0.6);
  });
});
