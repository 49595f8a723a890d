/**
 * The one authorisation rule book: `can(actor, action, resource, now)`. Pure: it reads only its
 * arguments. Every service call asks it before doing anything, and the answer says why not in the
 * words the person will see.
 */
import type { Scope } from '../../../shared/domain/access';
import type { ErrorCode } from '../../../shared/errors';
import { ERROR_CODES } from '../../../shared/errors';
import type { AccessRoute } from '../../../shared/contract/vocabulary';
import { hasRole, type Actor } from './actor';
import type {
  EmergencyUseResource,
  GrantResource,
  PersonResource,
  RecordResource,
  RefusalReviewResource,
  ReportsResource,
  RequestResource,
  StaffResource,
  SystemResource,
} from './resources';

interface ActionResources {
  'people.search': SystemResource;
  'staff.search': SystemResource;
  'own.lists': SystemResource;
  'person.view': PersonResource;
  'person.viewRisk': PersonResource;
  'person.whoCanSee': PersonResource;
  'request.create': PersonResource;
  'request.view': RequestResource;
  'request.withdraw': RequestResource;
  'request.approve': RequestResource;
  'request.deny': RequestResource;
  'emergency.open': RequestResource;
  'refusal.askReview': RefusalReviewResource;
  'refusal.review': RefusalReviewResource;
  'refusal.reviewQueue': ReportsResource;
  'grant.view': GrantResource;
  'grant.revoke': GrantResource;
  'grant.extend': GrantResource;
  'record.read': RecordResource;
  'inbox.view': SystemResource;
  'caseload.view': SystemResource;
  'hub.queue': SystemResource;
  'emergency.reviewQueue': SystemResource;
  'emergency.review': EmergencyUseResource;
  'absence.manage': StaffResource;
  'deputy.manage': StaffResource;
  'admin.users': SystemResource;
  'admin.policy': SystemResource;
  'admin.import': SystemResource;
  'admin.transfer': SystemResource;
  'admin.audit': SystemResource;
  'admin.clock': SystemResource;
  'lao.view': SystemResource;
  'lao.manage': SystemResource;
  'reports.view': ReportsResource;
}

export type Action = keyof ActionResources;
export const ACTIONS = [
  'people.search', 'staff.search', 'own.lists', 'person.view', 'person.viewRisk', 'person.whoCanSee',
  'request.create', 'request.view', 'request.withdraw', 'request.approve', 'request.deny', 'emergency.open',
  'refusal.askReview', 'refusal.review', 'refusal.reviewQueue', 'grant.view', 'grant.revoke', 'grant.extend', 'record.read', 'inbox.view', 'caseload.view', 'hub.queue',
  'emergency.reviewQueue', 'emergency.review', 'absence.manage', 'deputy.manage', 'admin.users', 'admin.policy',
  'admin.import', 'admin.transfer', 'admin.audit', 'admin.clock', 'lao.view', 'lao.manage', 'reports.view',
] as const satisfies readonly Action[];

export type Verdict =
  | { allowed: true; route?: AccessRoute | 'DEPUTY' | 'HUB' | undefined; scope?: Scope | undefined }
  | { allowed: false; code: ErrorCode; message: string };

const yes = (extra: Omit<Extract<Verdict, { allowed: true }>, 'allowed'> = {}): Verdict => ({ allowed: true, ...extra });
const no = (code: ErrorCode, message: string = ERROR_CODES[code]): Verdict => ({ allowed: false, code, message });
const MINUTE = 60_000;

const isPending = (s: string) => s === 'PENDING_OWNER' || s === 'PENDING_HUB';
const isDecider = (a: Actor) => hasRole(a, 'nps-offender-manager');
const isHub = (a: Actor) => hasRole(a, 'hub');
const isAdmin = (a: Actor) => hasRole(a, 'admin');

