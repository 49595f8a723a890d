import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../electron/core/clock/clock';
import { all, one, run, sql } from '../../../electron/core/store/sql';
import { CAST, PEOPLE, PROGRAMME_CRNS, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

describe('routing a new request', () => {
  it('sends a request to the owner when the owner is available, due in one working day for routine requests', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    expect(r).toMatchObject({ status: 'PENDING_OWNER', queue: 'OWNER', ownerName: 'Olivia Owner', overdue: false });
    // Monday 10:00 + 8 working hours = Tuesday 10:00.
    expect(r.deadline).toBe(fx.clock.now() + DAY);
    expect(r.whereAndWhy).toContain('Olivia Owner');
  });

  it('gives immediate-safety requests 30 wall-clock minutes', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    expect(r.deadline).toBe(fx.clock.now() + 30 * MINUTE);
  });

  it('gives "within 2 working days" requests 4 working hours, skipping the night', async () => {
    const fx = await fixture();
    fx.clock.advanceHours(5); // Monday 15:00: two hours left today, two more tomorrow morning.
    const r = await createRequest(fx, 'priya', { urgency: 'WITHIN_2_WORKING_DAYS' });
    expect(r.deadline).toBe(Date.UTC(2026, 2, 3, 11, 0));
  });

  it('brings the deadline forward so the hub still has its lead time before needed-by', async () => {
    const fx = await fixture();
    const neededBy = fx.clock.now() + 3 * HOUR;
    const r = await createRequest(fx, 'priya', { neededBy });
    expect(r.deadline).toBe(neededBy - 2 * HOUR);
  });

  it('routes to the hub at once when the owner is on leave, and says why', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    expect(r).toMatchObject({ status: 'PENDING_HUB', queue: 'HUB', hubReason: 'OWNER_ABSENT' });
    expect(r.whereAndWhy).toBe('With the NPS hub: Alex Away is on leave until 9 March 2026, 10:00');
  });

  it('routes to the hub at once when the owner\'s account is not active', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE users SET active = 0 WHERE id = ${fx.users.alex.userId}`);
    await run(fx.engine, sql`DELETE FROM absences`);
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    expect(r).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_INACTIVE' });
  });

  it('explains an absent owner with no active account by the absence', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE users SET active = 0 WHERE id = ${fx.users.alex.userId}`);
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    expect(r).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_ABSENT' });
    expect(r.whereAndWhy).toBe('With the NPS hub: Alex Away is on leave until 9 March 2026, 10:00');
  });

  it('routes to the hub at once when no offender manager is recorded', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.noOwner.crn] });
    expect(r).toMatchObject({ status: 'PENDING_HUB', hubReason: 'NO_OWNER' });
  });

  it('keeps the request with the owner\'s queue when the owner is away but a deputy is in, and says who', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES ('a2', ${CAST.olivia.staffCode}, 'SICKNESS', ${fx.clock.now() - HOUR}, ${fx.clock.now() + 2 * DAY})`);
    const r = await createRequest(fx, 'priya');
    expect(r.status).toBe('PENDING_OWNER');
    expect(r.whereAndWhy).toContain('Dev Deputy, deputising: Olivia Owner is off sick until');
    const inbox = await fx.call('dev', 'requests.inbox', {});
    expect(inbox.rows.map((x) => x.id)).toContain(r.id);
  });

  it('skips deputies for a restricted record: only the owner or an LAO administrator may decide it', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES ('a2', ${CAST.olivia.staffCode}, 'LEAVE', ${fx.clock.now() - HOUR}, ${fx.clock.now() + 2 * DAY})`);
    const r = await createRequest(fx, 'rita', { crns: [PEOPLE.restricted.crn] });
    expect(r).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_ABSENT' });
  });

  it('handles a programme tutor\'s batch: each participant routed on its own, all fast-tracked', async () => {
    const fx = await fixture();
    const { batchId, results } = await fx.call('tara', 'requests.create', requestBody({ crns: PROGRAMME_CRNS }));
    expect(batchId).not.toBeNull();
    expect(results).toHaveLength(12);
    const created = results.map((r) => (r.outcome === 'CREATED' ? r.request : null));
    expect(created.every((r) => r !== null && r.batchId === batchId && r.fastTrack)).toBe(true);
    expect(created.filter((r) => r?.status === 'PENDING_OWNER')).toHaveLength(8);
    expect(created.filter((r) => r?.status === 'PENDING_HUB')).toHaveLength(4);
  });
});

