/** Emergency safety access (break-glass) and the hub's review of every use. */
import { z } from 'zod';
import { channel } from './define';
import { grantRow, id, instant, optionalText, page, password, text } from './common';
import { EMERGENCY_REASONS, EMERGENCY_REVIEW_OUTCOMES } from './vocabulary';

export const emergencyReason = z.enum(EMERGENCY_REASONS);
export const emergencyReviewOutcome = z.enum(EMERGENCY_REVIEW_OUTCOMES);

export const emergencyUseRow = z.object({
  id,
  requestId: id,
  grantId: id,
  crn: z.string(),
  personName: z.string(),
  userId: id,
  userName: z.string(),
  reasonCode: emergencyReason,
  reasonText: z.string().nullable(),
  usedAt: instant,
  endsAt: instant,
  review: z
    .object({ outcome: emergencyReviewOutcome, notes: z.string(), reviewedAt: instant, reviewedByName: z.string() })
    .nullable(),
});
export type EmergencyUseRow = z.infer<typeof emergencyUseRow>;

export const emergencyChannels = {
  'emergency.open': channel({
    summary: 'Open the front sheet for up to 4 hours on your pending request needed within 4 hours. Needs your password; owner and hub are told at once.',
    access: 'session',
    input: z.strictObject({
      requestId: id,
      password,
      reasonCode: emergencyReason,
      reasonText: optionalText(2000).default(''),
    }),
    output: z.object({ use: emergencyUseRow, grant: grantRow }),
    errors: ['NOT_FOUND', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'EMERGENCY_NOT_ALLOWED', 'EMERGENCY_REASON_REQUIRED', 'ACCESS_EXCLUDED', 'ACCESS_RESTRICTED', 'CLOCK_ROLLBACK'],
  }),
  'emergency.reviewQueue': channel({
    summary: 'Emergency uses for hub review: unreviewed first.',
    access: 'session',
    input: page.extend({ filter: z.enum(['UNREVIEWED', 'ALL']).default('UNREVIEWED') }),
    output: z.object({ rows: z.array(emergencyUseRow), total: z.number().int(), unreviewed: z.number().int() }),
  }),
  'emergency.review': channel({
    summary: 'Record the outcome of a review of one emergency use (hub staff).',
    access: 'session',
    input: z.strictObject({ useId: id, outcome: emergencyReviewOutcome, notes: text(2000) }),
    output: emergencyUseRow,
    errors: ['NOT_FOUND', 'ALREADY_REVIEWED', 'OWN_REQUEST'],
  }),
} as const;
