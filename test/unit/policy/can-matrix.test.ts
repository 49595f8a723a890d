/**
 * The policy as a full matrix: every role set × action × relationship × request or grant state.
 * The expectations are written here a second time, straight from the broker rules in DESIGN.md,
 * and every combination must agree with `can`.
 */
import { describe, expect, it } from 'vitest';
import { can, ACTIONS, type Action } from '../../../electron/core/policy/can';
import type { Actor } from '../../../electron/core/policy/actor';
import type { CaseRelationship, GrantResource, RecordResource, RefusalReviewResource, RequestResource } from '../../../electron/core/policy/resources';
import { SCOPES, type Role, type Scope } from '../../../shared/domain/access';
import { GRANT_STATES, REQUEST_STATUSES, type GrantState, type RequestStatus } from '../../../shared/contract/vocabulary';

const NOW = Date.UTC(2026, 2, 2, 10);
const HOUR = 3_600_000;
const ROLE_SETS: Role[][] = [[], ['crc-practitioner'], ['nps-offender-manager'], ['hub'], ['hub', 'lao-admin'], ['admin'], ['lao-admin']];
const RELATIONSHIPS: CaseRelationship[] = ['OWNER', 'DEPUTY', 'NONE'];
const BOOLS = [false, true];

const actor = (roles: Role[], active = true): Actor => ({ userId: 7, username: 'someone', displayName: 'Some One', roles, staffCode: 'N07T01Z', active });
const has = (roles: Role[], r: Role) => roles.includes(r);
const pending = (s: RequestStatus) => s === 'PENDING_OWNER' || s === 'PENDING_HUB';

function* requests(): Generator<RequestResource> {
  for (const relationship of RELATIONSHIPS)
    for (const isRequester of BOOLS)
      for (const status of REQUEST_STATUSES)
        for (const overdue of BOOLS)
          for (const restricted of BOOLS)
            for (const excluded of BOOLS)
              for (const requesterExcluded of BOOLS)
                for (const neededSoon of BOOLS)
                  yield {
                    kind: 'request', relationship, isRequester, status, restricted, excluded, requesterExcluded, onAllowList: false,
                    deadline: overdue ? NOW - 1 : NOW + HOUR, neededBy: neededSoon ? NOW + HOUR : NOW + 24 * HOUR, urgency: 'ROUTINE',
                    emergencyWindowMinutes: 240, emergencyOpen: false,
                  };
}

/** DESIGN.md: who may decide a request. */
function mayDecide(roles: Role[], q: RequestResource, approving: boolean): boolean {
  if (q.isRequester || !pending(q.status) || q.excluded) return false;
  const om = has(roles, 'nps-offender-manager');
  const asOwner = q.relationship === 'OWNER' && om;
  const asDeputy = q.relationship === 'DEPUTY' && om && !q.restricted;
  const hubTurn = q.status === 'PENDING_HUB' || q.deadline <= NOW;
  const asHub = has(roles, 'hub') && hubTurn && (!q.restricted || has(roles, 'lao-admin'));
  if (!(asOwner || asDeputy || asHub)) return false;
  return !(approving && q.requesterExcluded);
}

function mayOpenEmergency(q: RequestResource): boolean {
  return q.isRequester && !q.excluded && !q.restricted && pending(q.status) && q.neededBy! - NOW <= 4 * HOUR;
}

const decider = (roles: Role[], rel: CaseRelationship) => (rel !== 'NONE' && has(roles, 'nps-offender-manager')) || has(roles, 'hub') || has(roles, 'admin');

