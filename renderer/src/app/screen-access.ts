/**
 * The one table of who sees which screen and which navigation item. The router refuses a screen to
 * a role not listed here and the primary navigation shows only the items of the person's roles, so
 * the two can never drift apart. The broker still authorises every call; this table only decides
 * what is offered.
 */
import type { SessionUser } from '../../../shared/contract/common';
import type { Role } from '../../../shared/domain/access';

export type ScreenKey =
  | 'findPerson' | 'person' | 'requestAccess' | 'record' | 'myRequests' | 'batchRequest' | 'request' | 'emergencyAccess'
  | 'myGrants' | 'extendGrant' | 'inbox' | 'decide' | 'bulkDecide' | 'caseload' | 'whoCanSee' | 'absences'
  | 'hubQueue' | 'emergencyReviews' | 'refusalReviews' | 'reports' | 'users' | 'newUser' | 'user' | 'import' | 'policy' | 'audit' | 'clock'
  | 'lao' | 'notifications';

const EVERYONE: Role[] = ['crc-practitioner', 'nps-offender-manager', 'hub', 'admin', 'lao-admin'];
const PRACTITIONER: Role[] = ['crc-practitioner'];
const OWNER: Role[] = ['nps-offender-manager'];
const HUB: Role[] = ['hub'];
const ADMIN: Role[] = ['admin'];

/** Which roles may open each screen. */
export const SCREEN_ROLES: Record<ScreenKey, Role[]> = {
  notifications: EVERYONE,
  findPerson: EVERYONE,
  person: EVERYONE,
  record: EVERYONE,
  requestAccess: PRACTITIONER,
  myRequests: PRACTITIONER,
  batchRequest: PRACTITIONER,
  request: EVERYONE,
  emergencyAccess: PRACTITIONER,
  myGrants: EVERYONE,
  extendGrant: EVERYONE,
  inbox: OWNER,
  decide: [...OWNER, ...HUB],
  bulkDecide: [...OWNER, ...HUB],
  caseload: OWNER,
  whoCanSee: [...OWNER, ...HUB, ...ADMIN],
  absences: OWNER,
  hubQueue: HUB,
  emergencyReviews: HUB,
  // Hub staff, and senior probation officers of the owner's team (the broker checks which).
  refusalReviews: [...HUB, ...OWNER],
  reports: [...HUB, ...ADMIN, ...OWNER],
  users: ADMIN,
  newUser: ADMIN,
  user: ADMIN,
  import: ADMIN,
  policy: ADMIN,
  audit: ADMIN,
  clock: ADMIN,
  // Administrators may look at the lists; the broker lets only LAO administrators change them.
  lao: ['lao-admin', ...ADMIN],
};

export const mayOpen = (user: SessionUser, screen: ScreenKey): boolean => SCREEN_ROLES[screen].some((r) => user.roles.includes(r));

export interface NavItem {
  href: string;
  label: string;
  /** The screen the item opens: the item is shown to the roles that may open that screen... */
  screen: ScreenKey;
  /** ...or to fewer, where everyone may open the screen but only some work from it. */
  shownTo?: Role[];
  /**
   * Path prefixes that count as "in" this section, for aria-current. The first item of the
   * person's own items that matches wins, so a screen shared by two roles (deciding) is placed
   * under the section that person reached it from.
   */
  matches: string[];
}

export const NAV_ITEMS: NavItem[] = [
  { href: '#/people', label: 'Find a person', screen: 'findPerson', shownTo: PRACTITIONER, matches: ['/people', '/records'] },
  { href: '#/requests', label: 'My requests', screen: 'myRequests', matches: ['/requests'] },
  { href: '#/grants', label: 'My access', screen: 'myGrants', shownTo: PRACTITIONER, matches: ['/grants'] },
  { href: '#/inbox', label: 'Requests to decide', screen: 'inbox', matches: ['/inbox', '/decide', '/decide-bulk', '/requests', '/grants', '/reviews'] },
  { href: '#/caseload', label: 'My caseload', screen: 'caseload', matches: ['/caseload', '/people', '/records'] },
  { href: '#/absences', label: 'Absences and deputies', screen: 'absences', matches: ['/absences'] },
  { href: '#/hub', label: 'Hub queue', screen: 'hubQueue', matches: ['/hub', '/decide', '/decide-bulk', '/caseload', '/people', '/records', '/requests', '/grants'] },
  { href: '#/emergency-reviews', label: 'Emergency reviews', screen: 'emergencyReviews', matches: ['/emergency-reviews'] },
  { href: '#/reviews', label: 'Refusal reviews', screen: 'refusalReviews', shownTo: HUB, matches: ['/reviews'] },
  { href: '#/admin/users', label: 'Users', screen: 'users', matches: ['/admin/users', '/caseload', '/people', '/records', '/requests', '/grants'] },
  { href: '#/admin/import', label: 'Import', screen: 'import', matches: ['/admin/import'] },
  { href: '#/admin/policy', label: 'Policy', screen: 'policy', matches: ['/admin/policy'] },
  { href: '#/admin/audit', label: 'Audit', screen: 'audit', matches: ['/admin/audit', '/admin/clock'] },
  { href: '#/admin/lao', label: 'LAO lists', screen: 'lao', matches: ['/admin/lao', '/people', '/records', '/requests', '/grants'] },
  { href: '#/reports', label: 'Reports', screen: 'reports', matches: ['/reports'] },
];

export const navItemsFor = (user: SessionUser): NavItem[] =>
  NAV_ITEMS.filter((item) => mayOpen(user, item.screen) && (item.shownTo ?? EVERYONE).some((r) => user.roles.includes(r)));

/** Where a person lands after signing in: the main screen of their first role. */
export function homeFor(user: SessionUser): string {
  const first = navItemsFor(user)[0];
  return first ? first.href.slice(1) : '/notifications';
}

const inSection = (item: NavItem, path: string): boolean =>
  item.matches.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** The one item of this person's navigation that holds the screen at `path`, if any. */
export function currentItem(items: NavItem[], path: string): NavItem | undefined {
  return items.find((item) => inSection(item, path));
}
