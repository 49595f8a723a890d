/**
 * The facts the policy decides on. Services gather them from the store (impure); `can` only reads
 * them (pure), so the whole policy can be tested as a matrix without a database.
 */
import type { Scope } from '../../../shared/domain/access';
import type { GrantState, RequestStatus } from '../../../shared/contract/vocabulary';

/** How the actor stands to a person's case. OWNER and DEPUTY mean "available to decide for it". */
export type CaseRelationship = 'OWNER' | 'DEPUTY' | 'NONE';

export interface LaoFacts {
  /** The actor is excluded from this person now. */
  excluded: boolean;
  /** Some restriction (allow-list) is active on this person now. */
  restricted: boolean;
  /** The actor is on the person's allow-list now. */
  onAllowList: boolean;
}

export interface SystemResource {
  kind: 'system';
}

export interface StaffResource {
  kind: 'staff';
  /** The staff record is the actor's own. */
  isSelf: boolean;
}

export interface PersonResource extends LaoFacts {
  kind: 'person';
  relationship: CaseRelationship;
  /** A request for this person is with the hub (or past its deadline): hub staff are working it. */
  withHub: boolean;
}

export interface RequestResource extends LaoFacts {
  kind: 'request';
  isRequester: boolean;
  relationship: CaseRelationship;
  status: RequestStatus;
  deadline: number;
  neededBy: number | null;
  urgency: string;
  /** The requester is excluded from the person now: nobody may grant. */
  requesterExcluded: boolean;
  /** Minutes before needed-by within which emergency access opens (policy). */
  emergencyWindowMinutes: number;
  /** The requester already holds a live emergency grant for this request. */
  emergencyOpen: boolean;
}

export interface GrantResource {
  kind: 'grant';
  isGrantee: boolean;
  relationship: CaseRelationship;
  state: GrantState;
  excluded: boolean;
}

export interface RecordResource extends LaoFacts {
  kind: 'record';
  /** The actor owns the case (reads it fully, needs no grant). */
  owner: boolean;
  /** Widest scope of the actor's active grants (request or emergency), if any. */
  grantScope: Scope | null;
  grantIsEmergency: boolean;
  /** The actor has an active allocation for the person (front sheet without a grant). */
  allocation: boolean;
  /** Grant-dependent reads are paused after the clock went back. */
  readsPaused: boolean;
}

/** A refused request, as far as asking for and deciding a review of the refusal goes. */
export interface RefusalReviewResource {
  kind: 'refusalReview';
  isRequester: boolean;
  /** The actor made the refusal under review. */
  isOriginalDecider: boolean;
  refused: boolean;
  reviewAsked: boolean;
  reviewDecided: boolean;
  /** The actor is an NPS senior probation officer in the team of the case's owner. */
  ownerTeamSpo: boolean;
  /** The actor is excluded from the person (LAO). */
  excluded: boolean;
  /** The requester is excluded from the person now: nobody may grant. */
  requesterExcluded: boolean;
}

export interface EmergencyUseResource {
  kind: 'emergencyUse';
  isUser: boolean;
  reviewed: boolean;
}

/** Reports show management figures about colleagues: the viewer's grade matters, not a case. */
export interface ReportsResource {
  kind: 'reports';
  /** The actor's staff record is a senior probation officer (SPO) in the NPS. */
  npsSeniorManager: boolean;
}

export type Resource =
  | ReportsResource
  | SystemResource
  | StaffResource
  | PersonResource
  | RequestResource
  | GrantResource
  | RecordResource
  | RefusalReviewResource
  | EmergencyUseResource;

export const SYSTEM: SystemResource = { kind: 'system' };
