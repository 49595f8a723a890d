/**
 * Lists are answered in a fixed number of set-based queries: the statements one call runs must not
 * grow with the rows on the page (on a server, each would be a network round trip). And a row in a
 * list says exactly what the request's own view says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName, Input, Output } from '../../../shared/contract';
import { countEngineStatements, type StatementCounter } from '../../helpers/statement-counter';
import { PASSWORD, PEOPLE, PROGRAMME_CRNS, useBrokerFixture, type BrokerFixture, type CastName } from '../../helpers/broker-fixture';
import { createRequest, requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();
let counter: StatementCounter | null = null;
afterEach(() => {
  counter?.stop();
  counter = null;
});

/** A few requests of every kind: with the owner, with the hub (owner away), restricted, no owner. */
async function fewRequests(fx: BrokerFixture): Promise<void> {
  await fx.call('priya', 'requests.create', requestBody({ crns: [PEOPLE.warrant.crn, PEOPLE.absentOwner.crn, PEOPLE.restricted.crn, PEOPLE.noOwner.crn] }));
}

/** Many more of every kind, some decided, some past their deadline, one opened in an emergency. */
async function manyMoreRequests(fx: BrokerFixture): Promise<void> {
  await fx.call('priya', 'requests.create', requestBody({ crns: PROGRAMME_CRNS }));
  await fx.call('tara', 'requests.create', requestBody({ crns: [PEOPLE.warrant.crn, PEOPLE.allocated.crn, PEOPLE.veryHigh.crn, PEOPLE.absentOwner.crn, PEOPLE.restricted.crn, PEOPLE.noOwner.crn] }));
  await fx.call('alan', 'requests.create', requestBody({ crns: [...PROGRAMME_CRNS, PEOPLE.veryHigh.crn, PEOPLE.excluded.crn] }));
  const urgent = await createRequest(fx, 'rita', { crns: [PEOPLE.allocated.crn], urgency: 'IMMEDIATE_SAFETY' });
  await fx.call('rita', 'emergency.open', { requestId: urgent.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' });
  const mine = await fx.call('priya', 'requests.mine', { limit: 500, offset: 0, filter: 'OPEN' });
  await fx.call('olivia', 'requests.approve', { requestId: mine.rows.find((r) => r.ownerStaffCode === 'N07T01A')!.id });
  fx.clock.advanceDays(2);
}

async function statementsFor<C extends ChannelName>(fx: BrokerFixture, who: CastName, channel: C, input: Input<C>): Promise<{ statements: string[]; value: Output<C> }> {
  await fx.signIn(who);
  counter ??= countEngineStatements(fx.engine);
  return counter.during(() => fx.call(who, channel, input));
}

const LISTS: { name: string; who: CastName; channel: ChannelName; input: Record<string, unknown> }[] = [
  { name: 'the hub queue', who: 'hana', channel: 'requests.hubQueue', input: { limit: 500, offset: 0, filter: 'ALL' } },
  { name: 'the owner inbox', who: 'olivia', channel: 'requests.inbox', input: { limit: 500, offset: 0, filter: 'ALL' } },
  { name: 'a deputy\'s inbox', who: 'dev', channel: 'requests.inbox', input: { limit: 500, offset: 0, filter: 'ALL' } },
  { name: 'my requests', who: 'priya', channel: 'requests.mine', input: { limit: 500, offset: 0, filter: 'ALL' } },
  { name: 'my caseload', who: 'olivia', channel: 'caseload.mine', input: { query: '', limit: 500, offset: 0 } },
];

const withLimit = (input: Record<string, unknown>, limit: number) => ({ ...input, limit }) as never;

describe('list services run a fixed number of statements per call', () => {
  for (const list of LISTS) {
    it(`${list.name}: a page of many rows runs the same statements as a page of two`, async () => {
      const fx = await fixture();
      await fewRequests(fx);
      await manyMoreRequests(fx);
      const two = await statementsFor(fx, list.who, list.channel, withLimit(list.input, 2));
      const many = await statementsFor(fx, list.who, list.channel, withLimit(list.input, 500));
      const rows = (v: unknown) => (v as { rows: unknown[] }).rows.length;
      expect(rows(two.value)).toBe(2);
      expect(rows(many.value)).toBeGreaterThan(6);
      expect(many.statements.length, many.statements.join('\n')).toBe(two.statements.length);
      // A page costs a handful of queries (session, actor, page, count, and its facts in one), not one per row.
      expect(many.statements.length).toBeLessThanOrEqual(17);
    });
  }
});

describe('a row in a list says what the request\'s own view says', () => {
  it('for the hub, the owner, a deputy and the requester', async () => {
    const fx = await fixture();
    await fewRequests(fx);
    await manyMoreRequests(fx);
    for (const list of LISTS.filter((l) => l.channel !== 'caseload.mine')) {
      await fx.signIn(list.who);
      const { rows } = (await fx.call(list.who, list.channel, list.input as never)) as { rows: Output<'requests.mine'>['rows'] };
      expect(rows.length, list.name).toBeGreaterThan(3);
      for (const row of rows) {
        const own = await fx.call(list.who, 'requests.get', { requestId: row.id });
        expect(row, `${list.name}, request ${row.id}`).toMatchObject(own.request);
      }
    }
  });
});

describe('finding people costs one read check per row, and the rest once per page', () => {
  it('a search page of many people runs one statement more per extra row than a page of two', async () => {
    const fx = await fixture();
    await fewRequests(fx);
    await manyMoreRequests(fx);
    // "X1" is a CRN prefix every person of the cast shares.
    const two = await statementsFor(fx, 'priya', 'people.search', { query: 'X1', limit: 2, offset: 0 });
    const many = await statementsFor(fx, 'priya', 'people.search', { query: 'X1', limit: 500, offset: 0 });
    expect(two.value.rows).toHaveLength(2);
    expect(many.value.rows.length).toBeGreaterThan(6);
    expect(many.statements.length - two.statements.length, many.statements.join('\n')).toBe(many.value.rows.length - 2);
    // Each row still says whether its reader has a request open for that person.
    expect(many.value.rows.some((r) => r.pendingRequestId !== null)).toBe(true);
  });
});
