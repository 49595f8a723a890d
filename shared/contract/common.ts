/**
 * Schemas shared by several areas of the contract: identifiers, instants and the rows the screens
 * list (requests, grants, risk summaries). Instants are integer milliseconds since the epoch (UTC);
 * the renderer formats them for people.
 */
import { z } from 'zod';
import { CRN_PATTERN, STAFF_CODE_PATTERN } from '../domain/identifiers';
import { RISK_LEVELS, ROLES, SCOPES, URGENCIES } from '../domain/access';
import { BIDI_CONTROL_MESSAGE, hasBidiControl } from '../domain/bidi-controls';
import { SECTORS } from '../domain/organisation';
import { MAPPA_CATEGORIES, MAPPA_LEVELS } from '../domain/register-types';
import {
  ACCESS_ROUTES,
  DECISION_ROUTES,
  DENY_REASON_CODES,
  GRANT_KINDS,
  GRANT_STATES,
  HUB_REASONS,
  PURPOSES,
  QUEUES,
  REQUEST_STATUSES,
} from './vocabulary';

/** Latest instant JavaScript dates can hold; keeps fuzzed numbers from becoming invalid dates. */
const MAX_INSTANT = 8_640_000_000_000_000;

export const instant = z.number().int().min(0).max(MAX_INSTANT);
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const crn = z.string().regex(CRN_PATTERN, 'must be a CRN: a letter and six digits, like X320741');
export const staffCode = z.string().regex(STAFF_CODE_PATTERN, 'must be a 7-character staff code, like N07T01A');
export const scope = z.enum(SCOPES);
export const role = z.enum(ROLES);
export const urgency = z.enum(URGENCIES);
export const sector = z.enum(SECTORS);
export const riskLevel = z.enum(RISK_LEVELS);
export const purpose = z.enum(PURPOSES);
export const requestStatus = z.enum(REQUEST_STATUSES);
export const queue = z.enum(QUEUES);
export const hubReason = z.enum(HUB_REASONS);
export const decisionRoute = z.enum(DECISION_ROUTES);
export const denyReasonCode = z.enum(DENY_REASON_CODES);
export const accessRoute = z.enum(ACCESS_ROUTES);
export const grantKind = z.enum(GRANT_KINDS);
export const grantState = z.enum(GRANT_STATES);

/** Free text a person may write: trimmed, bounded, and never holding bidirectional controls. */
export const optionalText = (max: number) => z.string().trim().max(max).refine((v) => !hasBidiControl(v), BIDI_CONTROL_MESSAGE);
/** Free text a person must write: the same, and not blank. */
export const text = (max: number) => z.string().trim().min(1, 'is required').max(max).refine((v) => !hasBidiControl(v), BIDI_CONTROL_MESSAGE);
/** A password as typed: never trimmed, because spaces may be part of it. */
export const password = z.string().min(1, 'is required').max(1024);
export const durationDays = z.number().int().min(1).max(366);
/** Access can last hours: at least 1, at most a year's worth. */
export const durationHours = z.number().int().min(1).max(366 * 24);
/** How long access lasts, in minutes: at least an hour. */
export const durationMinutes = z.number().int().min(60).max(366 * 24 * 60);
/**
 * How long access should last: in days, in hours, or until an end time. A request or an extension
 * gives exactly one; an approval gives at most one (none: as asked, within policy).
 */
export const durationFields = { durationDays: durationDays.optional(), durationHours: durationHours.optional(), endAt: instant.optional() };
const givenDurations = (d: { durationDays?: number | undefined; durationHours?: number | undefined; endAt?: number | undefined }) =>
  [d.durationDays, d.durationHours, d.endAt].filter((v) => v !== undefined).length;
export const hasOneDuration = (d: Parameters<typeof givenDurations>[0]): boolean => givenDurations(d) === 1;
export const hasAtMostOneDuration = (d: Parameters<typeof givenDurations>[0]): boolean => givenDurations(d) <= 1;
export const ONE_DURATION: { message: string; path: string[] } = { message: 'give how long: durationDays, durationHours or endAt (one of them)', path: ['durationDays'] };
export const AT_MOST_ONE_DURATION: { message: string; path: string[] } = { message: 'give at most one of durationDays, durationHours and endAt', path: ['durationDays'] };
export const empty = z.strictObject({});
export const done = z.object({ done: z.literal(true) });

