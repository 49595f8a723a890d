/** Asking for access, following it, withdrawing it, and deciding it. */
import { z } from 'zod';
import { channel } from './define';
import { AT_MOST_ONE_DURATION, hasAtMostOneDuration, hasOneDuration, ONE_DURATION, crn, denyReasonCode, durationFields, id, inboxRow, instant, optionalText, page, purpose, requestRow, scope, text, urgency } from './common';

/**
 * Which request, grant or allocation already covers a refused request (DUPLICATE_REQUEST), so a
 * screen can offer the next step: follow the pending request, extend the grant, or read the front
 * sheet through the allocation. Optional: a refusal's message says the same in words for any client.
 */
export const duplicateOf = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('PENDING_REQUEST'), requestId: id }),
  z.object({ kind: z.literal('ACTIVE_GRANT'), grantId: id, until: instant }),
  z.object({ kind: z.literal('ALLOCATION') }),
]);
export type DuplicateOf = z.infer<typeof duplicateOf>;

export const requestOutcome = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('CREATED'),
    crn: z.string(),
    request: requestRow,
    /** What was changed or should be known ("cut to 7 days: the most policy allows for this person"). */
    notes: z.array(z.string()).default([]),
  }),
  z.object({
    outcome: z.literal('REFUSED'),
    crn: z.string(),
    error: z.object({
      code: z.enum(['ACCESS_EXCLUDED', 'DUPLICATE_REQUEST', 'DURATION_TOO_LONG', 'NOT_FOUND', 'FORBIDDEN']),
      message: z.string(),
      duplicateOf: duplicateOf.optional(),
    }),
  }),
]);
export type RequestOutcome = z.infer<typeof requestOutcome>;

export const requestEvent = z.object({ at: instant, what: z.string(), by: z.string().nullable() });

export const requestDetail = z.object({
  request: requestRow,
  /** What happened to the request, oldest first, in words. */
  history: z.array(requestEvent),
  /** Each use of emergency safety access on this request, oldest first. */
  emergencyUses: z.array(z.object({ usedAt: instant, endsAt: instant, byName: z.string() })),
  /** Who holds it while it is pending, until when, and how to reach them (empty once it is closed). */
  holders: z.array(
    z.object({ role: z.enum(['OWNER', 'DEPUTY', 'HUB']), name: z.string(), phone: z.string().nullable(), email: z.string().nullable(), dueAt: instant }),
  ),
});
export type RequestDetail = z.infer<typeof requestDetail>;

const listFilter = z.enum(['OPEN', 'DECIDED', 'ALL']);
/** Where a page of the hub's open queue ended: the next page starts after this (deadline, id). */
export const hubQueueCursor = z.strictObject({ deadline: instant, id });
export type HubQueueCursor = z.infer<typeof hubQueueCursor>;

