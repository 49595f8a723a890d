/**
 * Forms checked by the contract's own zod schema (react-hook-form with its zod resolver), so the
 * window refuses exactly what the broker would refuse, with no second copy of the rules here. The
 * refusals are shown as the GOV.UK error summary and against each field, worded with its label.
 */
import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { Problem } from './ErrorSummary';
import { fieldMessage } from './forms';

/** Each field of the form: its element id and its label, by the contract's input name. */
export type FormFields = Record<string, { id: string; label: string }>;

/** The form's refusals, in the order of its fields. */
export function problemsFromForm<T extends FieldValues>(errors: FieldErrors<T>, fields: FormFields): Problem[] {
  const problems: Problem[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const error = errors[name];
    const message = error && typeof error.message === 'string' ? error.message : undefined;
    if (message) problems.push({ fieldId: field.id, message: fieldMessage(field.label, message) });
  }
  return problems;
}
