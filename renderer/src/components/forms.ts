/**
 * Turning the broker's answers into what a form shows. An INVALID_INPUT answer lists each refused
 * field by its path in the channel's input (`fields`); the form maps the path onto its own field
 * and words the message with the field's label, never the contract's key.
 */
import type { AppErrorShape, FieldProblem } from '../../../shared/errors';
import type { Problem } from './ErrorSummary';

/** A form field: its element id, and its label when the page does not give one (`<label for>`, a fieldset's legend). */
export type FieldTarget = string | { id: string; label: string };

/** The label a person sees for the field with this id, read from the page. */
function labelOnPage(id: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const element = document.getElementById(id);
  // A date input's first box is labelled "Day": the field's own label is on the box as data.
  if (element?.dataset.fieldLabel) return element.dataset.fieldLabel;
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`) ?? element?.closest('fieldset')?.querySelector('legend');
  const text = label?.textContent?.replace(/\s*\(optional\)\s*$/, '').trim();
  return text ? text : undefined;
}

/** The broker's message for a field, as a sentence about that field. */
export function fieldMessage(label: string | undefined, message: string): string {
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return label ? `${label}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : sentence;
}

/**
 * Problems from a refused call. `fields` maps the contract's input names (the first part of a
 * path, or the name `fieldOf` gives a path) to the form's fields, so a message about
 * `justification` links to the justification box.
 */
export function problemsFrom(error: AppErrorShape, fields: Record<string, FieldTarget> = {}, fieldOf: (path: string[]) => string | undefined = (path) => path[0]): Problem[] {
  if (error.code !== 'INVALID_INPUT' || !error.fields || error.fields.length === 0) return [{ message: error.message }];
  return error.fields.map((field: FieldProblem) => {
    const target = fields[fieldOf(field.path.split('.')) ?? ''];
    if (!target) return { message: fieldMessage(undefined, field.message) };
    const id = typeof target === 'string' ? target : target.id;
    const label = typeof target === 'string' ? labelOnPage(id) : target.label;
    return { fieldId: id, message: fieldMessage(label, field.message) };
  });
}

/** The error for one field, from a list of problems. */
export const errorFor = (problems: Problem[], fieldId: string): string | undefined => problems.find((p) => p.fieldId === fieldId)?.message;
