/** Small helpers for broker tests: a valid request body, creating one request as a cast member, a set of overdue ones. */
import type { Input, RequestRow } from '../../shared/contract';
import { HOUR } from '../../electron/core/clock/clock';
import { PEOPLE, PROGRAMME_CRNS, type BrokerFixture, type CastName } from './broker-fixture';

export const requestBody = (over: Partial<Input<'requests.create'>> = {}): Input<'requests.create'> => ({
  crns: [PEOPLE.warrant.crn],
  scope: 'ROSH_SUMMARY',
  purpose: 'APPOINTMENT_SAFETY',
  justification: 'First appointment on Thursday; need to plan who attends.',
  urgency: 'ROUTINE',
  durationDays: 7,
  ...over,
});

/**
 * An immediate-safety request that the owner holds alone for its 30-minute turn: needed in 3 hours,
 * far enough off for the owner and then the hub (2 hours' lead) to take turns, and close enough for
 * emergency access. Without a needed-by it would go to the owner and the hub together at once
 * (broker rule 3).
 */
export const safetyWithOwnerTurn = (fx: BrokerFixture) => ({ urgency: 'IMMEDIATE_SAFETY' as const, neededBy: fx.clock.now() + 3 * HOUR });

/** Creates one request and returns its row; fails the test if it was refused. */
export async function createRequest(fx: BrokerFixture, who: CastName, over: Partial<Input<'requests.create'>> = {}): Promise<RequestRow> {
  const { results } = await fx.call(who, 'requests.create', requestBody(over));
  const r = results[0]!;
  if (r.outcome !== 'CREATED') throw new Error(`request refused: ${r.error.code} ${r.error.message}`);
  return r.request;
}

/** Creates and approves a request, returning the approved row (with its grant). */
export async function grantAccess(fx: BrokerFixture, who: CastName, over: Partial<Input<'requests.create'>> = {}, approver: CastName = 'olivia'): Promise<RequestRow> {
  const r = await createRequest(fx, who, over);
  return fx.call(approver, 'requests.approve', { requestId: r.id });
}

/** Many pending requests from three practitioners for eleven people, all past the owner's deadline. */
export async function overdueRequests(fx: BrokerFixture): Promise<number[]> {
  const crns = [...PROGRAMME_CRNS.slice(0, 8), PEOPLE.warrant.crn, PEOPLE.allocated.crn, PEOPLE.veryHigh.crn];
  const ids: number[] = [];
  for (const who of ['priya', 'alan', 'rita'] as const) {
    const { results } = await fx.call(who, 'requests.create', requestBody({ crns, ...safetyWithOwnerTurn(fx), scope: 'ROSH_SUMMARY', durationDays: 3 }));
    for (const r of results) if (r.outcome === 'CREATED') ids.push(r.request.id);
  }
  fx.clock.advanceHours(1);
  return ids;
}