describe('refusing a request at once', () => {
  it('refuses an excluded requester with the exclusion message, and creates nothing', async () => {
    const fx = await fixture();
    const { results } = await fx.call('eve', 'requests.create', requestBody({ crns: [PEOPLE.excluded.crn] }));
    expect(results[0]).toEqual({
      outcome: 'REFUSED',
      crn: PEOPLE.excluded.crn,
      error: { code: 'ACCESS_EXCLUDED', message: 'You are excluded from this record: a conflict of interest is recorded. Speak to your line manager.' },
    });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: 0 });
    expect(await all(fx.engine, sql`SELECT action FROM audit_events WHERE action = 'request.refuse'`)).toHaveLength(1);
  });

  it('refuses a duplicate of a pending request that already covers the scope', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { scope: 'RISK_MANAGEMENT_PLAN' });
    const { results } = await fx.call('priya', 'requests.create', requestBody({ scope: 'FRONT_SHEET' }));
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { code: 'DUPLICATE_REQUEST' } });
  });

  it('accepts a wider request while a narrower one is pending', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { scope: 'FRONT_SHEET' });
    await expect(createRequest(fx, 'priya', { scope: 'FULL_RECORD', durationDays: 14 })).resolves.toMatchObject({ status: 'PENDING_OWNER' });
  });

  it('refuses a request that an active grant already covers, pointing to an extension', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await fx.call('olivia', 'requests.approve', { requestId: r.id });
    const { results } = await fx.call('priya', 'requests.create', requestBody({ scope: 'FRONT_SHEET' }));
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { code: 'DUPLICATE_REQUEST' } });
    expect(results[0]!.outcome === 'REFUSED' && results[0]!.error.message).toContain('ask to extend it from My access');
  });

  it('refuses a front-sheet request that an allocation already covers', async () => {
    const fx = await fixture();
    const { results } = await fx.call('alan', 'requests.create', requestBody({ crns: [PEOPLE.allocated.crn], scope: 'FRONT_SHEET' }));
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { code: 'DUPLICATE_REQUEST' } });
  });

  it('refuses a duration longer than policy allows for the person, halved for very high risk', async () => {
    const fx = await fixture();
    const { results } = await fx.call('priya', 'requests.create', requestBody({ crns: [PEOPLE.veryHigh.crn], durationDays: 8 }));
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { code: 'DURATION_TOO_LONG' } });
    await expect(createRequest(fx, 'priya', { crns: [PEOPLE.veryHigh.crn], durationDays: 7 })).resolves.toMatchObject({ status: 'PENDING_OWNER' });
  });

  it('marks a wider request from an allocated practitioner as fast-track for the owner', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'alan', { crns: [PEOPLE.allocated.crn], scope: 'ROSH_SUMMARY' });
    expect(r.fastTrack).toBe(true);
    const inbox = await fx.call('olivia', 'requests.inbox', {});
    expect(inbox.rows.find((x) => x.id === r.id)).toMatchObject({ fastTrack: true, canDecide: true });
  });
});

describe('withdrawing', () => {
  it('lets the requester withdraw a pending request, and nobody can decide it afterwards', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    const w = await fx.call('priya', 'requests.withdraw', { requestId: r.id });
    expect(w).toMatchObject({ status: 'WITHDRAWN', queue: null });
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED' } });
    expect((await fx.call('olivia', 'notifications.list', {})).rows[0]).toMatchObject({ kind: 'REQUEST_WITHDRAWN', requestId: r.id });
  });

  it('does not let anyone else withdraw it', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    expect(await fx.attempt('alan', 'requests.withdraw', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
