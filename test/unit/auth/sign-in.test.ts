import { describe, expect, it } from 'vitest';

import { lockMinutes } from '../../../electron/core/auth/sign-in';
import { DEFAULT_POLICY } from '../../../shared/contract';
import { all, one, run, sql } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';

const fixture = useBrokerFixture({ signedOut: true });

const signIn = (fx: BrokerFixture, password = PASSWORD, username = 'priya') => fx.core.dispatch('auth.signIn', fx.users.priya.conn, { username, password });
const events = async (fx: BrokerFixture, action: string) => await all<{ actor: string; details: string }>(fx.engine, sql`SELECT actor, details FROM audit_events WHERE action = ${action}`);

describe('signing in', () => {
  it('signs in with the right password, audits it, and keeps the session token in the host', async () => {
    const fx = await fixture();
    const r = await signIn(fx);
    expect(r).toMatchObject({ ok: true, value: { state: 'SIGNED_IN', user: { username: 'priya', displayName: 'Priya Practitioner', roles: ['crc-practitioner'], sector: 'CRC', providerName: 'London CRC' } } });
    expect(JSON.stringify(r)).not.toContain(fx.users.priya.conn.sessionId!);
    expect(await events(fx, 'auth.signIn')).toHaveLength(1);
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    const fx = await fixture();
    const unknown = await signIn(fx, PASSWORD, 'nobody');
    const wrong = await signIn(fx, 'wrong password!');
    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect((await events(fx, 'auth.signIn.fail')).map((e) => JSON.parse(e.details).reason)).toEqual(['UNKNOWN_USER', 'BAD_PASSWORD']);
  });

  it('locks the account after 5 failures, for 1, then 2, then 4 minutes', async () => {
    const fx = await fixture();
    for (let i = 0; i < 4; i++) expect(await signIn(fx, 'nope')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await signIn(fx, 'nope')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(await signIn(fx)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    fx.clock.advanceMinutes(1);
    expect(await signIn(fx, 'nope')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    fx.clock.advanceMinutes(1);
    expect(await signIn(fx)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    fx.clock.advanceMinutes(1);
    expect(await signIn(fx)).toMatchObject({ ok: true });
    expect(await one(fx.engine, sql`SELECT failed_attempts, locked_until FROM users WHERE id = ${fx.users.priya.userId}`)).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('doubles the lock for each further failure, up to the cap', () => {
    expect([4, 5, 6, 7, 8, 20].map((n) => lockMinutes(DEFAULT_POLICY, n))).toEqual([0, 1, 2, 4, 8, 60]);
  });

  it('tells an inactive account so only after the right password', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE users SET active = 0 WHERE id = ${fx.users.priya.userId}`);
    expect(await signIn(fx, 'wrong')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await signIn(fx)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_INACTIVE' } });
  });
});

describe('sessions', () => {
  it('refuses session channels before sign-in', async () => {
    const fx = await fixture();
    expect(await fx.core.dispatch('requests.mine', fx.users.priya.conn, {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await fx.core.dispatch('auth.status', fx.users.priya.conn, {})).toEqual({ ok: true, value: { state: 'SIGNED_OUT' } });
  });

  it('locks after 15 idle minutes; the password unlocks it', async () => {
    const fx = await fixture();
    await signIn(fx);
    const conn = fx.users.priya.conn;
    fx.clock.advanceMinutes(14);
    expect(await fx.core.dispatch('requests.mine', conn, {})).toMatchObject({ ok: true });
    fx.clock.advanceMinutes(15);
    expect(await fx.core.dispatch('requests.mine', conn, {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await fx.core.dispatch('auth.status', conn, {})).toMatchObject({ ok: true, value: { state: 'LOCKED', user: { username: 'priya' } } });
    expect(await fx.core.dispatch('auth.unlock', conn, { password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await fx.core.dispatch('auth.unlock', conn, { password: PASSWORD })).toMatchObject({ ok: true, value: { state: 'SIGNED_IN' } });
    expect(await fx.core.dispatch('requests.mine', conn, {})).toMatchObject({ ok: true });
  });

  it('locks even while the window keeps polling for notifications', async () => {
    const fx = await fixture();
    await signIn(fx);
    for (let i = 0; i < 4; i++) {
      fx.clock.advanceMinutes(5);
      await fx.core.dispatch('notifications.list', fx.users.priya.conn, {});
    }
    expect(await fx.core.dispatch('requests.mine', fx.users.priya.conn, {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('can be locked at once by the user', async () => {
    const fx = await fixture();
    await signIn(fx);
    await fx.core.dispatch('auth.lock', fx.users.priya.conn, {});
    expect(await fx.core.dispatch('requests.mine', fx.users.priya.conn, {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('ends after 12 hours however active, and at sign-out', async () => {
    const fx = await fixture();
    await signIn(fx);
    const conn = fx.users.priya.conn;
    for (let i = 0; i < 12 * 6; i++) {
      fx.clock.advanceMinutes(10);
      await fx.core.dispatch('requests.mine', conn, {});
    }
    expect(await fx.core.dispatch('requests.mine', conn, {})).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    await signIn(fx);
    await fx.core.dispatch('auth.signOut', conn, {});
    expect(conn.sessionId).toBeNull();
    expect(await fx.core.dispatch('requests.mine', conn, {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('ends every session of an account an administrator deactivates', async () => {
    const fx = await fixture();
    await signIn(fx);
    await fx.signIn('ada');
    await fx.call('ada', 'admin.setActive', { userId: fx.users.priya.userId, active: false, confirmPassword: PASSWORD });
    expect(await fx.core.dispatch('requests.mine', fx.users.priya.conn, {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('keeps one window\'s session apart from another\'s', async () => {
    const fx = await fixture();
    await signIn(fx);
    const other = fx.core.connect();
    expect(await fx.core.dispatch('requests.mine', other, {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password, refuses a pasted tab, and signs in with the new one', async () => {
    const fx = await fixture();
    await fx.signIn('priya');
    expect(await fx.attempt('priya', 'auth.changePassword', { currentPassword: 'wrong', newPassword: 'a brand new passphrase' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await fx.attempt('priya', 'auth.changePassword', { currentPassword: PASSWORD, newPassword: 'a brand new\tpassphrase' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_INVALID' } });
    expect(await fx.call('priya', 'auth.changePassword', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })).toEqual({ done: true });
    expect(await signIn(fx, 'a brand new passphrase')).toMatchObject({ ok: true });
  });
});

describe('re-authentication', () => {
  it('asks administrators for their password again before a change, and counts failures', async () => {
    const fx = await fixture();
    await fx.signIn('ada');
    const bad = await fx.attempt('ada', 'admin.setRoles', { userId: fx.users.priya.userId, roles: ['crc-practitioner', 'lao-admin'], confirmPassword: 'wrong' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await events(fx, 'auth.reauth.fail')).toHaveLength(1);
    const ok = await fx.call('ada', 'admin.setRoles', { userId: fx.users.priya.userId, roles: ['crc-practitioner', 'lao-admin'], confirmPassword: PASSWORD });
    expect(ok.roles).toEqual(['crc-practitioner', 'lao-admin']);
  });

  it('does not spend a password attempt when the caller is not an administrator', async () => {
    const fx = await fixture();
    await fx.signIn('priya');
    expect(await fx.attempt('priya', 'admin.setRoles', { userId: fx.users.priya.userId, roles: ['admin'], confirmPassword: 'guess' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await events(fx, 'auth.reauth.fail')).toHaveLength(0);
  });

  it('never leaves the service without an active administrator', async () => {
    const fx = await fixture();
    await fx.signIn('ada');
    expect(await fx.attempt('ada', 'admin.setActive', { userId: fx.users.ada.userId, active: false, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
  });
});
