/**
 * Rules for an account that need no store: username shape and the list of roles. Rules that
 * need the store (the staff member exists and fits the role) are in account-roles.ts.
 */
import { ROLES, type Role } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,63}$/;

export function checkUsername(username: string): string {
  if (!USERNAME_PATTERN.test(username)) {
    const hint = /[A-Z]/.test(username) ? ` (try ${JSON.stringify(username.toLowerCase())})` : '';
    throw new AppError('USERNAME_INVALID', `${JSON.stringify(username)} is not a valid username${hint}. A username is 3 to 64 characters: lower-case letters, digits, dots, hyphens or underscores, starting with a letter.`);
  }
  return username;
}

export function checkRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0) throw new AppError('ROLE_INVALID', `An account needs at least one role: ${ROLES.join(', ')}.`);
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r)) {
      throw new AppError('ROLE_INVALID', `${JSON.stringify(r)} is not a role. The roles are: ${ROLES.join(', ')}.`);
    }
  }
  return [...new Set(roles)] as Role[];
}

/**
 * Roles that act on records as a member of staff, and the sector that staff member must work in:
 * a CRC practitioner requests as CRC staff; owners and the hub decide as NPS staff.
 */
export const ROLE_SECTOR: Partial<Record<Role, 'NPS' | 'CRC'>> = {
  'crc-practitioner': 'CRC',
  'nps-offender-manager': 'NPS',
  hub: 'NPS',
};
