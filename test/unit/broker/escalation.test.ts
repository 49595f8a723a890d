import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../electron/core/clock/clock';
import { one, run, sql } from '../../../electron/core/store/sql';
import { CAST, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, safetyWithOwnerTurn } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

describe('escalation and the sweep', () => {
  it('escalates to the hub when the deadline passes, and tells hub, requester and owner', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safetyWithOwnerTurn(fx));
    fx.clock.advanceMinutes(31);
    expect(await fx.core.sweep()).toMatchObject({ escalated: 1 });
    const row = (await fx.call('priya', 'requests.get', { requestId: r.id })).request;
    expect(row).toMatchObject({ status: 'PENDING_HUB', hubReason: 'DEADLINE_MISSED', overdue: true, escalatedAt: fx.clock.now() });
    for (const who of ['hana', 'lars', 'priya', 'olivia', 'dev'] as const) {
      const n = await fx.call(who, 'notifications.list', {});
      expect(n.rows.map((x) => x.kind), who).toContain('REQUEST_ESCALATED');
    }
  });

  it('shows an overdue request in the hub queue even before the sweep has run', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safetyWithOwnerTurn(fx));
    expect((await fx.call('hana', 'requests.hubQueue', {})).rows).toHaveLength(0);
    fx.clock.advanceMinutes(30);
    const q = await fx.call('hana', 'requests.hubQueue', {});
    expect(q.rows.map((x) => x.id)).toEqual([r.id]);
    expect(q.overdue).toBe(1);
    expect(q.rows[0]).toMatchObject({ canDecide: true, overdue: true });
  });

  it('is idempotent: a second sweep changes nothing and sends nothing', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', safetyWithOwnerTurn(fx));
    fx.clock.advanceHours(1);
    await fx.core.sweep();
    const notifications = await one(fx.engine, sql`SELECT count(*) AS n FROM notifications`);
    const events = await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events`);
    expect(await fx.core.sweep()).toMatchObject({ escalated: 0, rerouted: 0, remindersSent: 0, grantsExpired: 0 });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM notifications`)).toEqual(notifications);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events`)).toEqual(events);
  });

  it('lets the owner still decide while the hub holds it; the first decision wins', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safetyWithOwnerTurn(fx));
    fx.clock.advanceHours(1);
    await fx.core.sweep();
    const approved = await fx.call('olivia', 'requests.approve', { requestId: r.id });
    expect(approved.decision).toMatchObject({ outcome: 'APPROVED', route: 'OWNER' });
    const late = await fx.attempt('hana', 'requests.deny', { requestId: r.id, reasonCode: 'OTHER', reason: 'Too late: the owner has already decided it.' });
    expect(late).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED' } });
  });

  it('keeps the hub out until the owner\'s deadline has passed', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    const early = await fx.attempt('hana', 'requests.approve', { requestId: r.id });
    expect(early).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    fx.clock.advanceDays(1);
    expect((await fx.call('hana', 'requests.approve', { requestId: r.id })).decision?.route).toBe('HUB');
  });

  it('moves a waiting request to the hub when its owner goes on leave and no deputy is in', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await run(fx.engine, sql`UPDATE deputies SET end_at = ${fx.clock.now()}`);
    await run(fx.engine, sql`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES ('a2', ${CAST.olivia.staffCode}, 'SICKNESS', ${fx.clock.now()}, ${fx.clock.now() + 3 * DAY})`);
    fx.clock.advanceMinutes(1);
    expect(await fx.core.sweep()).toMatchObject({ rerouted: 1 });
    const row = (await fx.call('priya', 'requests.get', { requestId: r.id })).request;
    expect(row).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_ABSENT' });
    expect(row.whereAndWhy).toContain('Olivia Owner is off sick until');
  });

  it('moves a waiting request to the hub in the sweep when an import marks its owner inactive, and leaves owners who are in alone', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    const other = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    await run(fx.engine, sql`UPDATE deputies SET end_at = ${fx.clock.now()}`);
    fx.clock.advanceMinutes(1);
    expect(await fx.core.sweep()).toMatchObject({ rerouted: 0 });
    await run(fx.engine, sql`UPDATE staff SET active = 0 WHERE code = ${CAST.olivia.staffCode}`);
    expect(await fx.core.sweep()).toMatchObject({ rerouted: 1 });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_INACTIVE' });
    expect((await fx.call('priya', 'requests.get', { requestId: other.id })).request.status).toBe(other.status);
  });

  it('re-routes pending requests to the new owner when a case is transferred', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    expect(r.status).toBe('PENDING_HUB');
    const moved = await fx.call('ada', 'admin.transferCase', { crn: PEOPLE.absentOwner.crn, newOwnerStaffCode: CAST.olivia.staffCode, confirmPassword: 'correct horse battery staple' });
    expect(moved.reroutedRequests).toBe(1);
    const row = (await fx.call('priya', 'requests.get', { requestId: r.id })).request;
    expect(row).toMatchObject({ status: 'PENDING_OWNER', ownerName: 'Olivia Owner', deadline: fx.clock.now() + DAY });
    expect((await fx.call('olivia', 'notifications.list', {})).rows[0]?.kind).toBe('REQUEST_REROUTED');
  });

  it('re-routes in the sweep when an import changes the owner', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await run(fx.engine, sql`UPDATE people SET owner_staff_code = ${CAST.dev.staffCode} WHERE crn = ${PEOPLE.warrant.crn}`);
    expect(await fx.core.sweep()).toMatchObject({ rerouted: 1 });
    expect((await fx.call('dev', 'requests.inbox', {})).rows.map((x) => x.id)).toContain(r.id);
    expect((await fx.attempt('olivia', 'requests.approve', { requestId: r.id }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('counts working hours only: a Friday-afternoon routine request is due on Monday', async () => {
    const fx = await fixture();
    fx.clock.set(Date.UTC(2026, 2, 6, 16, 0)); // Friday 16:00
    const r = await createRequest(fx, 'priya');
    expect(r.deadline).toBe(Date.UTC(2026, 2, 9, 16, 0));
  });

  it('skips bank holidays and keeps London time across the clock change', async () => {
    const fx = await fixture();
    fx.clock.set(Date.UTC(2026, 3, 2, 15, 0)); // Thursday 2 April 16:00 BST, before Good Friday and Easter Monday
    const r = await createRequest(fx, 'priya');
    // 1 hour left on Thursday, then Friday 3 and Monday 6 April are bank holidays: 7 hours on Tuesday, 16:00 BST.
    expect(r.deadline).toBe(Date.UTC(2026, 3, 7, 15, 0));
  });

  it('never lets an undecided request drop out of sight: it stays in the hub queue flagged overdue', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn], urgency: 'IMMEDIATE_SAFETY' });
    fx.clock.advanceDays(10);
    await fx.core.sweep();
    const q = await fx.call('hana', 'requests.hubQueue', {});
    expect(q.rows.find((x) => x.id === r.id)).toMatchObject({ overdue: true, status: 'PENDING_HUB' });
    expect(r.deadline).toBeLessThan(fx.clock.now() - HOUR);
  });
});