function role(actor: Actor, ok: boolean, what: string): Verdict {
  return ok ? yes() : no('FORBIDDEN', `Only ${what} can do that.`);
}

export function can<A extends Action>(actor: Actor, action: A, resource: ActionResources[A], now: number): Verdict {
  if (!actor.active) return no('ACCOUNT_INACTIVE');
  const r = resource as ActionResources[Action];
  switch (action) {
    case 'people.search':
    case 'staff.search':
    case 'own.lists':
      return yes();
    case 'person.view':
      return (r as PersonResource).excluded ? no('ACCESS_EXCLUDED') : yes();
    case 'person.viewRisk':
      return personRisk(actor, r as PersonResource);
    case 'person.whoCanSee': {
      const p = r as PersonResource;
      if (p.excluded) return no('ACCESS_EXCLUDED');
      if ((p.relationship !== 'NONE' && isDecider(actor)) || isHub(actor) || isAdmin(actor)) return yes();
      return no('FORBIDDEN', 'Only the offender manager, a deputy, hub staff or an administrator can see who has access.');
    }
    case 'request.create':
      return createRequest(actor, r as PersonResource);
    case 'request.view': {
      const q = r as RequestResource;
      if (q.isRequester || (q.relationship !== 'NONE' && isDecider(actor)) || isHub(actor) || isAdmin(actor)) return yes();
      return no('NOT_FOUND', 'There is no such request for you.');
    }
    case 'request.withdraw': {
      const q = r as RequestResource;
      if (!q.isRequester) return no('FORBIDDEN', 'Only the person who asked can withdraw a request.');
      return isPending(q.status) ? yes() : no('ALREADY_DECIDED', 'This request has already been decided or withdrawn.');
    }
    case 'request.approve':
    case 'request.deny':
      return decide(actor, action === 'request.approve', r as RequestResource, now);
    case 'emergency.open':
      return emergency(r as RequestResource, now);
    case 'refusal.askReview': {
      const v = r as RefusalReviewResource;
      if (!v.isRequester) return no('REVIEW_NOT_ALLOWED', 'Only the person who asked can ask for a review of a refusal.');
      if (!v.refused) return no('REVIEW_NOT_ALLOWED', 'Only a refused request can be reviewed.');
      if (v.reviewAsked) return no('REVIEW_NOT_ALLOWED', 'A review of this refusal has already been asked for: each refusal is reviewed once.');
      if (v.requesterExcluded) return no('ACCESS_EXCLUDED');
      return yes();
    }
    case 'refusal.review':
      return reviewRefusal(actor, r as RefusalReviewResource);
    case 'refusal.reviewQueue':
      return role(actor, isHub(actor) || (isDecider(actor) && (r as ReportsResource).npsSeniorManager), 'NPS hub staff and senior probation officers');
    case 'grant.view': {
      const g = r as GrantResource;
      if (g.isGrantee || (g.relationship !== 'NONE' && isDecider(actor)) || isHub(actor) || isAdmin(actor)) return yes();
      return no('NOT_FOUND', 'There is no such grant for you.');
    }
    case 'grant.revoke': {
      const g = r as GrantResource;
      if (!((g.relationship !== 'NONE' && isDecider(actor)) || isHub(actor) || isAdmin(actor))) {
        return no('FORBIDDEN', 'Only the offender manager, a deputy, hub staff or an administrator can revoke access.');
      }
      return g.state === 'EXPIRED' || g.state === 'REVOKED' ? no('GRANT_NOT_ACTIVE', `This access has already ${g.state === 'REVOKED' ? 'been revoked' : 'ended'}.`) : yes();
    }
    case 'grant.extend': {
      const g = r as GrantResource;
      if (!g.isGrantee) return no('FORBIDDEN', 'Only the person who holds this access can ask to extend it.');
      if (g.excluded) return no('ACCESS_EXCLUDED');
      return g.state === 'ACTIVE' || g.state === 'SCHEDULED' ? yes() : no('GRANT_NOT_ACTIVE', 'Only current access can be extended; ask for new access instead.');
    }
    case 'record.read':
      return readRecord(r as RecordResource);
    case 'inbox.view':
    case 'caseload.view':
      return role(actor, isDecider(actor), 'NPS offender managers');
    case 'hub.queue':
    case 'emergency.reviewQueue':
      return role(actor, isHub(actor), 'NPS hub staff');
    case 'emergency.review': {
      const e = r as EmergencyUseResource;
      if (!isHub(actor)) return no('FORBIDDEN', 'Only NPS hub staff can review emergency access.');
      if (e.isUser) return no('OWN_REQUEST', 'Nobody may review their own emergency access.');
      return e.reviewed ? no('ALREADY_REVIEWED') : yes();
    }
    case 'absence.manage':
    case 'deputy.manage': {
      const s = r as StaffResource;
      if (s.isSelf && isDecider(actor)) return yes();
      return role(actor, isAdmin(actor), s.isSelf ? 'NPS offender managers and administrators' : 'administrators (for other staff)');
    }
    case 'admin.users':
    case 'admin.policy':
    case 'admin.import':
    case 'admin.transfer':
    case 'admin.audit':
    case 'admin.clock':
      return role(actor, isAdmin(actor), 'administrators');
    case 'lao.view':
      return role(actor, isAdmin(actor) || hasRole(actor, 'lao-admin'), 'administrators and LAO administrators');
    case 'lao.manage':
      return role(actor, hasRole(actor, 'lao-admin'), 'LAO administrators');
    case 'reports.view':
      return role(actor, isHub(actor) || isAdmin(actor) || (isDecider(actor) && (r as ReportsResource).npsSeniorManager), 'senior probation officers, hub staff and administrators');
  }
  return no('FORBIDDEN');
}

