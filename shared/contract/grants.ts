/** Grants the viewer holds or gave, revocation, and extensions (which route like a new request). */
import { z } from 'zod';
import { channel } from './define';
import { durationFields, grantRow, hasOneDuration, id, instant, ONE_DURATION, page, requestRow, text, urgency } from './common';

export const grantsChannels = {
  'grants.mine': channel({
    summary: 'Grants you hold: current and scheduled first, then recent expired or revoked ones.',
    access: 'session',
    input: page.extend({ filter: z.enum(['CURRENT', 'ALL']).default('CURRENT') }),
    output: z.object({
      rows: z.array(grantRow),
      total: z.number().int(),
      /** Front-sheet access that comes from an allocation (delivering a requirement or programme), current now. */
      allocations: z.array(z.object({
        crn: z.string(),
        personName: z.string(),
        scope: z.literal('FRONT_SHEET'),
        /** Where it comes from, in words: "Allocated to deliver Thinking Skills Programme". */
        source: z.string(),
        startDate: z.string(),
        /** Last day (inclusive), and the instant access ends: midnight after it, office time. Null: open-ended. */
        endDate: z.string().nullable(),
        endAt: instant.nullable(),
      })).default([]),
    }),
  }),
  'grants.get': channel({
    summary: 'One grant, for its grantee, the case owner and deputies, hub staff and administrators.',
    access: 'session',
    input: z.strictObject({ grantId: id }),
    output: grantRow,
    errors: ['NOT_FOUND'],
  }),
  'grants.revoke': channel({
    summary: 'Revoke a grant at once with a reason (case owner or deputy, hub staff, administrator).',
    access: 'session',
    input: z.strictObject({ grantId: id, reason: text(2000) }),
    output: grantRow,
    errors: ['NOT_FOUND', 'GRANT_NOT_ACTIVE'],
  }),
  'grants.requestExtension': channel({
    summary: 'Ask to extend a grant you hold. It is routed like a new request; the new grant starts when the old one ends.',
    access: 'session',
    input: z.strictObject({
      grantId: id,
      ...durationFields,
      justification: text(2000),
      urgency,
      neededBy: instant.nullable().default(null),
    }).refine(hasOneDuration, ONE_DURATION),
    output: requestRow,
    errors: ['NOT_FOUND', 'GRANT_NOT_ACTIVE', 'DUPLICATE_REQUEST', 'ACCESS_EXCLUDED', 'DURATION_TOO_LONG', 'DURATION_TOO_SHORT'],
  }),
} as const;