export const requestsChannels = {
  'requests.create': channel({
    summary: 'Ask for access to one person or a batch (e.g. a whole programme group). Each person gets its own outcome.',
    access: 'session',
    input: z.strictObject({
      crns: z.array(crn).min(1, 'name at least one person').max(100, 'at most 100 people in one batch')
        .refine((a) => new Set(a).size === a.length, 'list each person once'),
      scope,
      purpose,
      justification: text(2000),
      urgency,
      neededBy: instant.nullable().default(null),
      ...durationFields,
    }).refine(hasOneDuration, ONE_DURATION),
    output: z.object({ batchId: z.string().nullable(), results: z.array(requestOutcome) }),
    errors: ['DURATION_TOO_SHORT'],
  }),
  'requests.preview': channel({
    summary: 'What would happen to a request before it is sent: who gets it, due when, and whether emergency access is there.',
    access: 'session',
    input: z.strictObject({ crn, urgency, neededBy: instant.nullable().default(null) }),
    output: z.object({
      /** In words: "the offender manager, Olivia Owner", "the offender manager and the NPS hub together". */
      goesTo: z.string(),
      deadline: instant,
      /** Why, when it goes to the hub. */
      why: z.string().nullable(),
      /** Emergency safety access (front sheet, up to 4 hours) can be opened if nobody decides in time. */
      emergency: z.string(),
    }),
    errors: ['NOT_FOUND', 'ACCESS_EXCLUDED'],
  }),
  'requests.withdraw': channel({
    summary: 'Withdraw your own pending request.',
    access: 'session',
    input: z.strictObject({ requestId: id }),
    output: requestRow,
    errors: ['NOT_FOUND', 'ALREADY_DECIDED'],
  }),
  'requests.mine': channel({
    summary: 'Your own requests, newest first.',
    access: 'session',
    input: page.extend({ filter: listFilter.default('ALL') }),
    output: z.object({ rows: z.array(requestRow), total: z.number().int() }),
  }),
  'requests.get': channel({
    summary: 'One request with its history. For the requester, the deciders and the hub.',
    access: 'session',
    input: z.strictObject({ requestId: id }),
    output: requestDetail,
    errors: ['NOT_FOUND'],
  }),
  'requests.inbox': channel({
    summary: 'Requests waiting for you as offender manager or deputy, with each person\'s risk summary; overdue first.',
    access: 'session',
    input: page.extend({ filter: listFilter.default('OPEN') }),
    output: z.object({ rows: z.array(inboxRow), total: z.number().int() }),
  }),
  'requests.hubQueue': channel({
    summary:
      'The hub\'s fallback queue: requests with no available owner, and every request past its deadline. Open requests page by ' +
      '(deadline, id): pass the answer\'s `next` as `after` for the following page. Filtered by words and overdue on the server.',
    access: 'session',
    input: page
      .extend({
        filter: listFilter.default('OPEN'),
        after: hubQueueCursor.nullable().default(null),
        text: z.string().trim().max(100, 'at most 100 characters').default(''),
        overdueOnly: z.boolean().default(false),
      })
      .refine((q) => q.after === null || (q.filter === 'OPEN' && q.offset === 0), {
        message: 'page open requests either by offset or after a (deadline, id) key, not both',
        path: ['after'],
      }),
    output: z.object({ rows: z.array(inboxRow), total: z.number().int(), overdue: z.number().int(), next: hubQueueCursor.nullable() }),
  }),
  'requests.approve': channel({
    summary: 'Approve, optionally narrowing the scope, shortening the duration or starting later. First decision wins.',
    access: 'session',
    input: z.strictObject({
      requestId: id,
      scope: scope.optional(),
      ...durationFields,
      startAt: instant.optional(),
      note: optionalText(2000).optional(),
    }).refine(hasAtMostOneDuration, AT_MOST_ONE_DURATION),
    output: requestRow,
    errors: ['NOT_FOUND', 'ALREADY_DECIDED', 'OWN_REQUEST', 'SCOPE_WIDENED', 'DURATION_TOO_LONG', 'DURATION_TOO_SHORT', 'ACCESS_EXCLUDED', 'ACCESS_RESTRICTED', 'INVALID_START'],
  }),
  'requests.deny': channel({
    summary: 'Refuse with a reason code and a reason the requester will read. First decision wins.',
    access: 'session',
    input: z.strictObject({ requestId: id, reasonCode: denyReasonCode, reason: optionalText(2000) }),
    output: requestRow,
    errors: ['NOT_FOUND', 'ALREADY_DECIDED', 'OWN_REQUEST', 'DECISION_REASON_REQUIRED', 'DECISION_REASON_TOO_SHORT', 'ACCESS_EXCLUDED', 'ACCESS_RESTRICTED'],
  }),
  'requests.askReview': channel({
    summary: 'Ask for a review of a refusal of your request, with your reason. Once per refusal; the hub or an SPO of the owner\'s team decides.',
    access: 'session',
    input: z.strictObject({ requestId: id, reason: text(2000) }),
    output: requestRow,
    errors: ['NOT_FOUND', 'REVIEW_NOT_ALLOWED', 'ACCESS_EXCLUDED'],
  }),
  'requests.reviewQueue': channel({
    summary: 'Refusals waiting for review (hub staff, and SPOs of the owner\'s team), oldest first.',
    access: 'session',
    input: page,
    output: z.object({ rows: z.array(requestRow), total: z.number().int() }),
  }),
  'requests.decideReview': channel({
    summary: 'Uphold a refusal or overturn it and grant access, with a reason. The requester and the original decider are told.',
    access: 'session',
    input: z.strictObject({
      requestId: id,
      outcome: z.enum(['UPHELD', 'OVERTURNED']),
      reason: z.string().trim().max(2000),
      ...durationFields,
    }).refine(hasAtMostOneDuration, AT_MOST_ONE_DURATION),
    output: requestRow,
    errors: ['NOT_FOUND', 'REVIEW_NOT_ALLOWED', 'DECISION_REASON_REQUIRED', 'DECISION_REASON_TOO_SHORT', 'OWN_REQUEST', 'DURATION_TOO_LONG', 'DURATION_TOO_SHORT', 'ACCESS_EXCLUDED', 'ACCESS_RESTRICTED'],
  }),
} as const;
