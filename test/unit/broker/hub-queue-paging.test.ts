/**
 * The hub queue pages open requests by (deadline, id) and filters on the server, so the screen
 * loads one page at a time. Following the keys must give exactly the rows one long page gives.
 */
import { describe, expect, it } from 'vitest';
import { PEOPLE, PROGRAMME_CRNS, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

/** Requests with the hub (Alex is away) from three requesters, and Olivia's left to go overdue. */
async function busyHub(fx: BrokerFixture): Promise<void> {
  await fx.call('priya', 'requests.create', requestBody({ crns: [...PROGRAMME_CRNS, PEOPLE.absentOwner.crn, PEOPLE.restricted.crn] }));
  await fx.call('tara', 'requests.create', requestBody({ crns: [PEOPLE.absentOwner.crn, PEOPLE.warrant.crn], urgency: 'IMMEDIATE_SAFETY' }));
  await fx.call('alan', 'requests.create', requestBody({ crns: PROGRAMME_CRNS.slice(0, 5), urgency: 'WITHIN_2_WORKING_DAYS' }));
  // A day and a half on, some of Olivia's have passed their deadline and show in the hub queue too.
  fx.clock.advanceHours(36);
}

describe('the hub queue', () => {
  it('pages open requests by (deadline, id): following each page\'s key gives the long page\'s rows in order, once each', async () => {
    const fx = await fixture();
    await busyHub(fx);
    const whole = await fx.call('hana', 'requests.hubQueue', { limit: 500 });
    expect(whole.rows.length).toBeGreaterThan(10);
    expect(whole.next).toBeNull();
    const paged: number[] = [];
    let page = await fx.call('hana', 'requests.hubQueue', { limit: 3 });
    paged.push(...page.rows.map((r) => r.id));
    while (page.next) {
      page = await fx.call('hana', 'requests.hubQueue', { limit: 3, after: page.next });
      expect(page.total).toBe(whole.total);
      paged.push(...page.rows.map((r) => r.id));
    }
    expect(paged).toEqual(whole.rows.map((r) => r.id));
    const deadlines = whole.rows.map((r) => r.deadline);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
  });

  it('filters by every word typed, in the person, CRN, requester, provider or owner, counting only what matches', async () => {
    const fx = await fixture();
    await busyHub(fx);
    const abbott = await fx.call('hana', 'requests.hubQueue', { limit: 500, text: 'abe abbott' });
    expect(abbott.rows.map((r) => r.crn)).toEqual([PEOPLE.absentOwner.crn, PEOPLE.absentOwner.crn]);
    expect(abbott.total).toBe(2);
    const tara = await fx.call('hana', 'requests.hubQueue', { limit: 500, text: 'Tutor' });
    expect(tara.rows.length).toBeGreaterThan(0);
    expect(tara.rows.every((r) => r.requesterName === 'Tara Tutor')).toBe(true);
    const byCrn = await fx.call('hana', 'requests.hubQueue', { limit: 500, text: PROGRAMME_CRNS[0]!.toLowerCase() });
    expect(new Set(byCrn.rows.map((r) => r.crn))).toEqual(new Set([PROGRAMME_CRNS[0]]));
    const none = await fx.call('hana', 'requests.hubQueue', { limit: 500, text: 'nobody-by-this-name' });
    expect(none).toMatchObject({ rows: [], total: 0, next: null });
  });

  it('never finds a restricted person by a name the viewer may not see, but an LAO administrator may', async () => {
    const fx = await fixture();
    await busyHub(fx);
    const hub = await fx.call('hana', 'requests.hubQueue', { limit: 500 });
    expect(hub.rows.find((r) => r.crn === PEOPLE.restricted.crn)?.personName).toBe('Access restricted');
    expect((await fx.call('hana', 'requests.hubQueue', { limit: 500, text: PEOPLE.restricted.surname })).rows).toEqual([]);
    expect((await fx.call('hana', 'requests.hubQueue', { limit: 500, text: PEOPLE.restricted.crn })).rows).toHaveLength(1);
    const lao = await fx.call('lars', 'requests.hubQueue', { limit: 500, text: PEOPLE.restricted.surname });
    expect(lao.rows.map((r) => r.crn)).toEqual([PEOPLE.restricted.crn]);
  });

  it('shows only overdue requests when asked, and counts them', async () => {
    const fx = await fixture();
    await busyHub(fx);
    const all = await fx.call('hana', 'requests.hubQueue', { limit: 500 });
    const overdue = await fx.call('hana', 'requests.hubQueue', { limit: 500, overdueOnly: true });
    expect(overdue.rows.length).toBeGreaterThan(0);
    expect(overdue.rows.every((r) => r.overdue)).toBe(true);
    expect(overdue.rows.map((r) => r.id)).toEqual(all.rows.filter((r) => r.overdue).map((r) => r.id));
    expect(overdue.total).toBe(all.overdue);
  });

  it('refuses a key together with an offset or with decided requests, naming the field', async () => {
    const fx = await fixture();
    await busyHub(fx);
    const after = { deadline: fx.clock.now(), id: 1 };
    for (const input of [{ after, offset: 10 }, { after, filter: 'DECIDED' as const }]) {
      const r = await fx.attempt('hana', 'requests.hubQueue', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!r.ok) expect(r.error.message).toContain('after');
    }
  });
});
