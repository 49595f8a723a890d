/**
 * A person's current sentence (and sometimes an earlier, finished one), with the requirements
 * that CRC staff deliver: unpaid work, rehabilitation activity days and accredited programmes.
 */
import type { Sector } from '../../../shared/domain/organisation';
import type { ProgrammeGroup } from './case-plan';
import type { Rng } from './prng';
import type { RiskProfile } from './risk-profile';
import { addDays, addMonths, type AsOf } from './seed-dates';

export interface SentencePlan {
  description: string;
  lengthMonths: number | null;
  startDate: string;
  endDate: string | null;
  requirements: string[];
  previous: { description: string; length_months: number; start_date: string; end_date: string; requirements: string | null } | null;
}

type Kind = 'CO' | 'SSO' | 'SDS' | 'EDS' | 'ORA' | 'LIFE';

const DESCRIPTION: Record<Kind, string> = {
  CO: 'Community Order',
  SSO: 'Suspended Sentence Order',
  SDS: 'Licence: standard determinate sentence',
  EDS: 'Licence: extended determinate sentence',
  ORA: 'Licence: under 12 months (ORA 2014)',
  LIFE: 'Life sentence, on licence',
};

const LENGTH: Record<Kind, readonly [number, number]> = { CO: [12, 24], SSO: [12, 24], SDS: [6, 48], EDS: [24, 96], ORA: [3, 12], LIFE: [0, 0] };

export function sentenceFor(rng: Rng, sector: Sector, p: RiskProfile, group: ProgrammeGroup | null, asOf: AsOf): SentencePlan {
  let kind: Kind;
  if (p.registrations.includes('INLL')) kind = 'LIFE';
  else if (sector === 'NPS') {
    const serious = p.offence === 'sexual' || p.offence === 'violence';
    kind = rng.weighted([['SDS', 45], ['EDS', serious ? 12 : 2], ['CO', 18], ['SSO', 25]] as const);
  } else kind = rng.weighted([['CO', 55], ['SSO', 30], ['ORA', 15]] as const);
  // Programme participants are on an order that requires the programme.
  if (group && (kind === 'LIFE' || kind === 'EDS' || kind === 'ORA' || kind === 'SDS')) kind = 'SSO';

  const lengthMonths = kind === 'LIFE' ? null : rng.int(...LENGTH[kind]);
  const servedDays = lengthMonths === null ? rng.int(60, 2000) : rng.int(14, Math.max(15, lengthMonths * 30 - 14));
  const startDate = group && group.startDate < addDays(asOf.date, -servedDays) ? group.startDate : addDays(asOf.date, -servedDays);
  const requirements: string[] = [];
  if (kind === 'CO' || kind === 'SSO') {
    if (group) requirements.push(`Accredited Programme: ${group.programme.name}`);
    if (rng.chance(0.5)) requirements.push(`Unpaid Work (${rng.pick([60, 80, 100, 120, 150, 200, 240])} hours)`);
    if (rng.chance(0.55)) requirements.push(`Rehabilitation Activity Requirement (${rng.pick([10, 15, 20, 25, 30])} days)`);
    if (p.offence === 'drugs' && rng.chance(0.4)) requirements.push('Drug Rehabilitation Requirement');
    if (rng.chance(0.1)) requirements.push('Alcohol Treatment Requirement');
    if (p.registrations.includes('AMHL') && rng.chance(0.3)) requirements.push('Mental Health Treatment Requirement');
    if (rng.chance(0.15)) requirements.push('Curfew with electronic monitoring');
  } else {
    requirements.push('Standard licence conditions');
    if (p.offence === 'domestic abuse' || p.registrations.includes('REG15')) requirements.push('No contact with the victim');
    if (p.rosh === 'VERY_HIGH' || p.mappa) requirements.push('Reside at an approved premises');
  }
  const previous = rng.chance(0.3)
    ? (() => {
        const months = rng.int(6, 18);
        const end = addDays(startDate, -rng.int(30, 700));
        return { description: 'Community Order', length_months: months, start_date: addMonths(end, -months), end_date: end, requirements: 'Unpaid Work (100 hours)' };
      })()
    : null;
  return {
    description: DESCRIPTION[kind],
    lengthMonths,
    startDate,
    endDate: lengthMonths === null ? null : addMonths(startDate, lengthMonths),
    requirements,
    previous,
  };
}
