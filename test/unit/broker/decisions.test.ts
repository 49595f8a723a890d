import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../electron/core/clock/clock';
import { one, run, sql } from '../../../electron/core/store/sql';
import { PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

describe('deciding a request', () => {
  it('approves as asked: a grant for the requested scope and duration, starting now', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    const a = await fx.call('olivia', 'requests.approve', { requestId: r.id });
    expect(a.decision).toMatchObject({ outcome: 'APPROVED', route: 'OWNER', scope: 'ROSH_SUMMARY', durationDays: 7, narrowed: false, startAt: fx.clock.now(), endAt: fx.clock.now() + 7 * DAY });
    const grant = await fx.call('priya', 'grants.get', { grantId: a.grantId! });
    expect(grant).toMatchObject({ state: 'ACTIVE', scope: 'ROSH_SUMMARY', grantedByName: 'Olivia Owner' });
  });

  it('may narrow the scope, shorten the duration and start later, and records that it narrowed', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { scope: 'FULL_RECORD', durationDays: 14 });
    const start = fx.clock.now() + 2 * DAY;
    const a = await fx.call('olivia', 'requests.approve', { requestId: r.id, scope: 'FRONT_SHEET', durationDays: 3, startAt: start, note: 'Front sheet is enough for unpaid work.' });
    expect(a.decision).toMatchObject({ scope: 'FRONT_SHEET', durationDays: 3, startAt: start, endAt: start + 3 * DAY, narrowed: true, reason: 'Front sheet is enough for unpaid work.' });
    expect((await fx.call('priya', 'grants.get', { grantId: a.grantId! })).state).toBe('SCHEDULED');
    const stored = await one(fx.engine, sql`SELECT scope, approved_scope, duration_days, approved_duration_days, narrowed FROM requests WHERE id = ${r.id}`);
    expect(stored).toEqual({ scope: 'FULL_RECORD', approved_scope: 'FRONT_SHEET', duration_days: 14, approved_duration_days: 3, narrowed: 1 });
  });

  it('never widens the scope', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { scope: 'FRONT_SHEET' });
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id, scope: 'FULL_RECORD' })).toMatchObject({ ok: false, error: { code: 'SCOPE_WIDENED' } });
  });

  it('never lengthens the duration beyond what was asked, or beyond policy', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { durationDays: 7 });
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id, durationDays: 8 })).toMatchObject({ ok: false, error: { code: 'DURATION_TOO_LONG' } });
  });

  it('refuses a start in the past', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id, startAt: fx.clock.now() - DAY })).toMatchObject({ ok: false, error: { code: 'INVALID_START' } });
  });

  it('denies only with a reason, and shows the reason to the requester', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    expect(await fx.attempt('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'NOT_NEEDED_FOR_PURPOSE', reason: '   ' })).toMatchObject({ ok: false, error: { code: 'DECISION_REASON_REQUIRED' } });
    await fx.call('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'NOT_NEEDED_FOR_PURPOSE', reason: 'The front sheet covers the appointment.' });
    const mine = await fx.call('priya', 'requests.mine', {});
    expect(mine.rows[0]).toMatchObject({ status: 'DENIED', decision: { outcome: 'DENIED', reasonCode: 'NOT_NEEDED_FOR_PURPOSE', reason: 'The front sheet covers the appointment.' } });
    const note = (await fx.call('priya', 'notifications.list', {})).rows[0];
    expect(note).toMatchObject({ kind: 'REQUEST_DENIED' });
    expect(note?.body).toContain('The front sheet covers the appointment.');
  });

  it('lets nobody decide their own request', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'dev', { crns: [PEOPLE.warrant.crn] });
    fx.clock.advanceDays(2);
    expect(await fx.attempt('dev', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'OWN_REQUEST' } });
  });

  it('lets an active deputy decide for the owner, recording the deputy route', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    const a = await fx.call('dev', 'requests.approve', { requestId: r.id });
    expect(a.decision?.route).toBe('DEPUTY');
  });

  it('does not let a former deputy decide', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await run(fx.engine, sql`UPDATE deputies SET end_at = ${fx.clock.now() - HOUR}`);
    expect(await fx.attempt('dev', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets only the owner or a hub LAO administrator decide a restricted record', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'rita', { crns: [PEOPLE.restricted.crn] });
    expect(await fx.attempt('dev', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'ACCESS_RESTRICTED' } });
    fx.clock.advanceDays(2);
    expect(await fx.attempt('hana', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'ACCESS_RESTRICTED' } });
    expect((await fx.call('lars', 'requests.approve', { requestId: r.id })).decision?.route).toBe('HUB');
  });

  it('lets nobody grant an excluded requester, even when the exclusion came after the request', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.excluded.crn] });
    await run(fx.engine, sql`INSERT INTO lao_exclusions (id, crn, staff_code, start_at, end_at, reason, message) VALUES ('ex-2', ${PEOPLE.excluded.crn}, 'C17T01A', ${fx.clock.now()}, NULL, 'Neighbour', 'Excluded.')`);
    fx.clock.advanceDays(2);
    for (const who of ['olivia', 'dev', 'hana', 'lars'] as const) {
      expect(await fx.attempt(who, 'requests.approve', { requestId: r.id }), who).toMatchObject({ ok: false, error: { code: 'ACCESS_EXCLUDED' } });
    }
    await expect(fx.call('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'LAO', reason: 'The requester is excluded from this record.' })).resolves.toMatchObject({ status: 'DENIED' });
  });

  it('halves the maximum duration for a person with very high RoSH or MAPPA level 2', async () => {
    const fx = await fixture();
    const p = await fx.call('olivia', 'people.get', { crn: PEOPLE.veryHigh.crn });
    expect(p.maxDurationDays).toEqual({ FRONT_SHEET: 15, ROSH_SUMMARY: 7, RISK_MANAGEMENT_PLAN: 7, FULL_RECORD: 7 });
  });
});
