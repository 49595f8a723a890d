/**
 * Issue 8, rules 2 and 4, through the contract: access in hours (or until an end time) within the
 * policy maxima, and expired access never coming back when the clock is moved back.
 */
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../../electron/core/clock/clock';
import { one, sql } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

const readOutcome = async (fx: BrokerFixture) => fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn });

describe('grants in hours, not only days', () => {
  it('asks for and grants access in hours, which ends after those hours', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { durationDays: undefined, durationHours: 4 });
    expect(r).toMatchObject({ durationMinutes: 240, durationDays: 1 });
    const approved = await fx.call('olivia', 'requests.approve', { requestId: r.id });
    expect(approved.decision).toMatchObject({ durationMinutes: 240, startAt: fx.clock.now(), endAt: fx.clock.now() + 4 * HOUR, narrowed: false });
    fx.clock.advanceMinutes(4 * 60 - 1);
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'GRANT', until: approved.decision!.endAt } });
    fx.clock.advanceMinutes(1);
    expect(await readOutcome(fx)).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
  });

  it('asks for access until an end time, at least an hour away', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { durationDays: undefined, endAt: fx.clock.now() + 90 * MINUTE });
    expect(r.durationMinutes).toBe(90);
    const { results } = await fx.call('priya', 'requests.create', requestBody({ crns: [PEOPLE.allocated.crn], durationDays: undefined, endAt: fx.clock.now() + 30 * MINUTE }))
      .catch((e: unknown) => ({ results: [e] }));
    expect(results[0]).toMatchObject({ code: 'DURATION_TOO_SHORT' });
  });

  it('refuses a duration given two ways, or not given at all, as invalid input', async () => {
    const fx = await fixture();
    expect(await fx.attempt('priya', 'requests.create', requestBody({ durationHours: 3 }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await fx.attempt('priya', 'requests.create', requestBody({ durationDays: undefined }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: 0 });
  });

  it('lets a decider narrow a request for days down to hours, or to an end time', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { durationDays: 7 });
    const approved = await fx.call('olivia', 'requests.approve', { requestId: r.id, durationHours: 2 });
    expect(approved.decision).toMatchObject({ durationMinutes: 120, endAt: fx.clock.now() + 2 * HOUR, narrowed: true });
    expect((await fx.call('priya', 'notifications.list', {})).rows[0]!.body).toContain('for 2 hours');
    const other = await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn], scope: 'ROSH_SUMMARY', durationDays: 2 });
    const until = await fx.call('olivia', 'requests.approve', { requestId: other.id, endAt: fx.clock.now() + 5 * HOUR });
    expect(until.decision).toMatchObject({ durationMinutes: 300, endAt: fx.clock.now() + 5 * HOUR });
  });

  it('never lets an approval in hours go beyond what was asked, nor under an hour', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { durationDays: undefined, durationHours: 3 });
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id, durationHours: 4 })).toMatchObject({ ok: false, error: { code: 'DURATION_TOO_LONG' } });
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id, endAt: fx.clock.now() + 20 * MINUTE })).toMatchObject({ ok: false, error: { code: 'DURATION_TOO_SHORT' } });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request.status).toBe('PENDING_OWNER');
  });

  it('keeps the policy maxima in days: halved for very high risk, whatever unit is used', async () => {
    const fx = await fixture();
    const { results } = await fx.call('priya', 'requests.create', requestBody({ crns: [PEOPLE.veryHigh.crn], durationDays: undefined, durationHours: 7 * 24 + 1 }));
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { code: 'DURATION_TOO_LONG' } });
  });

  it('extends access in hours, starting when the current access ends', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { durationDays: undefined, durationHours: 2 });
    const approved = await fx.call('olivia', 'requests.approve', { requestId: r.id });
    const ext = await fx.call('priya', 'grants.requestExtension', { grantId: approved.grantId!, durationHours: 3, justification: 'The session overran.', urgency: 'IMMEDIATE_SAFETY' });
    expect(ext).toMatchObject({ durationMinutes: 180, extendsGrantId: approved.grantId });
    const done = await fx.call('olivia', 'requests.approve', { requestId: ext.id });
    expect(done.decision).toMatchObject({ startAt: approved.decision!.endAt, endAt: approved.decision!.endAt! + 3 * HOUR });
  });
});

describe('expired access never comes back to life', () => {
  it('keeps emergency access that ended at 14:00 ended when the clock is set back twice and acknowledged each time', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY', neededBy: fx.clock.now() + HOUR });
    const { grant } = await fx.call('priya', 'emergency.open', { requestId: r.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: 'He is in reception now.' });
    const fourteen = grant.endAt;
    expect(fourteen).toBe(fx.clock.now() + 4 * HOUR);
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'EMERGENCY' } });
    fx.clock.set(fourteen + 10 * MINUTE);
    expect(await readOutcome(fx)).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    for (const back of [fourteen - 60 * MINUTE, fourteen - 90 * MINUTE]) {
      fx.clock.set(back);
      expect(await readOutcome(fx)).toMatchObject({ ok: false });
      expect((await fx.call('ada', 'admin.clockStatus', {})).rollback).not.toBeNull();
      await fx.call('ada', 'admin.acknowledgeClock', { confirmPassword: PASSWORD });
      // At "13:00", then "12:30": the access ended at 14:00 and stays ended.
      expect(await readOutcome(fx)).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    }
    const mine = await fx.call('priya', 'grants.mine', { filter: 'CURRENT' });
    expect(mine.rows.every((g) => g.id !== grant.id || g.state !== 'ACTIVE')).toBe(true);
  });

  it('still reads a grant that has not ended yet after the clock is acknowledged', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { durationDays: 1 });
    await fx.call('olivia', 'requests.approve', { requestId: r.id });
    fx.clock.advanceHours(3);
    await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    fx.clock.advanceHours(-2);
    expect(await readOutcome(fx)).toMatchObject({ ok: false, error: { code: 'CLOCK_ROLLBACK' } });
    await fx.call('ada', 'admin.acknowledgeClock', { confirmPassword: PASSWORD });
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'GRANT' } });
    fx.clock.advanceDays(1);
    expect(await readOutcome(fx)).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
  });
});
