/** What a practitioner fills in to ask for access, and the checks made before it is sent. */
import { PURPOSES, type Purpose } from '../../../../shared/contract/vocabulary';
import { SCOPES, type Scope, type Urgency } from '../../../../shared/domain/access';
import type { Problem } from '../../components/ErrorSummary';
import { fromLondonInputValue } from '../../format/time';

export interface RequestDraft {
  scope: Scope | '';
  purpose: Purpose | '';
  justification: string;
  urgency: Urgency | '';
  neededBy: string;
  /** How long, as typed; in durationUnit. */
  durationDays: string;
  durationUnit: 'DAYS' | 'HOURS';
}

export const EMPTY_DRAFT: RequestDraft = { scope: '', purpose: '', justification: '', urgency: '', neededBy: '', durationDays: '', durationUnit: 'DAYS' };

export const REQUEST_FIELD_IDS = {
  scope: 'request-scope',
  purpose: 'request-purpose',
  justification: 'request-justification',
  urgency: 'request-urgency',
  neededBy: 'request-needed-by',
  durationDays: 'request-duration',
  durationUnit: 'request-duration-unit',
} as const;

export interface ReadyRequest {
  scope: Scope;
  purpose: Purpose;
  justification: string;
  urgency: Urgency;
  neededBy: number | null;
  durationDays?: number;
  durationHours?: number;
}

/** Checks the draft; the longest duration allowed depends on the scope (and the person). */
export function checkDraft(
  draft: RequestDraft,
  maxDays: (scope: Scope) => number | null,
  now: number,
): { problems: Problem[]; ready: ReadyRequest | null } {
  const problems: Problem[] = [];
  if (!SCOPES.includes(draft.scope as Scope)) problems.push({ fieldId: REQUEST_FIELD_IDS.scope, message: 'Choose how much of the record you need' });
  if (!PURPOSES.includes(draft.purpose as Purpose)) problems.push({ fieldId: REQUEST_FIELD_IDS.purpose, message: 'Choose what you need the record for' });
  if (!draft.justification.trim()) problems.push({ fieldId: REQUEST_FIELD_IDS.justification, message: 'Explain why you need this record' });
  else if (draft.justification.length > 2000) problems.push({ fieldId: REQUEST_FIELD_IDS.justification, message: 'The explanation must be 2,000 characters or fewer' });
  if (!draft.urgency) problems.push({ fieldId: REQUEST_FIELD_IDS.urgency, message: 'Choose how soon you need it' });
  let neededBy: number | null = null;
  if (draft.neededBy) {
    neededBy = fromLondonInputValue(draft.neededBy);
    if (neededBy === null) problems.push({ fieldId: REQUEST_FIELD_IDS.neededBy, message: 'Enter the date and time you need it by, like 14/12/2026 09:30' });
    else if (neededBy <= now) problems.push({ fieldId: REQUEST_FIELD_IDS.neededBy, message: 'The time you need it by must be in the future' });
  }
  const amount = Number(draft.durationDays);
  const hours = draft.durationUnit === 'HOURS';
  const max = draft.scope ? maxDays(draft.scope as Scope) : null;
  if (!/^\d+$/.test(draft.durationDays.trim()) || amount < 1) {
    problems.push({ fieldId: REQUEST_FIELD_IDS.durationDays, message: `Enter for how many ${hours ? 'hours' : 'days'} you need access, as a whole number` });
  } else if (max !== null && (hours ? amount > max * 24 : amount > max)) {
    problems.push({ fieldId: REQUEST_FIELD_IDS.durationDays, message: `Access to this part of the record can last at most ${max} days${hours ? ` (${max * 24} hours)` : ''}` });
  }
  if (problems.length > 0) return { problems, ready: null };
  return {
    problems,
    ready: {
      scope: draft.scope as Scope,
      purpose: draft.purpose as Purpose,
      justification: draft.justification.trim(),
      urgency: draft.urgency as Urgency,
      neededBy,
      ...(hours ? { durationHours: amount } : { durationDays: amount }),
    },
  };
}