function personRisk(actor: Actor, p: PersonResource): Verdict {
  if (p.excluded) return no('ACCESS_EXCLUDED');
  const lao = hasRole(actor, 'lao-admin');
  if (p.relationship === 'OWNER' && isDecider(actor)) return yes();
  if (p.restricted && !p.onAllowList && !(isHub(actor) && lao)) return no('ACCESS_RESTRICTED');
  // Hub staff see it only while they are working a request for this person.
  if ((p.relationship === 'DEPUTY' && isDecider(actor)) || (isHub(actor) && p.withHub)) return yes();
  return no('FORBIDDEN', 'Only those who decide requests for this person can see the risk summary here.');
}

function createRequest(actor: Actor, p: PersonResource): Verdict {
  if (!(hasRole(actor, 'crc-practitioner') || isDecider(actor))) return no('FORBIDDEN', 'Only practitioners and offender managers ask for access.');
  if (actor.staffCode === null) return no('FORBIDDEN', 'Your account is not linked to a staff record, so it cannot ask for access.');
  if (p.excluded) return no('ACCESS_EXCLUDED');
  if (p.relationship === 'OWNER') return no('FORBIDDEN', 'You manage this case already and can read it in full.');
  return yes();
}

function decide(actor: Actor, approving: boolean, q: RequestResource, now: number): Verdict {
  if (q.isRequester) return no('OWN_REQUEST');
  const asOwner = q.relationship === 'OWNER' && isDecider(actor);
  const asDeputy = q.relationship === 'DEPUTY' && isDecider(actor);
  const hubTurn = q.status === 'PENDING_HUB' || (q.status === 'PENDING_OWNER' && q.deadline <= now);
  const asHub = isHub(actor);
  if (!asOwner && !asDeputy && !asHub) return no('FORBIDDEN', 'Only the offender manager, a deputy or the NPS hub can decide this request.');
  if (!isPending(q.status)) return no('ALREADY_DECIDED');
  if (q.excluded) return no('ACCESS_EXCLUDED', 'You are excluded from this record, so you cannot decide requests for it.');
  if (!asOwner && !asDeputy && !hubTurn) {
    return no('FORBIDDEN', 'This request is with the offender manager until its deadline; the hub can decide it after that.');
  }
  if (q.restricted && !asOwner && !(asHub && hasRole(actor, 'lao-admin'))) {
    return no('ACCESS_RESTRICTED', 'This record is restricted: only the offender manager or an LAO administrator in the hub can decide.');
  }
  if (approving && q.requesterExcluded) return no('ACCESS_EXCLUDED', 'The requester is excluded from this record: nobody can grant access.');
  return yes({ route: asOwner ? 'OWNER' : asDeputy ? 'DEPUTY' : 'HUB' });
}

