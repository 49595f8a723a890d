/**
 * Issue 8, rules 1 and 5, through the contract: a request needed soon never starts overdue and
 * goes to the owner and the hub together; nobody holds their own request.
 */
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../electron/core/clock/clock';
import { one, run, sql } from '../../../electron/core/store/sql';
import { CAST, MONDAY_10AM, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

/** Monday 2 March 2026, 08:50 in London (GMT). */
const MONDAY_0850 = MONDAY_10AM - 70 * MINUTE;
const MONDAY_0930 = MONDAY_10AM - 30 * MINUTE;

const ownerAway = (fx: BrokerFixture) =>
  run(fx.engine, sql`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES ('olivia-leave', ${CAST.olivia.staffCode}, 'LEAVE', ${fx.clock.now() - HOUR}, ${fx.clock.now() + 3 * DAY})`);

describe('a request needed soon never starts overdue', () => {
  it('sends a request asked at 08:50 for 09:30 to the owner and the hub at once, due 09:30, and says why', async () => {
    const fx = await fixture();
    fx.clock.set(MONDAY_0850);
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY', neededBy: MONDAY_0930 });
    expect(r).toMatchObject({ status: 'PENDING_HUB', queue: 'HUB', hubReason: 'NEEDED_SOON', ownerName: 'Olivia Owner', overdue: false, deadline: MONDAY_0930 });
    expect(r.whereAndWhy).toContain('needed by 09:30: sent to the offender manager and the NPS hub together');
    const inbox = await fx.call('olivia', 'requests.inbox', {});
    expect(inbox.rows.find((x) => x.id === r.id)).toMatchObject({ canDecide: true, overdue: false });
    const hub = await fx.call('hana', 'requests.hubQueue', {});
    expect(hub.rows.find((x) => x.id === r.id)).toMatchObject({ canDecide: true, overdue: false });
    expect(hub.overdue).toBe(0);
    for (const who of ['olivia', 'dev', 'hana'] as const) {
      const n = (await fx.call(who, 'notifications.list', {})).rows.find((x) => x.requestId === r.id);
      expect(n, who).toMatchObject({ kind: 'REQUEST_NEW' });
      expect(n!.body).toContain('Needed by 09:30: sent to the offender manager and the NPS hub together');
    }
  });

  it('lets the first decision win when the owner and the hub hold it together', async () => {
    const fx = await fixture();
    fx.clock.set(MONDAY_0850);
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY', neededBy: MONDAY_0930 });
    await expect(fx.call('hana', 'requests.approve', { requestId: r.id, durationHours: 2 })).resolves.toMatchObject({ status: 'APPROVED', decision: { route: 'HUB' } });
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED' } });
  });

  it('never gives a deadline earlier than the time of asking, even when needed-by is closer than the hub lead time', async () => {
    const fx = await fixture();
    for (const [urgency, minutesAhead] of [['IMMEDIATE_SAFETY', 5], ['ROUTINE', 40], ['WITHIN_2_WORKING_DAYS', 119]] as const) {
      const crn = urgency === 'IMMEDIATE_SAFETY' ? PEOPLE.warrant.crn : urgency === 'ROUTINE' ? PEOPLE.allocated.crn : PEOPLE.veryHigh.crn;
      const r = await createRequest(fx, 'priya', { crns: [crn], urgency, neededBy: fx.clock.now() + minutesAhead * MINUTE, durationDays: 1 });
      expect(r.deadline, urgency).toBeGreaterThan(r.createdAt);
      expect(r.overdue).toBe(false);
    }
    expect((await fx.core.sweep()).escalated).toBe(0);
  });

  it('keeps the owner\'s own turn when needed-by leaves time for the owner and then the hub', async () => {
    const fx = await fixture();
    const neededBy = fx.clock.now() + 3 * HOUR;
    const r = await createRequest(fx, 'priya', { neededBy });
    expect(r).toMatchObject({ status: 'PENDING_OWNER', hubReason: null, deadline: neededBy - 2 * HOUR });
  });

  it('previews who gets a request, due when, and that emergency access is there, before it is sent', async () => {
    const fx = await fixture();
    fx.clock.set(MONDAY_0850);
    const soon = await fx.call('priya', 'requests.preview', { crn: PEOPLE.warrant.crn, urgency: 'IMMEDIATE_SAFETY', neededBy: MONDAY_0930 });
    expect(soon).toMatchObject({ goesTo: 'the offender manager, Olivia Owner, and the NPS hub at the same time', deadline: MONDAY_0930 });
    expect(soon.why).toContain('needed by 09:30');
    expect(soon.emergency).toContain('emergency safety access');
    const later = await fx.call('priya', 'requests.preview', { crn: PEOPLE.warrant.crn, urgency: 'ROUTINE', neededBy: null });
    expect(later).toMatchObject({ goesTo: 'the offender manager, Olivia Owner (or a deputy standing in)', why: null });
    const away = await fx.call('priya', 'requests.preview', { crn: PEOPLE.absentOwner.crn, urgency: 'ROUTINE', neededBy: null });
    expect(away).toMatchObject({ goesTo: 'the NPS hub', why: 'Alex Away is on leave until 9 March 2026, 10:00' });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: 0 });
    expect(await fx.attempt('eve', 'requests.preview', { crn: PEOPLE.excluded.crn, urgency: 'ROUTINE', neededBy: null })).toMatchObject({ ok: false, error: { code: 'ACCESS_EXCLUDED', message: expect.stringContaining('conflict of interest') } });
  });

  it('counts SLA against the real deadline in reports, never late at creation', async () => {
    const fx = await fixture();
    fx.clock.set(MONDAY_0850);
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY', neededBy: MONDAY_0930 });
    fx.clock.set(MONDAY_0850 + 20 * MINUTE);
    await fx.call('hana', 'requests.approve', { requestId: r.id, durationHours: 2 });
    const report = await fx.call('ada', 'reports.build', { from: '2026-03-02', to: '2026-03-02' });
    expect(report.sla.overall).toMatchObject({ due: 1, met: 1, breached: 0 });
    expect(report.sla.breaches.total).toBe(0);
  });
});

