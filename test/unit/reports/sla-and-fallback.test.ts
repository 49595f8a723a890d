import { describe, expect, it } from 'vitest';
import { DAY } from '../../../electron/core/clock/clock';
import { run, sql } from '../../../electron/core/store/sql';
import { CAST, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, safetyWithOwnerTurn } from '../../helpers/broker-requests';
import { MONDAY, reportFor } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();
const safety = { urgency: 'IMMEDIATE_SAFETY' as const, scope: 'FRONT_SHEET' as const };

describe('SLA performance', () => {
  it('counts a decision by the deadline as met and a later one as a breach, with how late it was', async () => {
    const fx = await fixture();
    const inTime = await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.warrant.crn] });
    const late = await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.allocated.crn] });
    fx.clock.advanceMinutes(10);
    await fx.call('olivia', 'requests.approve', { requestId: inTime.id });
    fx.clock.advanceMinutes(35);
    await fx.call('olivia', 'requests.approve', { requestId: late.id });

    const { sla } = await reportFor(fx);
    expect(sla.overall).toEqual({ due: 2, met: 1, breached: 1, notYetDue: 0, shareMet: 0.5 });
    expect(sla.byUrgency.find((u) => u.urgency === 'IMMEDIATE_SAFETY')).toMatchObject({ due: 2, met: 1, breached: 1 });
    expect(sla.breaches.total).toBe(1);
    expect(sla.breaches.rows[0]).toMatchObject({
      requestId: late.id, urgency: 'IMMEDIATE_SAFETY', outcome: 'APPROVED', route: 'OWNER', minutesLate: 15,
      ownerName: 'Olivia Owner', ownerTeam: 'Camden NPS', requesterProvider: 'London CRC', resolvedAt: fx.clock.now(),
    });
  });

  it('counts a request nobody decided as a breach, late by the time it has waited past its deadline', async () => {
    const fx = await fixture();
    const forgotten = await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.warrant.crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    fx.clock.advanceMinutes(100);
    await fx.core.sweep();

    const { sla } = await reportFor(fx);
    expect(sla.overall).toMatchObject({ due: 1, met: 0, breached: 1, notYetDue: 1, shareMet: 0 });
    expect(sla.breaches.rows).toEqual([expect.objectContaining({ requestId: forgotten.id, outcome: 'PENDING', route: null, resolvedAt: null, minutesLate: 70 })]);
  });

  it('leaves out a request withdrawn before its deadline, and counts one withdrawn after it as a breach', async () => {
    const fx = await fixture();
    const early = await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.warrant.crn] });
    const gaveUp = await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.allocated.crn] });
    fx.clock.advanceMinutes(5);
    await fx.call('priya', 'requests.withdraw', { requestId: early.id });
    fx.clock.advanceMinutes(40);
    await fx.call('priya', 'requests.withdraw', { requestId: gaveUp.id });

    const { sla } = await reportFor(fx);
    expect(sla.overall).toMatchObject({ due: 1, met: 0, breached: 1, notYetDue: 0 });
    expect(sla.breaches.rows[0]).toMatchObject({ requestId: gaveUp.id, outcome: 'WITHDRAWN', minutesLate: 15 });
  });

  it('reports a closed period as it stood at its end: a decision made afterwards does not count yet', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.warrant.crn] });
    fx.clock.advanceDays(1);
    await fx.call('olivia', 'requests.approve', { requestId: r.id });

    const monday = await reportFor(fx, MONDAY, MONDAY);
    expect(monday.period.asOf).toBe(Date.UTC(2026, 2, 3) - 1);
    expect(monday.outcomes.rows.find((o) => o.outcome === 'PENDING')?.count).toBe(1);
    // Created 10:00, due 10:30, still undecided at the end of Monday: 13½ hours late.
    expect(monday.sla.breaches.rows[0]).toMatchObject({ outcome: 'PENDING', minutesLate: 810 });
    const both = await reportFor(fx, MONDAY, '2026-03-03');
    expect(both.outcomes.rows.find((o) => o.outcome === 'APPROVED')?.count).toBe(1);
    expect(both.waitTimes.byRoute[0]).toMatchObject({ route: 'ALL', count: 1, medianMinutes: 24 * 60 });
  });
});

describe('fallback to the hub', () => {
  it('gives the share of requests that went to the hub and why', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.noOwner.crn] });
    // Immediate safety with no needed-by goes to the owner and the hub together; with one far off, the owner has a 30-minute turn.
    await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.warrant.crn] });
    await createRequest(fx, 'priya', { ...safety, ...safetyWithOwnerTurn(fx), crns: [PEOPLE.veryHigh.crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    fx.clock.advanceMinutes(31);
    await fx.core.sweep();

    const { fallback } = await reportFor(fx);
    expect(fallback).toMatchObject({ requests: 5, toHub: 4, shareToHub: 0.8 });
    expect(Object.fromEntries(fallback.reasons.map((x) => [x.reason, x.count]))).toEqual({ OWNER_ABSENT: 1, OWNER_INACTIVE: 0, NO_OWNER: 1, DEADLINE_MISSED: 1, NEEDED_SOON: 1, REQUESTER_IS_ONLY_DECIDER: 0 });
    expect(fallback.reasons.reduce((sum, x) => sum + x.count, 0)).toBe(fallback.toHub);
    expect(fallback.reasons.find((x) => x.reason === 'OWNER_ABSENT')?.share).toBeCloseTo(1 / 4);
  });

  it('counts an escalation only from the moment the deadline passed', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    fx.clock.advanceDays(1);
    await fx.core.sweep();

    expect((await reportFor(fx, MONDAY, MONDAY)).fallback.toHub).toBe(0);
    expect((await reportFor(fx, MONDAY, '2026-03-03')).fallback).toMatchObject({ toHub: 1, shareToHub: 1 });
  });

  it('breaks fallback down by offender manager', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.noOwner.crn] });

    const { fallback } = await reportFor(fx, MONDAY, MONDAY, 'OFFENDER_MANAGER');
    expect(fallback.byGroup.map((g) => [g.label, g.requests, g.toHub, g.ownerAbsent, g.noOwner])).toEqual([
      ['Alex Away', 1, 1, 1, 0],
      ['No offender manager recorded', 1, 1, 0, 1],
      ['Olivia Owner', 1, 0, 0, 0],
    ]);
  });

  it('counts an owner going off sick while a request waits as the owner being away', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    await run(fx.engine, sql`UPDATE deputies SET end_at = ${fx.clock.now()}`);
    await fx.call('ada', 'caseload.recordAbsence', { staffCode: CAST.olivia.staffCode, kind: 'SICKNESS', startAt: fx.clock.now(), endAt: fx.clock.now() + 2 * DAY });
    fx.clock.advanceMinutes(1);
    await fx.core.sweep();
    expect((await reportFor(fx)).fallback.reasons.find((x) => x.reason === 'OWNER_ABSENT')?.count).toBe(1);
  });
});
