/** The primary navigation: each role's screens, in the order that role works through them. */
import type { SessionUser } from '../../../shared/contract/common';
import type { Role } from '../../../shared/domain/access';

export interface NavItem {
  href: string;
  label: string;
  /** Path prefixes that count as "in" this section, for aria-current. */
  matches: string[];
  roles: Role[];
}

export const NAV_ITEMS: NavItem[] = [
  { href: '#/people', label: 'Find a person', matches: ['/people', '/records'], roles: ['crc-practitioner'] },
  { href: '#/requests', label: 'My requests', matches: ['/requests'], roles: ['crc-practitioner'] },
  { href: '#/grants', label: 'My access', matches: ['/grants'], roles: ['crc-practitioner'] },
  { href: '#/inbox', label: 'Requests to decide', matches: ['/inbox', '/decide'], roles: ['nps-offender-manager'] },
  { href: '#/caseload', label: 'My caseload', matches: ['/caseload'], roles: ['nps-offender-manager'] },
  { href: '#/absences', label: 'Absences and deputies', matches: ['/absences'], roles: ['nps-offender-manager'] },
  { href: '#/hub', label: 'Hub queue', matches: ['/hub'], roles: ['hub'] },
  { href: '#/emergency-reviews', label: 'Emergency reviews', matches: ['/emergency-reviews'], roles: ['hub'] },
  { href: '#/reviews', label: 'Refusal reviews', matches: ['/reviews'], roles: ['hub'] },
  { href: '#/admin/users', label: 'Users', matches: ['/admin/users'], roles: ['admin'] },
  { href: '#/admin/import', label: 'Import', matches: ['/admin/import'], roles: ['admin'] },
  { href: '#/admin/policy', label: 'Policy', matches: ['/admin/policy'], roles: ['admin'] },
  { href: '#/admin/audit', label: 'Audit', matches: ['/admin/audit', '/admin/clock'], roles: ['admin'] },
  { href: '#/admin/lao', label: 'LAO lists', matches: ['/admin/lao'], roles: ['lao-admin'] },
  { href: '#/reports', label: 'Reports', matches: ['/reports'], roles: ['hub', 'admin', 'nps-offender-manager'] },
];

export const navItemsFor = (user: SessionUser): NavItem[] => NAV_ITEMS.filter((item) => item.roles.some((r) => user.roles.includes(r)));

/** Where a person lands after signing in: the main screen of their first role. */
export function homeFor(user: SessionUser): string {
  const first = navItemsFor(user)[0];
  return first ? first.href.slice(1) : '/notifications';
}

export const isCurrent = (item: NavItem, path: string): boolean =>
  item.matches.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
