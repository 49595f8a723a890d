import { describe, expect, it } from 'vitest';
import { CAST, PASSWORD, PEOPLE, PROGRAMME_CRNS, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess } from '../../helpers/broker-requests';
import { MONDAY, reportFor } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();

describe('grants in force', () => {
  it('counts grants in force by scope, leaving out revoked and expired ones, and lists those ending within 7 days', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn], scope: 'FRONT_SHEET', durationDays: 5 });
    await grantAccess(fx, 'priya', { crns: [PEOPLE.allocated.crn], scope: 'ROSH_SUMMARY', durationDays: 14 });
    const revoked = await grantAccess(fx, 'alan', { crns: [PEOPLE.warrant.crn], scope: 'FULL_RECORD', durationDays: 10 });
    await grantAccess(fx, 'rita', { crns: [PEOPLE.veryHigh.crn], scope: 'FRONT_SHEET', durationDays: 1 });
    const glass = await createRequest(fx, 'tara', { crns: [PEOPLE.veryHigh.crn], scope: 'FRONT_SHEET', urgency: 'IMMEDIATE_SAFETY' });
    await fx.call('tara', 'emergency.open', { requestId: glass.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' });
    await fx.call('olivia', 'grants.revoke', { grantId: revoked.grantId!, reason: 'Placement ended.' });
    fx.clock.advanceHours(2);

    const { grants } = await reportFor(fx);
    // Rita's one-day grant and Tara's emergency grant are still in force at 12:00 on Monday.
    expect(grants.totalActive).toBe(4);
    expect(Object.fromEntries(grants.byScope.map((g) => [g.scope, [g.active, g.fromRequests, g.emergency]]))).toEqual({
      FRONT_SHEET: [3, 2, 1], ROSH_SUMMARY: [1, 1, 0], RISK_MANAGEMENT_PLAN: [0, 0, 0], FULL_RECORD: [0, 0, 0],
    });
    expect(grants.expiring.total).toBe(3);
    expect(grants.expiring.rows.map((g) => [g.granteeName, g.kind, g.scope])).toEqual([
      ['Tara Tutor', 'EMERGENCY', 'FRONT_SHEET'],
      ['Rita Listed', 'REQUEST', 'FRONT_SHEET'],
      ['Priya Practitioner', 'REQUEST', 'FRONT_SHEET'],
    ]);

    fx.clock.advanceDays(2);
    const later = await reportFor(fx, MONDAY, '2026-03-04');
    expect(later.grants.totalActive).toBe(2);
  });
});

describe('caseload pressure', () => {
  it('shows, per offender manager, cases held, requests, people asked about, hub fallback, breaches and days away', async () => {
    const fx = await fixture();
    for (const crn of PROGRAMME_CRNS.slice(0, 3)) await createRequest(fx, 'priya', { crns: [crn] });
    await createRequest(fx, 'alan', { crns: [PROGRAMME_CRNS[0]!] });
    for (const crn of PROGRAMME_CRNS.slice(8, 10)) await createRequest(fx, 'priya', { crns: [crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn], urgency: 'IMMEDIATE_SAFETY', scope: 'FRONT_SHEET' });
    fx.clock.advanceHours(1);
    await fx.core.sweep();

    const { caseload } = await reportFor(fx);
    expect(caseload.total).toBe(2);
    expect(caseload.rows[0]).toEqual({
      staffCode: CAST.olivia.staffCode, name: 'Olivia Owner', team: 'Camden NPS',
      caseload: 13, requests: 5, people: 4, toHub: 1, shareToHub: 0.2, slaBreaches: 1, daysAbsent: 0,
    });
    // Alex has been on leave since Sunday 10:00: from midnight to 11:00 on Monday is 11 hours.
    expect(caseload.rows[1]).toMatchObject({ name: 'Alex Away', caseload: 5, requests: 2, people: 2, toHub: 2, shareToHub: 1, daysAbsent: 0.5 });
  });

  it('counts days away only inside the period', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    fx.clock.advanceDays(10);
    // Alex's leave runs from Sunday 1 March 10:00 to Monday 9 March 10:00: all of the week, and 10 hours of the next day.
    const week = await reportFor(fx, MONDAY, '2026-03-08');
    expect(week.caseload.rows[0]).toMatchObject({ name: 'Alex Away', daysAbsent: 7 });
    const nineDays = await reportFor(fx, MONDAY, '2026-03-10');
    expect(nineDays.caseload.rows[0]).toMatchObject({ name: 'Alex Away', daysAbsent: 7.4 });
  });
});
