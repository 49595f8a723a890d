import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../shared/contract/common';
import type { Role } from '../../../shared/domain/access';
import { currentItem, homeFor, mayOpen, navItemsFor, NAV_ITEMS, SCREEN_ROLES, type ScreenKey } from './screen-access';

const user = (roles: Role[]): SessionUser => ({
  userId: 1, username: 'u', displayName: 'U', roles, staffCode: null, sector: null, providerName: null, teamName: null,
});
const ROLES: Role[] = ['crc-practitioner', 'nps-offender-manager', 'hub', 'admin', 'lao-admin'];

/** A path of every screen, as the router addresses it. Notifications sit in the header, not the navigation. */
const PATHS: Record<Exclude<ScreenKey, 'notifications'>, string> = {
  findPerson: '/people', person: '/people/X100001', requestAccess: '/people/X100001/request', record: '/records/X100001',
  myRequests: '/requests', batchRequest: '/requests/batch', request: '/requests/12', emergencyAccess: '/requests/12/emergency',
  myGrants: '/grants', extendGrant: '/grants/3/extend', inbox: '/inbox', decide: '/decide/12', bulkDecide: '/decide-bulk',
  caseload: '/caseload', whoCanSee: '/caseload/X100001', absences: '/absences', hubQueue: '/hub',
  emergencyReviews: '/emergency-reviews', refusalReviews: '/reviews', reports: '/reports', users: '/admin/users', newUser: '/admin/users/new',
  user: '/admin/users/4', import: '/admin/import', policy: '/admin/policy', audit: '/admin/audit', clock: '/admin/clock', lao: '/admin/lao',
};

describe('which roles see which screens', () => {
  it('lands each role on its main screen', () => {
    expect(homeFor(user(['crc-practitioner']))).toBe('/people');
    expect(homeFor(user(['nps-offender-manager']))).toBe('/inbox');
    expect(homeFor(user(['hub', 'lao-admin']))).toBe('/hub');
    expect(homeFor(user(['admin']))).toBe('/admin/users');
  });

  it('offers a navigation item only to the roles that may open its screen', () => {
    for (const role of ROLES) {
      for (const item of navItemsFor(user([role]))) expect(SCREEN_ROLES[item.screen], `${item.label} for ${role}`).toContain(role);
    }
  });

  it('shows the LAO lists to administrators, who may look at them, as well as to LAO administrators', () => {
    expect(navItemsFor(user(['admin'])).map((i) => i.label)).toContain('LAO lists');
    expect(navItemsFor(user(['lao-admin'])).map((i) => i.label)).toContain('LAO lists');
    expect(mayOpen(user(['admin']), 'lao')).toBe(true);
    expect(mayOpen(user(['crc-practitioner']), 'lao')).toBe(false);
  });

  it('highlights exactly one navigation item on every screen each role may open', () => {
    for (const role of ROLES) {
      const items = navItemsFor(user([role]));
      for (const [screen, path] of Object.entries(PATHS) as Array<[ScreenKey, string]>) {
        if (!mayOpen(user([role]), screen)) continue;
        expect(currentItem(items, path), `${screen} (${path}) for ${role}`).toBeDefined();
      }
    }
  });

  it('places a shared screen under the section of the person reaching it', () => {
    expect(currentItem(navItemsFor(user(['hub'])), '/decide/12')?.label).toBe('Hub queue');
    expect(currentItem(navItemsFor(user(['nps-offender-manager'])), '/decide/12')?.label).toBe('Requests to decide');
    expect(currentItem(navItemsFor(user(['crc-practitioner'])), '/records/X100001')?.label).toBe('Find a person');
  });

  it('does not count a path that only starts with the same letters as a section', () => {
    expect(currentItem(NAV_ITEMS, '/peoplex')).toBeUndefined();
  });
});
