/**
 * The broker's own code lists: request states, queues and the reasons recorded for reports. Each
 * list has labels in plain words, because the screens and the reports show them to staff.
 */

export const REQUEST_STATUSES = ['PENDING_OWNER', 'PENDING_HUB', 'APPROVED', 'DENIED', 'WITHDRAWN'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const PENDING_STATUSES: readonly RequestStatus[] = ['PENDING_OWNER', 'PENDING_HUB'];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  PENDING_OWNER: 'Waiting for the offender manager',
  PENDING_HUB: 'Waiting for the NPS hub',
  APPROVED: 'Approved',
  DENIED: 'Refused',
  WITHDRAWN: 'Withdrawn',
};

export const QUEUES = ['OWNER', 'HUB'] as const;
export type Queue = (typeof QUEUES)[number];

/**
 * Why a request sits with the hub rather than (or as well as) the owner. NEEDED_SOON: needed-by is
 * too close for the owner and then the hub to take turns (an immediate-safety request with no
 * needed-by is needed within its SLA), so both have it at once.
 * REQUESTER_IS_ONLY_DECIDER: the only one who could decide it for the owner is the requester.
 */
export const HUB_REASONS = ['OWNER_ABSENT', 'OWNER_INACTIVE', 'NO_OWNER', 'DEADLINE_MISSED', 'NEEDED_SOON', 'REQUESTER_IS_ONLY_DECIDER'] as const;
export type HubReason = (typeof HUB_REASONS)[number];

/** Who made a decision: the owner, one of their deputies, or the hub. */
export const DECISION_ROUTES = ['OWNER', 'DEPUTY', 'HUB'] as const;
export type DecisionRoute = (typeof DECISION_ROUTES)[number];

export const DENY_REASON_CODES = [
  'NOT_NEEDED_FOR_PURPOSE',
  'INSUFFICIENT_JUSTIFICATION',
  'SCOPE_TOO_WIDE',
  'LAO',
  'NOT_OUR_CASE',
  'SAFETY_CONCERN',
  'OTHER',
] as const;
export type DenyReasonCode = (typeof DENY_REASON_CODES)[number];

export const DENY_REASON_LABELS: Record<DenyReasonCode, string> = {
  NOT_NEEDED_FOR_PURPOSE: 'Not needed for the stated purpose',
  INSUFFICIENT_JUSTIFICATION: 'The justification is not enough',
  SCOPE_TOO_WIDE: 'More of the record than the work needs',
  LAO: 'Limited access offender',
  NOT_OUR_CASE: 'Not a case this office holds',
  SAFETY_CONCERN: 'Sharing would put someone at risk',
  OTHER: 'Other (see the reason)',
};

export const PURPOSES = [
  'PROGRAMME_DELIVERY',
  'REQUIREMENT_DELIVERY',
  'UNPAID_WORK_PLACEMENT',
  'APPOINTMENT_SAFETY',
  'HOME_VISIT',
  'RISK_REVIEW',
  'OTHER',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_LABELS: Record<Purpose, string> = {
  PROGRAMME_DELIVERY: 'Delivering an accredited programme',
  REQUIREMENT_DELIVERY: 'Delivering a requirement',
  UNPAID_WORK_PLACEMENT: 'Unpaid work placement',
  APPOINTMENT_SAFETY: 'Safety before an appointment',
  HOME_VISIT: 'Home visit',
  RISK_REVIEW: 'Required risk review',
  OTHER: 'Other (see the justification)',
};

/** How somebody came to see a record: a grant, an allocation, owning the case, or break-glass. */
export const ACCESS_ROUTES = ['GRANT', 'ALLOCATION', 'OWNER', 'EMERGENCY'] as const;
export type AccessRoute = (typeof ACCESS_ROUTES)[number];

export const GRANT_KINDS = ['REQUEST', 'EMERGENCY'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

/** A grant's state at a moment; SUSPENDED means in date but the grantee is inactive or excluded. */
export const GRANT_STATES = ['SCHEDULED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'REVOKED'] as const;
export type GrantState = (typeof GRANT_STATES)[number];

export const EMERGENCY_REASONS = [
  'PERSON_ATTENDING_NOW',
  'HOME_VISIT_IMMINENT',
  'THREAT_OR_INCIDENT',
  'SAFEGUARDING_CONCERN',
  'OTHER',
] as const;
export type EmergencyReason = (typeof EMERGENCY_REASONS)[number];

export const EMERGENCY_REASON_LABELS: Record<EmergencyReason, string> = {
  PERSON_ATTENDING_NOW: 'The person is attending now or within the hour',
  HOME_VISIT_IMMINENT: 'A home visit is about to take place',
  THREAT_OR_INCIDENT: 'A threat has been made or an incident is under way',
  SAFEGUARDING_CONCERN: 'A safeguarding concern needs action now',
  OTHER: 'Other (explain)',
};

export const EMERGENCY_REVIEW_OUTCOMES = ['JUSTIFIED', 'JUSTIFIED_WITH_ADVICE', 'NOT_JUSTIFIED_REFERRED'] as const;
export type EmergencyReviewOutcome = (typeof EMERGENCY_REVIEW_OUTCOMES)[number];

export const EMERGENCY_REVIEW_OUTCOME_LABELS: Record<EmergencyReviewOutcome, string> = {
  JUSTIFIED: 'Justified',
  JUSTIFIED_WITH_ADVICE: 'Justified, advice given',
  NOT_JUSTIFIED_REFERRED: 'Not justified, referred to the line manager',
};

export const NOTIFICATION_KINDS = [
  'REQUEST_NEW',
  'REQUEST_ESCALATED',
  'REQUEST_REROUTED',
  'REQUEST_APPROVED',
  'REQUEST_DENIED',
  'REQUEST_WITHDRAWN',
  'REQUEST_CLOSED',
  'REVIEW_ASKED',
  'REVIEW_DECIDED',
  'GRANT_EXPIRING_24H',
  'GRANT_EXPIRING_1H',
  'GRANT_ENDED',
  'GRANT_REVOKED',
  'EMERGENCY_USED',
  'CLOCK_ROLLBACK',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const LAO_LIST_KINDS = ['EXCLUSION', 'RESTRICTION'] as const;
export type LaoListKind = (typeof LAO_LIST_KINDS)[number];
