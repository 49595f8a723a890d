/**
 * Whether a set of roles fits the staff member an account is linked to. One rule for creating an
 * account and for changing its roles, so an administrator cannot reach by a role change an
 * account that creation would refuse.
 */
import type { Db } from '../store/sql';
import type { Role } from '../../../shared/domain/access';
import { STAFF_CODE_PATTERN } from '../../../shared/domain/identifiers';
import { AppError } from '../../../shared/errors';
import { one, sql } from '../store/sql';
import { checkRoles, ROLE_SECTOR } from './account-rules';

export interface LinkedStaff {
  forename: string;
  surname: string;
  active: number;
  sector: 'NPS' | 'CRC';
  grade: string;
}

export interface CheckedRoles {
  roles: Role[];
  /** The staff member the account is for, or null for an account that is nobody's on the staff list. */
  staff: LinkedStaff | null;
}

/**
 * Checks the roles themselves, then that each role acting as a member of staff has one, in the
 * sector the role acts for: a CRC practitioner requests as CRC staff; owners and the hub decide
 * as NPS staff. Throws ROLE_INVALID, STAFF_NOT_FOUND or ROLE_STAFF_MISMATCH.
 */
export async function checkAccountRoles(db: Db, requested: readonly string[], staffCode: string | null): Promise<CheckedRoles> {
  const roles = checkRoles(requested);
  if (staffCode === null) {
    const needing = roles.filter((r) => ROLE_SECTOR[r]);
    if (needing.length > 0) {
      throw new AppError('ROLE_STAFF_MISMATCH', `The role ${needing[0]} acts as a member of staff: give the staff code of the person the account is for.`);
    }
    return { roles, staff: null };
  }
  const staff = await linkedStaff(db, staffCode);
  for (const role of roles) {
    const sector = ROLE_SECTOR[role];
    if (sector && staff.sector !== sector) {
      throw new AppError('ROLE_STAFF_MISMATCH', `The role ${role} is for ${sector} staff, but ${staffCode} works for a ${staff.sector} provider.`);
    }
  }
  return { roles, staff };
}

async function linkedStaff(db: Db, code: string): Promise<LinkedStaff> {
  if (!STAFF_CODE_PATTERN.test(code)) {
    throw new AppError('STAFF_NOT_FOUND', `${JSON.stringify(code)} is not a staff code (7 letters or digits, e.g. N07T01A).`);
  }
  const facts = await one<LinkedStaff>(
    db,
    sql`SELECT s.forename, s.surname, s.active, s.grade, p.sector FROM staff s
          JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code
         WHERE s.code = ${code}`,
  );
  if (!facts) throw new AppError('STAFF_NOT_FOUND', `There is no staff member ${code} in the store. Import the staff records first.`);
  return facts;
}
