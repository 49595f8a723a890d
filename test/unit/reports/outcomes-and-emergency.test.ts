import { describe, expect, it } from 'vitest';
import { PASSWORD, PEOPLE, PROGRAMME_CRNS, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';
import { MONDAY, reportFor } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();
const safety = { urgency: 'IMMEDIATE_SAFETY' as const, scope: 'FRONT_SHEET' as const };

async function breakGlass(fx: BrokerFixture, who: 'priya' | 'tara', crn: string) {
  const r = await createRequest(fx, who, { ...safety, crns: [crn] });
  return (await fx.call(who, 'emergency.open', { requestId: r.id, password: PASSWORD, reasonCode: 'HOME_VISIT_IMMINENT', reasonText: '' })).use;
}

describe('outcomes', () => {
  it('counts approved, narrowed, refused, withdrawn and pending requests, and groups the refusal reasons', async () => {
    const fx = await fixture();
    const asked = await Promise.all(PROGRAMME_CRNS.slice(0, 7).map((crn) => createRequest(fx, 'priya', { crns: [crn], scope: 'ROSH_SUMMARY' })));
    const [approved, narrowed, shortened, refused1, refused2, withdrawn] = asked;
    fx.clock.advanceMinutes(20);
    await fx.call('olivia', 'requests.approve', { requestId: approved!.id });
    await fx.call('olivia', 'requests.approve', { requestId: narrowed!.id, scope: 'FRONT_SHEET' });
    await fx.call('olivia', 'requests.approve', { requestId: shortened!.id, durationDays: 3 });
    await fx.call('olivia', 'requests.deny', { requestId: refused1!.id, reasonCode: 'INSUFFICIENT_JUSTIFICATION', reason: 'Say what the session involves.' });
    await fx.call('olivia', 'requests.deny', { requestId: refused2!.id, reasonCode: 'INSUFFICIENT_JUSTIFICATION', reason: 'Which requirement is this for?' });
    await fx.call('priya', 'requests.withdraw', { requestId: withdrawn!.id });

    const { outcomes } = await reportFor(fx);
    expect(outcomes.total).toBe(7);
    expect(Object.fromEntries(outcomes.rows.map((o) => [o.outcome, o.count]))).toEqual({ APPROVED: 1, NARROWED: 2, DENIED: 2, WITHDRAWN: 1, PENDING: 1 });
    expect(outcomes.rows.find((o) => o.outcome === 'NARROWED')?.share).toBeCloseTo(2 / 7);
    expect(outcomes.refusalReasons.filter((x) => x.count > 0)).toEqual([
      { code: 'INSUFFICIENT_JUSTIFICATION', label: 'The justification is not enough', count: 2, share: 1 },
    ]);
  });

  it('breaks outcomes down by the offender manager’s team', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.noOwner.crn] });
    await fx.call('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'NOT_NEEDED_FOR_PURPOSE', reason: 'Not needed for unpaid work.' });

    const { outcomes } = await reportFor(fx, MONDAY, MONDAY, 'OWNER_TEAM');
    expect(outcomes.byGroup).toEqual([
      { key: 'N07T01', label: 'Camden NPS', total: 1, approved: 0, narrowed: 0, denied: 1, withdrawn: 0, pending: 0 },
      { key: '-', label: 'No offender manager recorded', total: 1, approved: 0, narrowed: 0, denied: 0, withdrawn: 0, pending: 1 },
    ]);
  });
});

describe('emergency access', () => {
  it('counts uses, who made them, repeat users and what the hub’s reviews found', async () => {
    const fx = await fixture();
    const first = await breakGlass(fx, 'priya', PEOPLE.warrant.crn);
    fx.clock.advanceMinutes(30);
    await breakGlass(fx, 'priya', PEOPLE.allocated.crn);
    await breakGlass(fx, 'tara', PEOPLE.veryHigh.crn);
    fx.clock.advanceMinutes(60);
    await fx.call('hana', 'emergency.review', { useId: first.id, outcome: 'JUSTIFIED_WITH_ADVICE', notes: 'Ask earlier next time.' });

    const { emergency } = await reportFor(fx);
    expect(emergency).toMatchObject({ uses: 3, users: 2, repeatUsers: 1 });
    expect(Object.fromEntries(emergency.reviewOutcomes.map((o) => [o.outcome, o.count]))).toEqual({
      JUSTIFIED: 0, JUSTIFIED_WITH_ADVICE: 1, NOT_JUSTIFIED_REFERRED: 0, NOT_YET_REVIEWED: 2,
    });
    expect(emergency.byUser).toEqual([
      expect.objectContaining({ name: 'Priya Practitioner', team: 'Islington CRC', provider: 'London CRC', uses: 2, justifiedWithAdvice: 1, notYetReviewed: 1 }),
      expect.objectContaining({ name: 'Tara Tutor', uses: 1, notYetReviewed: 1 }),
    ]);
  });

  it('counts a review only once it has happened by the end of the period', async () => {
    const fx = await fixture();
    const use = await breakGlass(fx, 'priya', PEOPLE.warrant.crn);
    fx.clock.advanceDays(1);
    await fx.call('hana', 'emergency.review', { useId: use.id, outcome: 'NOT_JUSTIFIED_REFERRED', notes: 'No appointment that day.' });

    const monday = await reportFor(fx, MONDAY, MONDAY);
    expect(monday.emergency.reviewOutcomes.find((o) => o.outcome === 'NOT_YET_REVIEWED')?.count).toBe(1);
    const week = await reportFor(fx, MONDAY, '2026-03-06');
    expect(week.emergency.byUser[0]).toMatchObject({ notJustified: 1, notYetReviewed: 0 });
  });
});
