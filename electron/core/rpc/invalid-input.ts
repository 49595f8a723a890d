/**
 * A refused input as the contract answers it: INVALID_INPUT with the first few issues in its
 * message and each refused field (path and message) in `fields`, so a form puts each message
 * against its field and never parses the flattened message back.
 */
import type { z } from 'zod';
import { AppError, ERROR_CODES, type FieldProblem } from '../../../shared/errors';

const MAX_ISSUES = 5;

export function invalidInput(error: z.ZodError): AppError {
  const issues = error.issues.slice(0, MAX_ISSUES);
  const parts = issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  const fields: FieldProblem[] = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return new AppError('INVALID_INPUT', `${ERROR_CODES.INVALID_INPUT} ${parts.join('; ')}`, fields);
}
