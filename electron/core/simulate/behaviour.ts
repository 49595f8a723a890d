/**
 * How the simulated office behaves: how often staff ask, for what, how quickly owners and the hub
 * answer, how often people are away. The figures are plausible for a probation office rather than
 * measured; docs/reports.md lists them. Everything random comes from one seeded generator.
 */
import type { DenyReasonCode, EmergencyReason, EmergencyReviewOutcome, Purpose } from '../../../shared/contract/vocabulary';
import type { Scope, Urgency } from '../../../shared/domain/access';
import type { Rng } from '../seed/prng';

/** Requests per NPS-managed person per working day: ~1 million a year over ~96,000 NPS cases (DESIGN.md). */
export const REQUESTS_PER_NPS_PERSON_PER_DAY = 0.05;

export const URGENCY_WEIGHTS: readonly (readonly [Urgency, number])[] = [['IMMEDIATE_SAFETY', 12], ['WITHIN_2_WORKING_DAYS', 33], ['ROUTINE', 55]];
export const SCOPE_WEIGHTS: readonly (readonly [Scope, number])[] = [['FRONT_SHEET', 35], ['ROSH_SUMMARY', 35], ['RISK_MANAGEMENT_PLAN', 20], ['FULL_RECORD', 10]];
export const OTHER_PURPOSES: readonly (readonly [Purpose, number])[] = [['APPOINTMENT_SAFETY', 40], ['HOME_VISIT', 25], ['RISK_REVIEW', 20], ['OTHER', 15]];

/** An owner holding this many cases or more is overloaded (DOMAIN.md: 70 against a recommended 40). */
export const OVERLOADED_CASELOAD = 60;

/** Chance an owner answers at all, and how their answer's delay scales. */
export const OWNER_ANSWERS = { normal: 0.85, overloaded: 0.55 };
export const OVERLOADED_DELAY_FACTOR = 2.5;
/** Median delay before an owner answers: wall minutes for immediate safety, working minutes otherwise. */
export const OWNER_MEDIAN_MINUTES: Record<Urgency, number> = { IMMEDIATE_SAFETY: 15, WITHIN_2_WORKING_DAYS: 120, ROUTINE: 240 };
export const DELAY_SPREAD = 0.8;
/** How long the hub takes to pick up a request on shift, in minutes: [least, most]. */
export const HUB_PICKUP_MINUTES: Record<Urgency, readonly [number, number]> = { IMMEDIATE_SAFETY: [5, 20], WITHIN_2_WORKING_DAYS: [30, 180], ROUTINE: [60, 300] };

/** Share of answers that refuse, by scope; the hub is a little stricter than owners. */
export const REFUSAL_CHANCE: Record<Scope, number> = { FRONT_SHEET: 0.05, ROSH_SUMMARY: 0.1, RISK_MANAGEMENT_PLAN: 0.15, FULL_RECORD: 0.3 };
export const HUB_EXTRA_REFUSAL = 0.05;
export const NARROW_SCOPE_CHANCE = 0.2;
export const SHORTEN_CHANCE = 0.1;
export const WITHDRAW_CHANCE = 0.04;
export const REVOKE_CHANCE = 0.06;

/** Practitioners who reach for break-glass often, and how likely each kind is to use it when allowed. */
export const HABITUAL_BREAK_GLASS_SHARE = 0.08;
export const BREAK_GLASS_CHANCE = { usual: 0.5, habitual: 0.9 };

/** Chance per working day that an owner starts leave (about 22 days a year) or falls sick (about 8). */
export const LEAVE_START_CHANCE = 0.018;
export const SICKNESS_START_CHANCE = 0.008;
export const OVERLOADED_SICKNESS_FACTOR = 2;

