import { describe, expect, it } from 'vitest';
import { PASSWORD, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';
import { byRoute, reportFor } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();

describe('time from request to decision', () => {
  it('gives median 20, 90th percentile 90 and maximum 90 for decisions after 10, 20 and 90 minutes', async () => {
    const fx = await fixture();
    const a = await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const b = await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    const c = await createRequest(fx, 'priya', { crns: [PEOPLE.veryHigh.crn] });
    fx.clock.advanceMinutes(10);
    await fx.call('olivia', 'requests.approve', { requestId: a.id });
    fx.clock.advanceMinutes(10);
    await fx.call('olivia', 'requests.approve', { requestId: b.id });
    fx.clock.advanceMinutes(70);
    await fx.call('olivia', 'requests.deny', { requestId: c.id, reasonCode: 'SCOPE_TOO_WIDE', reason: 'The front sheet is enough for a programme.' });

    const r = await reportFor(fx);
    expect(byRoute(r, 'ALL')).toMatchObject({ count: 3, medianMinutes: 20, p90Minutes: 90, maxMinutes: 90 });
    expect(byRoute(r, 'OWNER')).toMatchObject({ count: 3, medianMinutes: 20, p90Minutes: 90, maxMinutes: 90 });
    expect(byRoute(r, 'HUB')).toMatchObject({ count: 0, medianMinutes: null, p90Minutes: null, maxMinutes: null });
    expect(r.waitTimes.byUrgency.find((u) => u.urgency === 'ROUTINE')).toMatchObject({ count: 3, medianMinutes: 20 });
  });

  it('splits waits by who decided: offender manager, deputy, hub, and the time until emergency access opened', async () => {
    const fx = await fixture();
    const byOwner = await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const byDeputy = await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    const byHub = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    const glass = await createRequest(fx, 'tara', { crns: [PEOPLE.veryHigh.crn], scope: 'FRONT_SHEET', urgency: 'IMMEDIATE_SAFETY' });
    fx.clock.advanceMinutes(5);
    await fx.call('dev', 'requests.approve', { requestId: byDeputy.id });
    fx.clock.advanceMinutes(7);
    await fx.call('tara', 'emergency.open', { requestId: glass.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' });
    fx.clock.advanceMinutes(28);
    await fx.call('hana', 'requests.approve', { requestId: byHub.id });
    fx.clock.advanceMinutes(20);
    await fx.call('olivia', 'requests.approve', { requestId: byOwner.id });

    const r = await reportFor(fx);
    expect(byRoute(r, 'DEPUTY')).toMatchObject({ count: 1, medianMinutes: 5, maxMinutes: 5 });
    expect(byRoute(r, 'HUB')).toMatchObject({ count: 1, medianMinutes: 40 });
    expect(byRoute(r, 'OWNER')).toMatchObject({ count: 1, medianMinutes: 60 });
    expect(byRoute(r, 'EMERGENCY')).toMatchObject({ count: 1, medianMinutes: 12 });
    // Break-glass is not a decision: the request it was used on is still waiting.
    expect(byRoute(r, 'ALL')).toMatchObject({ count: 3, medianMinutes: 40, maxMinutes: 60 });
    expect(r.outcomes.rows.find((o) => o.outcome === 'PENDING')?.count).toBe(1);
  });

  it('counts each wait once in the distribution, in the band it falls in', async () => {
    const fx = await fixture();
    const quick = await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const slow = await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    fx.clock.advanceMinutes(14);
    await fx.call('olivia', 'requests.approve', { requestId: quick.id });
    fx.clock.advanceMinutes(3 * 60 - 14);
    await fx.call('olivia', 'requests.approve', { requestId: slow.id });

    const { bins, series } = (await reportFor(fx)).waitTimes.distribution;
    const owner = series.find((s) => s.route === 'OWNER')!;
    expect(owner.counts[bins.findIndex((b) => b.label === 'Under 15 min')]).toBe(1);
    expect(owner.counts[bins.findIndex((b) => b.label === '2–4 h')]).toBe(1);
    expect(owner.counts.reduce((a, b) => a + b, 0)).toBe(2);
    for (const other of series.filter((s) => s.route !== 'OWNER')) expect(other.counts.every((n) => n === 0)).toBe(true);
  });

  it('breaks waits down by offender manager and by requesting provider', async () => {
    const fx = await fixture();
    const a = await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const b = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    fx.clock.advanceMinutes(30);
    await fx.call('olivia', 'requests.approve', { requestId: a.id });
    await fx.call('hana', 'requests.approve', { requestId: b.id });

    const byOwner = await reportFor(fx, undefined, undefined, 'OFFENDER_MANAGER');
    expect(byOwner.waitTimes.byGroup.map((g) => [g.label, g.count, g.medianMinutes])).toEqual([
      ['Alex Away', 1, 30],
      ['Olivia Owner', 1, 30],
    ]);
    const byProvider = await reportFor(fx, undefined, undefined, 'REQUESTER_PROVIDER');
    expect(byProvider.waitTimes.byGroup.map((g) => [g.key, g.label, g.count])).toEqual([['C17', 'London CRC', 2]]);
    const byRegion = await reportFor(fx, undefined, undefined, 'REGION');
    expect(byRegion.waitTimes.byGroup.map((g) => [g.key, g.label, g.count])).toEqual([['N07', 'NPS London', 2]]);
    expect((await reportFor(fx)).waitTimes.byGroup).toEqual([]);
  });
});
