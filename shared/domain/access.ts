/** Scopes, roles, urgencies and risk levels: the broker's vocabulary. */

/** Scopes, narrowest first: a scope covers every scope before it in this list. */
export const SCOPES = ['FRONT_SHEET', 'ROSH_SUMMARY', 'RISK_MANAGEMENT_PLAN', 'FULL_RECORD'] as const;
export type Scope = (typeof SCOPES)[number];

export const scopeRank = (scope: Scope): number => SCOPES.indexOf(scope);
export const scopeCovers = (granted: Scope, wanted: Scope): boolean =>
  scopeRank(granted) >= scopeRank(wanted);

export const SCOPE_LABELS: Record<Scope, string> = {
  FRONT_SHEET: 'Front sheet (safety essentials)',
  ROSH_SUMMARY: 'RoSH summary',
  RISK_MANAGEMENT_PLAN: 'Risk management plan',
  FULL_RECORD: 'Full record',
};

/** A scope inside a sentence: "the front sheet (safety essentials)", "the RoSH summary" (acronyms kept). */
export const scopeInSentence = (scope: Scope): string =>
  SCOPE_LABELS[scope].split(' ').map((word) => (/^[A-Z][a-z]*$/.test(word) ? word.toLowerCase() : word)).join(' ');

export const ROLES = ['crc-practitioner', 'nps-offender-manager', 'hub', 'admin', 'lao-admin'] as const;
export type Role = (typeof ROLES)[number];

export const URGENCIES = ['IMMEDIATE_SAFETY', 'WITHIN_2_WORKING_DAYS', 'ROUTINE'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, string> = {
  IMMEDIATE_SAFETY: 'Immediate safety',
  WITHIN_2_WORKING_DAYS: 'Needed within 2 working days',
  ROUTINE: 'Routine',
};

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const GENDERS = ['M', 'F', 'X'] as const;
export type Gender = (typeof GENDERS)[number];
