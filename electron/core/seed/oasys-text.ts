/**
 * OASys-style free text from templates: the R-summary (SUM1–SUM5) and the risk management plan.
 * Text follows the person's offence, risk level and registrations so a record reads consistently.
 */
import type { RiskLevel } from '../../../shared/domain/access';
import type { Rng } from './prng';

export const OFFENCE_TYPES = ['violence', 'domestic abuse', 'sexual', 'acquisitive', 'drugs', 'weapons', 'public order', 'arson'] as const;
export type OffenceType = (typeof OFFENCE_TYPES)[number];

export interface TextProfile {
  /** How the assessment refers to the person: "Mr Smith". */
  title: string;
  he: 'he' | 'she' | 'they';
  his: 'his' | 'her' | 'their';
  offence: OffenceType;
  rosh: RiskLevel;
  riskToChildren: boolean;
  riskToStaff: boolean;
  riskToKnownAdult: boolean;
  gang: boolean;
  selfHarm: boolean;
  mappa: boolean;
}

const NATURE: Record<OffenceType, readonly string[]> = {
  violence: ['Physical violence causing injury, including punching and kicking when intoxicated.', 'Serious physical assault with the potential for lasting injury.'],
  'domestic abuse': ['Physical and emotional abuse of intimate partners: controlling behaviour, threats, strangulation.', 'Coercive control and violence towards a partner, escalating when the relationship ends.'],
  sexual: ['Sexual assault; contact offending against adult women who were strangers.', 'Sexual harm to children, including grooming through online contact.'],
  acquisitive: ['Harm is mainly financial and emotional to victims of burglary; risk of confrontation if disturbed.', 'Robbery using threats; victims left fearful.'],
  drugs: ['Harm to the public from supply of Class A drugs; exploitation of young people as runners.', 'Violence linked to drug debts and supply disputes.'],
  weapons: ['Carrying and using knives; potential for serious or fatal injury.', 'Possession of a bladed article with threats to use it.'],
  'public order': ['Threatening and abusive behaviour in public, at times towards police and emergency workers.', 'Affray in the night-time economy.'],
  arson: ['Setting fires in occupied buildings, with risk to life.', 'Arson with intent to endanger life during a mental health crisis.'],
};

const INCREASERS = [
  'alcohol misuse',
  'use of crack cocaine',
  'breakdown of a relationship',
  'loss of accommodation',
  'contact with pro-criminal peers',
  'stopping prescribed medication',
  'financial pressure and debt',
  'the victim resuming contact',
  'anniversaries of bereavement',
  'release from custody without an address',
];

const REDUCERS = [
  'stable accommodation at an approved premises',
  'regular engagement with supervision',
  'employment as a warehouse operative',
  'abstinence confirmed by testing',
  'support from {his} family',
  'licence conditions and MAPPA oversight',
  'engagement with mental health services',
  'completion of an accredited programme',
];

const IMMINENCE: Record<RiskLevel, string> = {
  LOW: 'Harm is unlikely in the foreseeable future.',
  MEDIUM: 'Harm is not imminent but could occur if circumstances change, for example {increaser}.',
  HIGH: 'Harm could happen at any time; the risk is heightened by {increaser}.',
  VERY_HIGH: 'Harm is imminent and likely to be serious; the risk is acute while {increaser} continues.',
};

export interface RiskText {
  sum1_who_at_risk: string;
  sum2_nature_of_risk: string;
  sum3_imminence: string;
  sum4_risk_increasers: string;
  sum5_risk_reducers: string;
  rmp_current_situation: string | null;
  rmp_supervision: string | null;
  rmp_monitoring_control: string | null;
  rmp_interventions: string | null;
  rmp_victim_safety: string | null;
  rmp_contingency: string | null;
}

function whoAtRisk(p: TextProfile): string {
  const who: string[] = [];
  if (p.offence === 'domestic abuse' || p.riskToKnownAdult) who.push('Known adult: current and former partners');
  if (p.riskToChildren) who.push('children, including those in households {he} visits');
  who.push(p.offence === 'sexual' ? 'the public: lone women' : 'the public');
  if (p.gang) who.push('members of rival groups');
  if (p.riskToStaff) who.push('staff: {he} has threatened and assaulted officers');
  return `${capitalise(who.join('; '))}.`;
}

/** The R-summary always; the risk management plan only where OASys requires one (medium RoSH and above). */
export function riskText(p: TextProfile, rng: Rng): RiskText {
  const increasers = pickSome(rng, INCREASERS, 3);
  const reducers = pickSome(rng, REDUCERS, 2);
  const sum3 = IMMINENCE[p.rosh].replace('{increaser}', increasers[0]!);
  const text: RiskText = {
    sum1_who_at_risk: whoAtRisk(p),
    sum2_nature_of_risk: rng.pick(NATURE[p.offence]) + (p.selfHarm ? ' Also a risk of self-harm when in crisis.' : ''),
    sum3_imminence: sum3,
    sum4_risk_increasers: `${capitalise(increasers.join(', '))}.`,
    sum5_risk_reducers: `${capitalise(reducers.join(', '))}.`,
    rmp_current_situation: null,
    rmp_supervision: null,
    rmp_monitoring_control: null,
    rmp_interventions: null,
    rmp_victim_safety: null,
    rmp_contingency: null,
  };
  if (p.rosh === 'LOW') return withPronouns(text, p);
  const often = p.rosh === 'MEDIUM' ? 'fortnightly' : 'weekly';
  text.rmp_current_situation = `${p.title} is in the community and reporting as required. ${sum3}`;
  text.rmp_supervision = `Reports ${often} to {his} offender manager; home visits every ${p.rosh === 'MEDIUM' ? 'three months' : 'month'}.` +
    (p.riskToStaff ? ' Two staff at every appointment; never seen alone.' : '');
  text.rmp_monitoring_control = [
    p.offence === 'domestic abuse' ? 'No contact with the victim, directly or indirectly.' : 'Exclusion zone around the victim’s address.',
    p.rosh === 'VERY_HIGH' ? 'Curfew 19:00–07:00 with electronic monitoring.' : 'Reside as approved.',
    p.mappa ? 'Managed under MAPPA; police offender manager visits.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  text.rmp_interventions =
    p.offence === 'domestic abuse' ? 'Building Better Relationships programme; substance misuse referral.' : 'Thinking Skills Programme; referral to substance misuse and employment services.';
  text.rmp_victim_safety = p.offence === 'domestic abuse' || p.riskToKnownAdult
    ? 'Victim liaison officer involved; police domestic abuse unit informed of any change of address.'
    : 'No identified victim requires a safety plan at present.';
  text.rmp_contingency = `If ${p.title} contacts the victim, fails to report or is arrested: inform the police, consider recall and review risk within 24 hours.`;
  return withPronouns(text, p);
}

function withPronouns(text: RiskText, p: TextProfile): RiskText {
  const fill = (s: string) => s.replaceAll('{he}', p.he).replaceAll('{his}', p.his);
  return Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v === null ? null : fill(v)])) as unknown as RiskText;
}

function pickSome(rng: Rng, items: readonly string[], n: number): string[] {
  const copy = [...items];
  rng.shuffle(copy);
  return copy.slice(0, n);
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
