/**
 * Changing an account's roles follows the rules for creating one: a role that acts as a member of
 * staff needs a staff member in the sector it acts for. A change that creation would refuse is
 * refused with the same code and message, and leaves the roles and the audit log as they were.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain/access';
import { all, one, sql } from '../../../electron/core/store/sql';
import { CAST, PASSWORD, useBrokerFixture, type BrokerFixture, type CastName } from '../../helpers/broker-fixture';

const fixture = useBrokerFixture();

const rolesOf = async (fx: BrokerFixture, userId: number): Promise<string[]> =>
  (await all<{ role: string }>(fx.engine, sql`SELECT role FROM user_roles WHERE user_id = ${userId} ORDER BY role`)).map((r) => r.role);

const lastAuditSeq = async (fx: BrokerFixture): Promise<number> => Number((await one<{ seq: number }>(fx.engine, sql`SELECT coalesce(max(seq), 0) AS seq FROM audit_events`))!.seq);

const auditedSince = async (fx: BrokerFixture, seq: number): Promise<string[]> =>
  (await all<{ action: string }>(fx.engine, sql`SELECT action FROM audit_events WHERE seq > ${seq} ORDER BY seq`)).map((e) => e.action);

/** What creating an account for the same staff member with these roles answers. */
async function creationRefusal(fx: BrokerFixture, staffCode: string | null, roles: Role[]) {
  const r = await fx.attempt('ada', 'admin.createUser', { username: 'another.account', displayName: 'Another Account', staffCode, roles, password: 'a long enough password', confirmPassword: PASSWORD });
  expect(r.ok, 'creation refuses these roles').toBe(false);
  return r.ok ? null : r.error;
}

async function expectRefusedLikeCreation(fx: BrokerFixture, userId: number, staffCode: string | null, roles: Role[]): Promise<string> {
  const refusal = await creationRefusal(fx, staffCode, roles);
  const rolesBefore = await rolesOf(fx, userId);
  const auditBefore = await lastAuditSeq(fx);
  const change = await fx.attempt('ada', 'admin.setRoles', { userId, roles, confirmPassword: PASSWORD });
  expect(change).toEqual({ ok: false, error: refusal });
  expect(await rolesOf(fx, userId), 'roles unchanged').toEqual(rolesBefore);
  // The administrator's password was confirmed (and that is audited); no role change is.
  expect(await auditedSince(fx, auditBefore)).toEqual(['auth.reauth']);
  return refusal!.message;
}

const cast = (fx: BrokerFixture, who: CastName) => ({ userId: fx.users[who].userId, staffCode: CAST[who].staffCode });

describe('changing an account’s roles', () => {
  it('refuses the hub role for CRC staff, as creating the account would', async () => {
    const fx = await fixture();
    const { userId, staffCode } = cast(fx, 'priya');
    const message = await expectRefusedLikeCreation(fx, userId, staffCode, ['crc-practitioner', 'hub']);
    expect(message).toBe('The role hub is for NPS staff, but C17T01A works for a CRC provider.');
  });

  it('refuses the offender manager role for CRC staff and the practitioner role for NPS staff', async () => {
    const fx = await fixture();
    const alan = cast(fx, 'alan');
    expect(await expectRefusedLikeCreation(fx, alan.userId, alan.staffCode, ['nps-offender-manager'])).toBe(
      'The role nps-offender-manager is for NPS staff, but C17T01B works for a CRC provider.',
    );
    const olivia = cast(fx, 'olivia');
    expect(await expectRefusedLikeCreation(fx, olivia.userId, olivia.staffCode, ['nps-offender-manager', 'crc-practitioner'])).toBe(
      'The role crc-practitioner is for CRC staff, but N07T01A works for a NPS provider.',
    );
  });

  it('refuses a role acting as staff for an account linked to nobody on the staff list', async () => {
    const fx = await fixture();
    const auditor = await fx.call('ada', 'admin.createUser', { username: 'auditor', displayName: 'Auditor', staffCode: null, roles: ['admin'], password: 'a long enough password', confirmPassword: PASSWORD });
    expect(await expectRefusedLikeCreation(fx, auditor.userId, null, ['admin', 'hub'])).toBe(
      'The role hub acts as a member of staff: give the staff code of the person the account is for.',
    );
  });

  it('refuses to leave an account with no roles, as creation does', async () => {
    const fx = await fixture();
    const { userId } = cast(fx, 'priya');
    const refusal = await creationRefusal(fx, CAST.priya.staffCode, []);
    expect(await fx.attempt('ada', 'admin.setRoles', { userId, roles: [], confirmPassword: PASSWORD })).toEqual({ ok: false, error: refusal });
    expect(await rolesOf(fx, userId)).toEqual(['crc-practitioner']);
  });

  it('makes a change that fits the staff member, and audits it', async () => {
    const fx = await fixture();
    const { userId } = cast(fx, 'olivia');
    const row = await fx.call('ada', 'admin.setRoles', { userId, roles: ['nps-offender-manager', 'lao-admin'], confirmPassword: PASSWORD });
    expect(row.roles).toEqual(['lao-admin', 'nps-offender-manager']);
    const audit = await all<{ details: string }>(fx.engine, sql`SELECT details FROM audit_events WHERE action = 'admin.setRoles' AND subject = ${`user:${userId}`}`);
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ before: ['nps-offender-manager'], after: ['nps-offender-manager', 'lao-admin'] }]);
  });
});
