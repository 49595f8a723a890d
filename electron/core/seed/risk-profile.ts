/**
 * A person's risk picture, decided first so every row about them agrees: RoSH level by sector
 * (NPS: High 55%, Very High 5%, else Medium; CRC: Low or Medium), offence type, MAPPA (~10% of all
 * people, all NPS, 95% level 1), and the registrations that follow from them.
 */
import type { RiskLevel } from '../../../shared/domain/access';
import type { Sector } from '../../../shared/domain/organisation';
import type { OffenceType } from './oasys-text';
import type { Rng } from './prng';

export interface RiskProfile {
  rosh: RiskLevel;
  offence: OffenceType;
  mappa: { category: 'M1' | 'M2' | 'M3' | 'M4'; level: 'M1' | 'M2' | 'M3' } | null;
  /** Register type codes, RoSH first. */
  registrations: string[];
}

const OFFENCES: Record<Sector, readonly (readonly [OffenceType, number])[]> = {
  NPS: [['violence', 25], ['domestic abuse', 25], ['sexual', 20], ['weapons', 10], ['drugs', 10], ['acquisitive', 5], ['arson', 3], ['public order', 2]],
  CRC: [['acquisitive', 30], ['violence', 20], ['drugs', 15], ['domestic abuse', 15], ['public order', 12], ['weapons', 5], ['sexual', 2], ['arson', 1]],
};

export const ROSH_REGISTER: Record<RiskLevel, string> = { LOW: 'RLRH', MEDIUM: 'RMRH', HIGH: 'RHRH', VERY_HIGH: 'RVHR' };

export function decideRiskProfile(rng: Rng, sector: Sector, gender: 'M' | 'F' | 'X', age: number): RiskProfile {
  const offence = rng.weighted(OFFENCES[sector]);
  let mappa: RiskProfile['mappa'] = null;
  if (sector === 'NPS' && rng.chance(offence === 'sexual' ? 0.85 : 0.12)) {
    const category = offence === 'sexual' ? 'M1' : rng.weighted([['M2', 93], ['M3', 5], ['M4', 2]] as const);
    mappa = { category, level: rng.weighted([['M1', 95], ['M2', 4], ['M3', 1]] as const) };
  }
  let rosh: RiskLevel =
    sector === 'NPS'
      ? rng.weighted([['HIGH', 55], ['VERY_HIGH', 5], ['MEDIUM', 40]] as const)
      : rng.weighted([['LOW', 55], ['MEDIUM', 45]] as const);
  // MAPPA level 2 and 3 are the cases that need active multi-agency management.
  if (mappa && mappa.level !== 'M1' && rosh === 'MEDIUM') rosh = 'HIGH';

  const regs: string[] = [ROSH_REGISTER[rosh]];
  const add = (code: string, p: number) => {
    if (!regs.includes(code) && rng.chance(p)) regs.push(code);
  };
  if (mappa) regs.push('MAPP');
  const nps = sector === 'NPS';
  if (mappa?.category === 'M1') add('ARSO', 1);
  if (mappa) add('AVIS', 0.8);
  if (mappa?.category === 'M4') add('RTAO', 1);
  if (offence === 'sexual') {
    add('SOPS', 0.3);
    add('RCHD', 0.4);
    add('CSEP', 0.1);
    if (!mappa) add('ANSO', 0.7);
  }
  if (offence === 'domestic abuse') {
    add('ADVP', 1);
    add('IMAR', 0.35);
    add('RSTO', 0.4);
    add('REG15', 0.5);
    add('RCCO', 0.2);
  } else {
    add('ADVP', nps ? 0.08 : 0.05);
  }
  if (offence === 'weapons') add('WEAP', 1);
  if (offence === 'violence') add('WEAP', 0.15);
  if (['drugs', 'weapons', 'violence'].includes(offence)) add('STRG', age < 30 ? 0.15 : 0.02);
  if (offence === 'drugs') add('REG26', 0.03);
  if (offence === 'acquisitive') add('APPO', 0.12);
  if (offence === 'public order' || offence === 'violence') add('IRMO', 0.03);
  if (nps) {
    add('REG17', 0.25);
    add('RCHD', 0.04);
    add('REG22', 0.01);
    add('INLL', 0.02);
  } else {
    add('RRR', 0.01);
  }
  add('AV2S', nps ? 0.05 : 0.015);
  add('WRSM', 0.015);
  add('ALAN', 0.01);
  add('ALSH', 0.1);
  add('AMHL', 0.15);
  add('RMDO', 0.02);
  add('RCCO', 0.07);
  add('RCPR', 0.025);
  if (gender === 'F') add('ADVV', 0.25);
  return { rosh, offence, mappa, registrations: regs };
}

/** Default notes for the registrations a front sheet shows first. */
export const REGISTRATION_NOTES: Readonly<Record<string, string>> = {
  AV2S: 'Threatening towards staff when refused: see with a colleague in an interview room near the exit.',
  WRSM: 'Warrant outstanding for failure to appear. Contact the police before any appointment.',
  STRG: 'Associated with a local street gang; check group and waiting-room bookings for rivals.',
  ADVP: 'Domestic abuse perpetrator: police call-outs to partner’s address.',
  ALSH: 'History of self-harm when under stress; ask about current thoughts at each contact.',
};