export const sessionUser = z.object({
  userId: id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  staffCode: z.string().nullable(),
  /** The sector of the user's provider (NPS or CRC); null for accounts without a staff record. */
  sector: sector.nullable(),
  providerName: z.string().nullable(),
  teamName: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUser>;

/** The short risk picture a decider needs: RoSH, MAPPA and the red flags. */
export const riskSummary = z.object({
  roshLevel: riskLevel.nullable(),
  mappa: z.object({ category: z.enum(MAPPA_CATEGORIES).nullable(), level: z.enum(MAPPA_LEVELS).nullable() }).nullable(),
  tier: z.string().nullable(),
  flags: z.array(z.object({ code: z.string(), description: z.string(), colour: z.enum(['Red', 'Amber', 'Green', 'White']) })),
  /** Any LAO restriction is active on this person: only the owner or an LAO-administrator hub may grant. */
  restricted: z.boolean(),
});
export type RiskSummary = z.infer<typeof riskSummary>;

export const decision = z.object({
  outcome: z.enum(['APPROVED', 'DENIED']),
  decidedAt: instant,
  decidedByName: z.string(),
  route: decisionRoute,
  /** Approved scope and duration (null when denied); days rounded up, minutes exact. */
  scope: scope.nullable(),
  durationDays: durationDays.nullable(),
  durationMinutes: durationMinutes.nullable(),
  startAt: instant.nullable(),
  endAt: instant.nullable(),
  /** The approval narrowed the scope or shortened the duration. */
  narrowed: z.boolean(),
  reasonCode: denyReasonCode.nullable(),
  /** Required for a refusal, optional note on an approval; always shown to the requester. */
  reason: z.string().nullable(),
});
export type Decision = z.infer<typeof decision>;

export const requestRow = z.object({
  id,
  batchId: z.string().nullable(),
  crn: z.string(),
  /** The person's name, or "Access restricted" when the viewer may not see it. */
  personName: z.string(),
  requesterUserId: id,
  requesterName: z.string(),
  requesterProvider: z.string().nullable(),
  ownerStaffCode: z.string().nullable(),
  ownerName: z.string().nullable(),
  scope,
  purpose,
  justification: z.string(),
  urgency,
  neededBy: instant.nullable(),
  /** How long access was asked for: whole days rounded up, and exactly in minutes. */
  durationDays,
  durationMinutes,
  status: requestStatus,
  /** Which queue holds a pending request (null once decided or withdrawn). */
  queue: queue.nullable(),
  hubReason: hubReason.nullable(),
  /** Where the request is and why, in words ("With the NPS hub: owner on leave until 14 Dec"). */
  whereAndWhy: z.string(),
  createdAt: instant,
  deadline: instant,
  escalatedAt: instant.nullable(),
  /** Still pending and its deadline has passed: counts as an SLA breach. */
  overdue: z.boolean(),
  /** The requester has an allocation for this person, so the owner can decide quickly. */
  fastTrack: z.boolean(),
  /** Set when this request asks to extend an existing grant. */
  extendsGrantId: id.nullable(),
  decision: decision.nullable(),
  grantId: id.nullable(),
  withdrawnAt: instant.nullable(),
  /** The requester may use emergency safety access on this request now. */
  emergencyAvailable: z.boolean(),
  /** Closed without a decision, and why ("closed: requester excluded"); null otherwise. */
  closedReason: z.string().nullable(),
  /** The review of a refusal, once asked for. */
  review: z
    .object({
      askedAt: instant,
      reason: z.string(),
      outcome: z.enum(['UPHELD', 'OVERTURNED']).nullable(),
      decidedAt: instant.nullable(),
      decidedByName: z.string().nullable(),
      decisionReason: z.string().nullable(),
    })
    .nullable(),
  /** The requester may ask for a review of this refusal now. */
  reviewAvailable: z.boolean(),
});
export type RequestRow = z.infer<typeof requestRow>;

/** A request as a decider sees it: with the person's risk summary and what the viewer may do. */
export const inboxRow = requestRow.extend({
  risk: riskSummary,
  canDecide: z.boolean(),
  /** Why the viewer cannot decide, in words, when canDecide is false. */
  cannotDecideReason: z.string().nullable(),
  maxDurationDays: durationDays,
});
export type InboxRow = z.infer<typeof inboxRow>;

export const grantRow = z.object({
  id,
  requestId: id.nullable(),
  kind: grantKind,
  crn: z.string(),
  personName: z.string(),
  granteeUserId: id,
  granteeName: z.string(),
  grantedByName: z.string().nullable(),
  scope,
  startAt: instant,
  endAt: instant,
  state: grantState,
  revokedAt: instant.nullable(),
  revokedByName: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type GrantRow = z.infer<typeof grantRow>;

export const page = z.strictObject({
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