export const DENY_REASONS: Record<Scope, readonly (readonly [DenyReasonCode, number])[]> = {
  FRONT_SHEET: [['NOT_OUR_CASE', 2], ['INSUFFICIENT_JUSTIFICATION', 5], ['SAFETY_CONCERN', 2], ['OTHER', 1]],
  ROSH_SUMMARY: [['INSUFFICIENT_JUSTIFICATION', 5], ['NOT_NEEDED_FOR_PURPOSE', 3], ['SCOPE_TOO_WIDE', 2], ['OTHER', 1]],
  RISK_MANAGEMENT_PLAN: [['NOT_NEEDED_FOR_PURPOSE', 4], ['SCOPE_TOO_WIDE', 4], ['INSUFFICIENT_JUSTIFICATION', 3], ['SAFETY_CONCERN', 1]],
  FULL_RECORD: [['SCOPE_TOO_WIDE', 6], ['NOT_NEEDED_FOR_PURPOSE', 3], ['INSUFFICIENT_JUSTIFICATION', 2], ['SAFETY_CONCERN', 1]],
};

export const DENY_WORDS: Record<DenyReasonCode, string> = {
  NOT_NEEDED_FOR_PURPOSE: 'The work described does not need this part of the record.',
  INSUFFICIENT_JUSTIFICATION: 'Please say what the session involves and who will be there.',
  SCOPE_TOO_WIDE: 'The front sheet and RoSH summary cover what you need; ask again if not.',
  LAO: 'This record is limited access.',
  NOT_OUR_CASE: 'This person is not supervised from this office.',
  SAFETY_CONCERN: 'Sharing this now could put a victim at risk; call me to discuss.',
  OTHER: 'Discussed by phone; not needed after all.',
};

export const EMERGENCY_REASONS: readonly (readonly [EmergencyReason, number])[] = [
  ['PERSON_ATTENDING_NOW', 5], ['HOME_VISIT_IMMINENT', 3], ['THREAT_OR_INCIDENT', 1], ['SAFEGUARDING_CONCERN', 1],
];
export const REVIEW_OUTCOMES: readonly (readonly [EmergencyReviewOutcome, number])[] = [['JUSTIFIED', 70], ['JUSTIFIED_WITH_ADVICE', 22], ['NOT_JUSTIFIED_REFERRED', 8]];
export const REVIEW_NOTES: Record<EmergencyReviewOutcome, string> = {
  JUSTIFIED: 'Appointment confirmed; use was proportionate.',
  JUSTIFIED_WITH_ADVICE: 'Justified, but the request could have been made earlier.',
  NOT_JUSTIFIED_REFERRED: 'No appointment or visit that day; referred to the line manager.',
};
export const REVOKE_REASONS = ['Programme place ended early.', 'Requirement completed.', 'Case transferred to another office.', 'Access no longer needed after the review.'];

export const JUSTIFICATIONS: Record<Purpose, string> = {
  PROGRAMME_DELIVERY: 'Group session this week: need to plan facilitation and seating.',
  REQUIREMENT_DELIVERY: 'Starting the requirement; need to know who can safely supervise.',
  UNPAID_WORK_PLACEMENT: 'Choosing a placement and supervisor for unpaid work.',
  APPOINTMENT_SAFETY: 'Appointment booked at our office; planning who attends.',
  HOME_VISIT: 'Home visit planned; need the safety picture first.',
  RISK_REVIEW: 'NPS asked for a risk review; need the current assessment.',
  OTHER: 'Joint meeting with partner agencies next week.',
};

/** A delay around `median` with a long right tail (log-normal). */
export function lognormal(rng: Rng, median: number, spread = DELAY_SPREAD): number {
  const u = Math.max(rng.next(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  return median * Math.exp(spread * z);
}

/** Knuth's method for small means; the normal approximation for large ones (a national store). */
export function poisson(rng: Rng, mean: number): number {
  if (mean > 30) {
    const z = Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-12))) * Math.cos(2 * Math.PI * rng.next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

export const between = (rng: Rng, [least, most]: readonly [number, number]): number => least + rng.next() * (most - least);