describe('can(): requests', () => {
  it('agrees with the broker rules for every role, relationship and request state', () => {
    let checked = 0;
    for (const roles of ROLE_SETS) {
      for (const q of requests()) {
        const a = actor(roles);
        const expected: Record<string, boolean> = {
          'request.view': q.isRequester || decider(roles, q.relationship),
          'request.withdraw': q.isRequester && pending(q.status),
          'request.approve': mayDecide(roles, q, true),
          'request.deny': mayDecide(roles, q, false),
          'emergency.open': mayOpenEmergency(q),
        };
        for (const [action, allowed] of Object.entries(expected)) {
          expect(can(a, action as 'request.view', q, NOW).allowed, `${roles.join('+') || 'no role'} ${action} ${JSON.stringify(q)}`).toBe(allowed);
          expect(can(actor(roles, false), action as 'request.view', q, NOW).allowed).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBe(ROLE_SETS.length * 3 * 2 * 5 * 2 * 2 * 2 * 2 * 2 * 5);
  });

  it('answers with the reason a person needs to see', () => {
    const base = [...requests()][0]!;
    const q = (over: Partial<RequestResource>): RequestResource => ({ ...base, relationship: 'OWNER', isRequester: false, status: 'PENDING_OWNER', excluded: false, restricted: false, requesterExcluded: false, ...over });
    const om = actor(['nps-offender-manager']);
    const code = (a: Actor, action: 'request.approve', r: RequestResource) => {
      const v = can(a, action, r, NOW);
      return v.allowed ? 'ALLOWED' : v.code;
    };
    expect(code(om, 'request.approve', q({}))).toBe('ALLOWED');
    expect(code(om, 'request.approve', q({ isRequester: true }))).toBe('OWN_REQUEST');
    expect(code(om, 'request.approve', q({ status: 'APPROVED' }))).toBe('ALREADY_DECIDED');
    expect(code(om, 'request.approve', q({ requesterExcluded: true }))).toBe('ACCESS_EXCLUDED');
    expect(code(om, 'request.approve', q({ relationship: 'DEPUTY', restricted: true }))).toBe('ACCESS_RESTRICTED');
    expect(code(actor(['hub']), 'request.approve', q({ relationship: 'NONE', status: 'PENDING_HUB', restricted: true }))).toBe('ACCESS_RESTRICTED');
    expect(code(actor(['crc-practitioner']), 'request.approve', q({ relationship: 'NONE' }))).toBe('FORBIDDEN');
    expect(code(actor(['nps-offender-manager'], false), 'request.approve', q({}))).toBe('ACCOUNT_INACTIVE');
  });
});

describe('can(): grants', () => {
  it('agrees with the rules for every role, relationship and grant state', () => {
    for (const roles of ROLE_SETS)
      for (const relationship of RELATIONSHIPS)
        for (const isGrantee of BOOLS)
          for (const state of GRANT_STATES)
            for (const excluded of BOOLS) {
              const g: GrantResource = { kind: 'grant', relationship, isGrantee, state, excluded };
              const live = (s: GrantState) => s === 'ACTIVE' || s === 'SCHEDULED' || s === 'SUSPENDED';
              const expected = {
                'grant.view': isGrantee || decider(roles, relationship),
                'grant.revoke': decider(roles, relationship) && live(state),
                'grant.extend': isGrantee && !excluded && (state === 'ACTIVE' || state === 'SCHEDULED'),
              };
              for (const [action, allowed] of Object.entries(expected)) {
                expect(can(actor(roles), action as 'grant.view', g, NOW).allowed, `${roles.join('+')} ${action} ${JSON.stringify(g)}`).toBe(allowed);
              }
            }
  });
});

describe('can(): reading a record', () => {
  it('allows exactly the access an owner, a grant or an allocation confers, never past an exclusion, restriction or paused clock', () => {
    for (const roles of ROLE_SETS)
      for (const owner of BOOLS)
        for (const grantScope of [null, ...SCOPES] as (Scope | null)[])
          for (const grantIsEmergency of BOOLS)
            for (const allocation of BOOLS)
              for (const excluded of BOOLS)
                for (const restricted of BOOLS)
                  for (const onAllowList of BOOLS)
                    for (const readsPaused of BOOLS) {
                      const r: RecordResource = { kind: 'record', owner, grantScope, grantIsEmergency: grantScope !== null && grantIsEmergency, allocation, excluded, restricted, onAllowList, readsPaused };
                      const listed = !restricted || onAllowList;
                      const grantUsable = grantScope !== null && (listed || !r.grantIsEmergency);
                      const allocationUsable = allocation && listed;
                      let scope: Scope | null = owner ? 'FULL_RECORD' : null;
                      if (!owner && grantUsable) scope = grantScope;
                      if (!owner && allocationUsable && scope === null) scope = 'FRONT_SHEET';
                      const allowed = !excluded && scope !== null && (owner || !readsPaused);
                      const v = can(actor(roles), 'record.read', r, NOW);
                      expect(v.allowed, JSON.stringify(r)).toBe(allowed);
                      if (v.allowed) expect(v.scope).toBe(scope);
                    }
  });
});

describe('can(): role-only actions', () => {
  const ROLE_ACTIONS: Partial<Record<Action, (roles: Role[]) => boolean>> = {
    'people.search': () => true,
    'staff.search': () => true,
    'own.lists': () => true,
    'inbox.view': (r) => has(r, 'nps-offender-manager'),
    'caseload.view': (r) => has(r, 'nps-offender-manager'),
    'hub.queue': (r) => has(r, 'hub'),
    'emergency.reviewQueue': (r) => has(r, 'hub'),
    'admin.users': (r) => has(r, 'admin'),
    'admin.policy': (r) => has(r, 'admin'),
    'admin.import': (r) => has(r, 'admin'),
    'admin.transfer': (r) => has(r, 'admin'),
    'admin.audit': (r) => has(r, 'admin'),
    'admin.clock': (r) => has(r, 'admin'),
    'lao.view': (r) => has(r, 'admin') || has(r, 'lao-admin'),
    'lao.manage': (r) => has(r, 'lao-admin'),
  };

  it('gives each role exactly its own screens', () => {
    for (const roles of ROLE_SETS)
      for (const [action, rule] of Object.entries(ROLE_ACTIONS)) {
        expect(can(actor(roles), action as 'people.search', { kind: 'system' }, NOW).allowed, `${roles.join('+')} ${action}`).toBe(rule(roles));
      }
  });

  it('covers every action the policy knows', () => {
    const covered = new Set([...Object.keys(ROLE_ACTIONS), 'request.view', 'request.withdraw', 'request.approve', 'request.deny', 'emergency.open', 'grant.view', 'grant.revoke', 'grant.extend', 'record.read',
      'person.view', 'person.viewRisk', 'person.whoCanSee', 'request.create', 'emergency.review', 'absence.manage', 'deputy.manage', 'reports.view',
      'refusal.askReview', 'refusal.review', 'refusal.reviewQueue']);
    expect([...ACTIONS].sort()).toEqual([...covered].sort());
  });

  it('lets owners and administrators manage absences and deputies: owners their own, administrators anyone\'s', () => {
    for (const roles of ROLE_SETS)
      for (const isSelf of BOOLS)
        for (const action of ['absence.manage', 'deputy.manage'] as const) {
          const expected = (isSelf && has(roles, 'nps-offender-manager')) || has(roles, 'admin');
          expect(can(actor(roles), action, { kind: 'staff', isSelf }, NOW).allowed).toBe(expected);
        }
  });

  it('lets hub staff review emergency uses once, never their own', () => {
    for (const roles of ROLE_SETS)
      for (const isUser of BOOLS)
        for (const reviewed of BOOLS) {
          const expected = has(roles, 'hub') && !isUser && !reviewed;
          expect(can(actor(roles), 'emergency.review', { kind: 'emergencyUse', isUser, reviewed }, NOW).allowed).toBe(expected);
        }
  });
});

describe('can(): reviews of refusals', () => {
  function* reviews(): Generator<RefusalReviewResource> {
    for (const isRequester of BOOLS)
      for (const isOriginalDecider of BOOLS)
        for (const refused of BOOLS)
          for (const reviewAsked of BOOLS)
            for (const reviewDecided of BOOLS)
              for (const ownerTeamSpo of BOOLS)
                for (const excluded of BOOLS)
                  for (const requesterExcluded of BOOLS)
                    yield { kind: 'refusalReview', isRequester, isOriginalDecider, refused, reviewAsked, reviewDecided, ownerTeamSpo, excluded, requesterExcluded };
  }

  it('lets a refused requester ask once for a review, and only the hub or an SPO of the owner\'s team decide it, never the one who refused', () => {
    let checked = 0;
    for (const roles of ROLE_SETS)
      for (const v of reviews()) {
        const a = actor(roles);
        const mayAsk = v.isRequester && v.refused && !v.reviewAsked && !v.requesterExcluded;
        expect(can(a, 'refusal.askReview', v, NOW).allowed, `${roles.join('+')} ask ${JSON.stringify(v)}`).toBe(mayAsk);
        const reviewer = has(roles, 'hub') || (has(roles, 'nps-offender-manager') && v.ownerTeamSpo);
        const mayReview = reviewer && !v.isRequester && !v.isOriginalDecider && v.refused && v.reviewAsked && !v.reviewDecided && !v.excluded;
        expect(can(a, 'refusal.review', v, NOW).allowed, `${roles.join('+')} review ${JSON.stringify(v)}`).toBe(mayReview);
        checked++;
      }
    expect(checked).toBe(ROLE_SETS.length * 256);
  });

  it('shows the queue of refusals to review to hub staff and NPS senior probation officers only', () => {
    for (const roles of ROLE_SETS)
      for (const npsSeniorManager of BOOLS) {
        const expected = has(roles, 'hub') || (has(roles, 'nps-offender-manager') && npsSeniorManager);
        expect(can(actor(roles), 'refusal.reviewQueue', { kind: 'reports', npsSeniorManager }, NOW).allowed).toBe(expected);
      }
  });
});

describe('can(): people', () => {
  it('lets practitioners and offender managers ask, never for an excluded person or their own case; shows the risk summary only to deciders', () => {
    for (const roles of ROLE_SETS)
      for (const relationship of RELATIONSHIPS)
        for (const excluded of BOOLS)
          for (const restricted of BOOLS)
            for (const onAllowList of BOOLS)
              for (const withHub of BOOLS) {
                const p = { kind: 'person' as const, relationship, excluded, restricted, onAllowList, withHub };
                const a = actor(roles);
                const mayAsk = (has(roles, 'crc-practitioner') || has(roles, 'nps-offender-manager')) && !excluded && relationship !== 'OWNER';
                expect(can(a, 'request.create', p, NOW).allowed).toBe(mayAsk);
                expect(can(a, 'person.view', p, NOW).allowed).toBe(!excluded);
                const owner = relationship === 'OWNER' && has(roles, 'nps-offender-manager');
                const deputy = relationship === 'DEPUTY' && has(roles, 'nps-offender-manager');
                const hubWorking = has(roles, 'hub') && withHub;
                const throughRestriction = !restricted || onAllowList || (has(roles, 'hub') && has(roles, 'lao-admin'));
                const maySeeRisk = !excluded && (owner || (throughRestriction && (deputy || hubWorking)));
                expect(can(a, 'person.viewRisk', p, NOW).allowed, `${roles.join('+')} ${JSON.stringify(p)}`).toBe(maySeeRisk);
                expect(can(a, 'person.whoCanSee', p, NOW).allowed).toBe(!excluded && decider(roles, relationship));
              }
  });
});
