/**
 * A request refused because something already covers it says which thing, about the person by name
 * (where the requester may see the name), with the next step: follow the pending request, extend the
 * grant, or read the front sheet the allocation already opens. Nothing is created.
 */
import { describe, expect, it } from 'vitest';
import { one, sql } from '../../../electron/core/store/sql';
import { PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess, requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

describe('a request that something already covers', () => {
  it('points to the pending request that covers it, naming the person', async () => {
    const fx = await fixture();
    const pending = await createRequest(fx, 'priya', { scope: 'RISK_MANAGEMENT_PLAN' });
    const { results } = await fx.call('priya', 'requests.create', requestBody({ scope: 'FRONT_SHEET' }));
    expect(results[0]).toEqual({
      outcome: 'REFUSED',
      crn: PEOPLE.warrant.crn,
      error: {
        code: 'DUPLICATE_REQUEST',
        message: 'You already have a request for Wayne Walker waiting for a decision that covers the risk management plan. Open it to follow it or withdraw it.',
        duplicateOf: { kind: 'PENDING_REQUEST', requestId: pending.id },
      },
    });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: 1 });
  });

  it('finds the pending request that covers it even behind a narrower one', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { scope: 'FRONT_SHEET' });
    const wider = await createRequest(fx, 'priya', { scope: 'FULL_RECORD', durationDays: 14 });
    const { results } = await fx.call('priya', 'requests.create', requestBody({ scope: 'ROSH_SUMMARY' }));
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { duplicateOf: { kind: 'PENDING_REQUEST', requestId: wider.id } } });
  });

  it('points to the active grant to extend it, naming the person and when it ends', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya');
    const grant = await one<{ id: number; end_at: number }>(fx.engine, sql`SELECT id, end_at FROM grants WHERE crn = ${PEOPLE.warrant.crn}`);
    const { results } = await fx.call('priya', 'requests.create', requestBody({ scope: 'FRONT_SHEET' }));
    expect(results[0]).toEqual({
      outcome: 'REFUSED',
      crn: PEOPLE.warrant.crn,
      error: {
        code: 'DUPLICATE_REQUEST',
        message: 'You already have RoSH summary access to Wayne Walker until 9 March 2026, 10:00. To keep it longer, ask to extend it from My access.',
        duplicateOf: { kind: 'ACTIVE_GRANT', grantId: Number(grant!.id), until: Number(grant!.end_at) },
      },
    });
  });

  it('says the allocation already opens the front sheet, naming the person', async () => {
    const fx = await fixture();
    const { results } = await fx.call('alan', 'requests.create', requestBody({ crns: [PEOPLE.allocated.crn], scope: 'FRONT_SHEET' }));
    expect(results[0]).toEqual({
      outcome: 'REFUSED',
      crn: PEOPLE.allocated.crn,
      error: {
        code: 'DUPLICATE_REQUEST',
        message: 'Your allocation for Sam Stone already lets you read the front sheet: open their record to read it.',
        duplicateOf: { kind: 'ALLOCATION' },
      },
    });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: 0 });
  });

  it('does not name a restricted person the requester may not see', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.restricted.crn] });
    const { results } = await fx.call('priya', 'requests.create', requestBody({ crns: [PEOPLE.restricted.crn] }));
    const refusal = results[0]!;
    expect(refusal.outcome === 'REFUSED' && refusal.error.message).toBe(
      `You already have a request for this person (${PEOPLE.restricted.crn}) waiting for a decision that covers the RoSH summary. Open it to follow it or withdraw it.`,
    );
    expect(JSON.stringify(results)).not.toContain(PEOPLE.restricted.surname);
  });
});