function reviewRefusal(actor: Actor, v: RefusalReviewResource): Verdict {
  if (!(isHub(actor) || (isDecider(actor) && v.ownerTeamSpo))) {
    return no('FORBIDDEN', "Only NPS hub staff or a senior probation officer of the owner's team can review a refusal.");
  }
  if (v.isRequester) return no('OWN_REQUEST');
  // A review is a second pair of eyes: the person who refused cannot review their own refusal.
  if (v.isOriginalDecider) return no('REVIEW_NOT_ALLOWED', 'You made this refusal, so someone else must review it.');
  if (!v.refused || !v.reviewAsked) return no('REVIEW_NOT_ALLOWED', 'No review of a refusal has been asked for on this request.');
  if (v.reviewDecided) return no('REVIEW_NOT_ALLOWED', 'This review has already been decided.');
  if (v.excluded) return no('ACCESS_EXCLUDED', 'You are excluded from this record, so you cannot review requests for it.');
  return yes();
}

function emergency(q: RequestResource, now: number): Verdict {
  if (!q.isRequester) return no('FORBIDDEN', 'Emergency access is only for the person who asked.');
  if (q.excluded) return no('ACCESS_EXCLUDED');
  if (q.restricted && !q.onAllowList) return no('ACCESS_RESTRICTED');
  if (!isPending(q.status)) return no('EMERGENCY_NOT_ALLOWED', 'Emergency access is only for a request that is still waiting for a decision.');
  const neededBy = q.neededBy ?? (q.urgency === 'IMMEDIATE_SAFETY' ? now : null);
  if (neededBy === null || neededBy - now > q.emergencyWindowMinutes * MINUTE) {
    return no('EMERGENCY_NOT_ALLOWED', `Emergency access is only for a request needed within ${q.emergencyWindowMinutes / 60} hours.`);
  }
  if (q.emergencyOpen) return no('EMERGENCY_NOT_ALLOWED', 'Emergency access is already open on this request.');
  return yes();
}

function readRecord(r: RecordResource): Verdict {
  if (r.excluded) return no('ACCESS_EXCLUDED');
  if (r.owner) return yes({ route: 'OWNER', scope: 'FULL_RECORD' });
  const grantOk = r.grantScope !== null;
  // A grant on a restricted record was given by the owner or an LAO administrator, so it stands;
  // an allocation or break-glass does not lift a restriction.
  const allowListed = !r.restricted || r.onAllowList;
  let best: { scope: Scope; route: AccessRoute } | null = null;
  if (grantOk && (allowListed || !r.grantIsEmergency)) best = { scope: r.grantScope!, route: r.grantIsEmergency ? 'EMERGENCY' : 'GRANT' };
  // A grant is always at least the front sheet, so an allocation only helps when there is no usable grant.
  if (r.allocation && allowListed && !best) best = { scope: 'FRONT_SHEET', route: 'ALLOCATION' };
  if (!best) {
    if (r.restricted && !r.onAllowList && (grantOk || r.allocation)) return no('ACCESS_RESTRICTED');
    return no('NO_ACTIVE_GRANT');
  }
  if (r.readsPaused) return no('CLOCK_ROLLBACK');
  return yes(best);
}
