/**
 * What a practitioner fills in to ask for access, as the form holds it, and as the contract's
 * `requests.create` input: the form is checked by that channel's own schema (contract-form.ts).
 * The longest access for each scope is the policy's, so the broker checks it, and the form shows it.
 */
import type { Purpose } from '../../../../shared/contract/vocabulary';
import type { Scope, Urgency } from '../../../../shared/domain/access';
import { instantInput, type FormFields } from '../../components/contract-form';
import { durationInput, type DurationUnit } from './duration-input';

export interface RequestDraft {
  scope: Scope | '';
  purpose: Purpose | '';
  justification: string;
  urgency: Urgency | '';
  /** London wall-clock time from the date input, or empty. */
  neededBy: string;
  /** How long, as typed; in durationUnit. */
  durationDays: string;
  durationUnit: DurationUnit;
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

const DURATION = { id: REQUEST_FIELD_IDS.durationDays, label: 'How long' };

/** The request's questions by the contract's input names, with the words the error summary uses. */
export const REQUEST_FIELDS: FormFields = {
  scope: { id: REQUEST_FIELD_IDS.scope, label: 'How much of the record' },
  purpose: { id: REQUEST_FIELD_IDS.purpose, label: 'What you need it for' },
  justification: { id: REQUEST_FIELD_IDS.justification, label: 'Why you need it' },
  urgency: { id: REQUEST_FIELD_IDS.urgency, label: 'How soon you need it' },
  neededBy: { id: REQUEST_FIELD_IDS.neededBy, label: 'Needed by' },
  durationDays: DURATION,
  durationHours: DURATION,
};

/** The draft as the input of `requests.create` for these people; unanswered questions are left out, for the contract to name. */
export function requestInput(draft: RequestDraft, crns: unknown[]): Record<string, unknown> {
  return {
    crns,
    scope: draft.scope || undefined,
    purpose: draft.purpose || undefined,
    justification: draft.justification,
    urgency: draft.urgency || undefined,
    neededBy: instantInput(draft.neededBy) ?? null,
    ...durationInput(draft.durationDays, draft.durationUnit),
  };
}
