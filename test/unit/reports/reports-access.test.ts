import { describe, expect, it } from 'vitest';
import { can } from '../../../electron/core/policy/can';
import type { Actor } from '../../../electron/core/policy/actor';
import type { Role } from '../../../shared/domain/access';

const NOW = Date.UTC(2026, 2, 2, 10);
const ROLE_SETS: Role[][] = [[], ['crc-practitioner'], ['nps-offender-manager'], ['hub'], ['hub', 'lao-admin'], ['admin'], ['lao-admin']];
const actor = (roles: Role[], active = true): Actor => ({ userId: 7, username: 'someone', displayName: 'Some One', roles, staffCode: 'N07T01Z', active });

describe('who may see reports', () => {
  it('lets hub staff, administrators and NPS senior probation officers see reports, nobody else', () => {
    for (const roles of ROLE_SETS)
      for (const npsSeniorManager of [false, true]) {
        const expected = roles.includes('hub') || roles.includes('admin') || (roles.includes('nps-offender-manager') && npsSeniorManager);
        const verdict = can(actor(roles), 'reports.view', { kind: 'reports', npsSeniorManager }, NOW);
        expect(verdict.allowed, `${roles.join('+') || 'no role'} SPO=${npsSeniorManager}`).toBe(expected);
      }
  });

  it('says who may see reports when it refuses, and refuses inactive accounts', () => {
    const refused = can(actor(['crc-practitioner']), 'reports.view', { kind: 'reports', npsSeniorManager: true }, NOW);
    expect(refused).toMatchObject({ allowed: false, code: 'FORBIDDEN', message: 'Only senior probation officers, hub staff and administrators can do that.' });
    expect(can(actor(['admin'], false), 'reports.view', { kind: 'reports', npsSeniorManager: false }, NOW)).toMatchObject({ allowed: false, code: 'ACCOUNT_INACTIVE' });
  });
});
