/**
 * A refusal is read by the requester, and is what a review of it starts from, so "No." is not a
 * reason: it needs a written reason of at least the policy's minimum, spaces not counted.
 */
import { AppError } from '../../../shared/errors';

export const meaningfulLength = (text: string): number => text.replace(/\s/gu, '').length;

/** The reason, trimmed; refused with its own code when it is blank or too short. */
export function checkRefusalReason(reason: string, minChars: number): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new AppError('DECISION_REASON_REQUIRED', 'Write the reason for refusing: the requester will read it.');
  const length = meaningfulLength(trimmed);
  if (length < minChars) {
    throw new AppError('DECISION_REASON_TOO_SHORT', `Write the reason in full: at least ${minChars} characters, not counting spaces (this one has ${length}). The requester reads it and may ask for a review.`);
  }
  return trimmed;
}
