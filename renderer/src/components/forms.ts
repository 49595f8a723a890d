/**
 * Turning the broker's answers into what a form shows. An INVALID_INPUT message names the field
 * it is about ("justification: is required"); the form maps that onto its own field ids.
 */
import { ERROR_CODES, type AppErrorShape } from '../../../shared/errors';
import type { Problem } from './ErrorSummary';

/**
 * Problems from a refused call. `fields` maps the contract's input names to the form's field ids,
 * so a message about `justification` links to the justification box.
 */
export function problemsFrom(error: AppErrorShape, fields: Record<string, string> = {}): Problem[] {
  if (error.code !== 'INVALID_INPUT') return [{ message: error.message }];
  const body = error.message.startsWith(ERROR_CODES.INVALID_INPUT) ? error.message.slice(ERROR_CODES.INVALID_INPUT.length) : error.message;
  const lines = body.split(/\n|;\s*/).map((l) => l.trim()).filter(Boolean);
  return lines.map((line) => {
    const match = /^([A-Za-z][\w.[\]]*)\s*:\s*(.+)$/.exec(line);
    const field = match?.[1]?.split('.')[0];
    const fieldId = field ? fields[field] : undefined;
    return fieldId ? { fieldId, message: line } : { message: line };
  });
}

/** The error for one field, from a list of problems. */
export const errorFor = (problems: Problem[], fieldId: string): string | undefined => problems.find((p) => p.fieldId === fieldId)?.message;
