/**
 * The reports' own code lists and their labels, without zod, so the renderer can use them (the
 * app's Content Security Policy forbids the eval probe zod makes when its schemas load).
 */
import { EMERGENCY_REVIEW_OUTCOMES } from './vocabulary';

/** How a table is broken down into groups. Every group is named from the store's own organisation rows. */
export const BREAKDOWNS = ['NONE', 'REQUESTER_PROVIDER', 'REQUESTER_TEAM', 'REGION', 'OWNER_TEAM', 'OFFENDER_MANAGER'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  NONE: 'No breakdown',
  REQUESTER_PROVIDER: 'Requesting provider',
  REQUESTER_TEAM: 'Requesting team',
  REGION: 'NPS division holding the case (region)',
  OWNER_TEAM: 'Offender manager’s team',
  OFFENDER_MANAGER: 'Offender manager',
};

/** The routes a wait is split by: who decided, plus break-glass (time until emergency access opened). */
export const WAIT_ROUTES = ['ALL', 'OWNER', 'DEPUTY', 'HUB', 'EMERGENCY'] as const;
export type WaitRoute = (typeof WAIT_ROUTES)[number];
export const WAIT_ROUTE_LABELS: Record<WaitRoute, string> = {
  ALL: 'All decisions',
  OWNER: 'Offender manager',
  DEPUTY: 'Deputy',
  HUB: 'NPS hub',
  EMERGENCY: 'Emergency access (until opened)',
};

export const OUTCOMES = ['APPROVED', 'NARROWED', 'DENIED', 'WITHDRAWN', 'PENDING'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  APPROVED: 'Approved as asked',
  NARROWED: 'Approved, narrowed or shortened',
  DENIED: 'Refused',
  WITHDRAWN: 'Withdrawn',
  PENDING: 'Still pending',
};

export const REPORT_TABLE_IDS = [
  'wait-times-by-route',
  'wait-times-by-urgency',
  'wait-times-by-group',
  'wait-time-distribution',
  'sla-by-urgency',
  'sla-by-group',
  'sla-breaches',
  'fallback-reasons',
  'fallback-by-group',
  'outcomes',
  'refusal-reasons',
  'outcomes-by-group',
  'emergency-review-outcomes',
  'emergency-users',
  'active-grants-by-scope',
  'grants-expiring',
  'caseload-pressure',
  'record-reads-by-team',
  'offline-upload-delays',
] as const;
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export const EMERGENCY_REVIEW_STATES = [...EMERGENCY_REVIEW_OUTCOMES, 'NOT_YET_REVIEWED'] as const;
export type EmergencyReviewState = (typeof EMERGENCY_REVIEW_STATES)[number];
