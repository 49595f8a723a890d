/**
 * A report is counted by the database in a fixed number of statements: how many requests the
 * period holds must not change how many queries it takes (a year nationally is a million requests,
 * and on a server each statement is a round trip).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Breakdown } from '../../../shared/contract/reports';
import { countEngineStatements, type StatementCounter } from '../../helpers/statement-counter';
import { PASSWORD, PEOPLE, PROGRAMME_CRNS, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, requestBody } from '../../helpers/broker-requests';
import { MONDAY } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();
let counter: StatementCounter | null = null;
afterEach(() => {
  counter?.stop();
  counter = null;
});

async function statementsForReport(fx: BrokerFixture, breakdown: Breakdown): Promise<number> {
  await fx.signIn('hana');
  counter ??= countEngineStatements(fx.engine);
  const { statements, value } = await counter.during(() => fx.call('hana', 'reports.build', { from: MONDAY, to: '2026-03-06', breakdown }));
  expect(value.outcomes.total).toBeGreaterThan(0);
  return statements.length;
}

/** Requests of every kind: with the owner, with the hub, decided, refused, past their deadline, opened in an emergency. */
async function manyMoreRequests(fx: BrokerFixture): Promise<void> {
  await fx.call('priya', 'requests.create', requestBody({ crns: PROGRAMME_CRNS }));
  await fx.call('tara', 'requests.create', requestBody({ crns: [PEOPLE.warrant.crn, PEOPLE.allocated.crn, PEOPLE.veryHigh.crn, PEOPLE.absentOwner.crn, PEOPLE.noOwner.crn] }));
  const urgent = await createRequest(fx, 'rita', { crns: [PEOPLE.allocated.crn], urgency: 'IMMEDIATE_SAFETY' });
  await fx.call('rita', 'emergency.open', { requestId: urgent.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' });
  const olivias = (await fx.call('priya', 'requests.mine', { limit: 500, offset: 0, filter: 'OPEN' })).rows.filter((r) => r.ownerStaffCode === 'N07T01A');
  await fx.call('olivia', 'requests.approve', { requestId: olivias[0]!.id });
  await fx.call('olivia', 'requests.deny', { requestId: olivias[1]!.id, reasonCode: 'SCOPE_TOO_WIDE', reason: 'The front sheet is enough for a programme.' });
  fx.clock.advanceDays(2);
  await fx.core.sweep();
}

describe('report statement counts', () => {
  it.each(['NONE', 'OFFENDER_MANAGER', 'REQUESTER_PROVIDER'] as const)('builds a report broken down by %s in as many statements for many requests as for one', async (breakdown) => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const few = await statementsForReport(fx, breakdown);
    await manyMoreRequests(fx);
    expect(await statementsForReport(fx, breakdown)).toBe(few);
  });
});