describe('nobody holds their own request', () => {
  it('sends a request from the only deputy in, while the owner is away, to the hub at once with that reason', async () => {
    const fx = await fixture();
    await ownerAway(fx);
    const r = await createRequest(fx, 'dev', { crns: [PEOPLE.warrant.crn] });
    expect(r).toMatchObject({ status: 'PENDING_HUB', queue: 'HUB', hubReason: 'REQUESTER_IS_ONLY_DECIDER' });
    expect(r.whereAndWhy).toBe('With the NPS hub: Olivia Owner is on leave until 5 March 2026, 10:00, and the only deputy in, Dev Deputy, asked for it');
    expect(r.deadline).toBeGreaterThan(r.createdAt);
    const hub = await fx.call('hana', 'requests.hubQueue', {});
    expect(hub.rows.find((x) => x.id === r.id)).toMatchObject({ canDecide: true });
    expect((await fx.call('dev', 'notifications.list', {})).rows.filter((n) => n.requestId === r.id)).toHaveLength(0);
  });

  it('re-routes to the hub when the owner goes away and the only deputy in is the requester', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'dev', { crns: [PEOPLE.warrant.crn] });
    expect(r.status).toBe('PENDING_OWNER');
    await fx.call('olivia', 'caseload.recordAbsence', { kind: 'SICKNESS', startAt: fx.clock.now(), endAt: fx.clock.now() + DAY });
    const moved = await fx.call('dev', 'requests.get', { requestId: r.id });
    expect(moved.request).toMatchObject({ status: 'PENDING_HUB', hubReason: 'REQUESTER_IS_ONLY_DECIDER' });
  });
});
