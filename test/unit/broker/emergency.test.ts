import { describe, expect, it } from 'vitest';
import { HOUR } from '../../../electron/core/clock/clock';
import { one, run, sql } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

const open = (requestId: number, over: Record<string, unknown> = {}) => ({
  requestId,
  password: PASSWORD,
  reasonCode: 'PERSON_ATTENDING_NOW' as const,
  reasonText: 'He is in reception now.',
  ...over,
});

describe('emergency safety access', () => {
  it('opens the front sheet only, for at most 4 hours, on a pending request needed within 4 hours', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { scope: 'FULL_RECORD', neededBy: fx.clock.now() + HOUR });
    expect(r.emergencyAvailable).toBe(true);
    const { use, grant } = await fx.call('priya', 'emergency.open', open(r.id));
    expect(grant).toMatchObject({ kind: 'EMERGENCY', scope: 'FRONT_SHEET', state: 'ACTIVE', endAt: fx.clock.now() + 4 * HOUR });
    expect(use.review).toBeNull();
    const view = await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    expect(view.access.route).toBe('EMERGENCY');
    expect(view.frontSheet).not.toBeNull();
    expect(view.roshSummary).toBeNull();
    fx.clock.advanceMinutes(4 * 60);
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
  });

  it('is not available for a request needed later than 4 hours from now', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { neededBy: fx.clock.now() + 5 * HOUR });
    expect(r.emergencyAvailable).toBe(false);
    expect(await fx.attempt('priya', 'emergency.open', open(r.id))).toMatchObject({ ok: false, error: { code: 'EMERGENCY_NOT_ALLOWED' } });
  });

  it('is not available once the request is decided', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    await fx.call('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'SAFETY_CONCERN', reason: 'Call me first so we can plan the visit.' });
    expect(await fx.attempt('priya', 'emergency.open', open(r.id))).toMatchObject({ ok: false, error: { code: 'EMERGENCY_NOT_ALLOWED' } });
  });

  it('needs the password again; a wrong one is refused and counted', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    expect(await fx.attempt('priya', 'emergency.open', open(r.id, { password: 'not my password' }))).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await one(fx.engine, sql`SELECT failed_attempts FROM users WHERE id = ${fx.users.priya.userId}`)).toEqual({ failed_attempts: 1 });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM grants`)).toEqual({ n: 0 });
  });

  it('needs an explanation when the reason is "other"', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    expect(await fx.attempt('priya', 'emergency.open', open(r.id, { reasonCode: 'OTHER', reasonText: '' }))).toMatchObject({ ok: false, error: { code: 'EMERGENCY_REASON_REQUIRED' } });
  });

  it('is only for the requester, and never for an excluded one', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    expect(await fx.attempt('alan', 'emergency.open', open(r.id))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await run(fx.engine, sql`INSERT INTO lao_exclusions (id, crn, staff_code, start_at, end_at, reason, message) VALUES ('ex-2', ${PEOPLE.warrant.crn}, 'C17T01A', ${fx.clock.now()}, NULL, 'Neighbour', 'Excluded.')`);
    expect(await fx.attempt('priya', 'emergency.open', open(r.id))).toMatchObject({ ok: false, error: { code: 'ACCESS_EXCLUDED' } });
  });

  it('alerts the owner, the deputy and the hub at once', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    await fx.call('priya', 'emergency.open', open(r.id));
    for (const who of ['olivia', 'dev', 'hana', 'lars'] as const) {
      expect((await fx.call(who, 'notifications.list', {})).rows[0]?.kind, who).toBe('EMERGENCY_USED');
    }
  });

  it('puts every use in the hub review queue, where hub staff record an outcome once', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    const { use } = await fx.call('priya', 'emergency.open', open(r.id));
    const queue = await fx.call('hana', 'emergency.reviewQueue', {});
    expect(queue).toMatchObject({ unreviewed: 1, total: 1 });
    expect(queue.rows[0]).toMatchObject({ id: use.id, userName: 'Priya Practitioner', reasonCode: 'PERSON_ATTENDING_NOW' });
    expect(await fx.attempt('priya', 'emergency.review', { useId: use.id, outcome: 'JUSTIFIED', notes: 'Fine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const reviewed = await fx.call('hana', 'emergency.review', { useId: use.id, outcome: 'JUSTIFIED_WITH_ADVICE', notes: 'Justified; phone the hub first next time.' });
    expect(reviewed.review).toMatchObject({ outcome: 'JUSTIFIED_WITH_ADVICE', reviewedByName: 'Hana Hub' });
    expect(await fx.attempt('lars', 'emergency.review', { useId: use.id, outcome: 'JUSTIFIED', notes: 'Again' })).toMatchObject({ ok: false, error: { code: 'ALREADY_REVIEWED' } });
    expect((await fx.call('hana', 'emergency.reviewQueue', {})).unreviewed).toBe(0);
  });

  it('cannot be opened twice on the same request while the first is live', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    await fx.call('priya', 'emergency.open', open(r.id));
    fx.clock.advanceMinutes(10);
    expect(await fx.attempt('priya', 'emergency.open', open(r.id))).toMatchObject({ ok: false, error: { code: 'EMERGENCY_NOT_ALLOWED' } });
  });
});
