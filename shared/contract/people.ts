/** Finding people under supervision and what the viewer may see of each. */
import { z } from 'zod';
import { channel } from './define';
import { accessRoute, crn, durationDays, id, instant, page, requestRow, riskSummary, scope, sector } from './common';
import { SCOPES } from '../domain/access';

/** What the viewer can see of a person right now, and through what. */
export const myAccess = z.object({
  scope: scope.nullable(),
  route: accessRoute.nullable(),
  /** When that access ends; null for an open-ended allocation or the viewer's own case. */
  until: instant.nullable(),
  grantId: id.nullable(),
});
export type MyAccess = z.infer<typeof myAccess>;

export const ownerAvailability = z.object({
  staffCode: z.string().nullable(),
  name: z.string().nullable(),
  available: z.boolean(),
  /** In words: "On leave until 14 Dec", "Account not active", "No offender manager recorded". */
  note: z.string().nullable(),
  /** Deputies currently standing in and available. */
  deputies: z.array(z.object({ staffCode: z.string(), name: z.string() })),
});
export type OwnerAvailability = z.infer<typeof ownerAvailability>;

export const personSearchRow = z.object({
  crn: z.string(),
  /** Null when the person is restricted or the viewer excluded: shown as "Access restricted". */
  name: z.string().nullable(),
  dob: z.string().nullable(),
  accessRestricted: z.boolean(),
  managingSector: sector.nullable(),
  ownerName: z.string().nullable(),
  myAccess,
  /** The viewer's own pending request for this person, if any. */
  pendingRequestId: id.nullable(),
});
export type PersonSearchRow = z.infer<typeof personSearchRow>;

export const personDetail = personSearchRow.extend({
  pnc: z.string().nullable(),
  owner: ownerAvailability.nullable(),
  /** The viewer's allocations with this person (they confer the front sheet for their dates). */
  myAllocations: z.array(
    z.object({ id: z.string(), kind: z.enum(['REQUIREMENT', 'PROGRAMME']), description: z.string(), startDate: z.string(), endDate: z.string().nullable() }),
  ),
  /** Longest duration policy allows for each scope on this person (halved for the highest risk). */
  maxDurationDays: z.record(z.enum(SCOPES), durationDays),
  /** The risk summary, only for viewers who may see it (owner, deputy, hub working a request). */
  risk: riskSummary.nullable(),
  myRequests: z.array(requestRow),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const peopleChannels = {
  'people.search': channel({
    summary: 'Find people by CRN, surname or forename. Restricted people show as "Access restricted".',
    access: 'session',
    input: page.extend({ query: z.string().trim().min(2, 'must be at least 2 characters').max(100) }),
    output: z.object({ rows: z.array(personSearchRow), total: z.number().int() }),
  }),
  'people.get': channel({
    summary: 'One person: what you can see, who owns the case and whether they are available.',
    access: 'session',
    input: z.strictObject({ crn }),
    output: personDetail,
    errors: ['NOT_FOUND', 'ACCESS_EXCLUDED'],
  }),
  'people.programme': channel({
    summary: 'The participants of a programme you deliver, for a batch request.',
    access: 'session',
    input: z.strictObject({ programmeCode: z.string().trim().min(1).max(40) }),
    output: z.object({ programmeCode: z.string(), people: z.array(personSearchRow) }),
  }),
  'people.myProgrammes': channel({
    summary: 'Programmes and requirements you deliver, with their participants count.',
    access: 'session',
    input: z.strictObject({}),
    output: z.array(z.object({ programmeCode: z.string(), description: z.string(), participants: z.number().int() })),
  }),
} as const;
