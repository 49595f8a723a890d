import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../../electron/core/clock/clock';
import { PEOPLE, useBrokerFixture, type BrokerFixture, type CastName } from '../../helpers/broker-fixture';
import type { Input } from '../../../shared/contract';

const fixture = useBrokerFixture();

const ask = (over: Partial<Input<'requests.create'>> = {}): Input<'requests.create'> => ({
  crns: [PEOPLE.warrant.crn],
  scope: 'ROSH_SUMMARY',
  purpose: 'APPOINTMENT_SAFETY',
  justification: 'First appointment on Thursday; need to plan who attends.',
  urgency: 'ROUTINE',
  durationDays: 7,
  ...over,
});

async function create(fx: BrokerFixture, who: CastName, over: Partial<Input<'requests.create'>> = {}) {
  const { results } = await fx.call(who, 'requests.create', ask(over));
  const r = results[0]!;
  if (r.outcome !== 'CREATED') throw new Error(`refused: ${r.error.code} ${r.error.message}`);
  return r.request;
}

describe('routing', () => {
  it('sends a request to the owner when the owner is available, due in one working day for routine requests', async () => {
    const fx = await fixture();
    const r = await create(fx, 'priya');
    expect(r.status).toBe('PENDING_OWNER');
    expect(r.queue).toBe('OWNER');
    expect(r.ownerName).toBe('Olivia Owner');
    // Monday 10:00 + 8 working hours = Tuesday 10:00.
    expect(r.deadline).toBe(fx.clock.now() + 24 * HOUR);
    expect(r.whereAndWhy).toContain('Olivia Owner');
  });

  it('gives immediate-safety requests 30 wall-clock minutes', async () => {
    const fx = await fixture();
    const r = await create(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    expect(r.deadline).toBe(fx.clock.now() + 30 * MINUTE);
  });

  it('brings the deadline forward so the hub still has its lead time before needed-by', async () => {
    const fx = await fixture();
    const neededBy = fx.clock.now() + 3 * HOUR;
    const r = await create(fx, 'priya', { neededBy });
    expect(r.deadline).toBe(neededBy - 2 * HOUR);
  });

  it('routes to the hub at once when the owner is on leave, and says why', async () => {
    const fx = await fixture();
    const r = await create(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    expect(r.status).toBe('PENDING_HUB');
    expect(r.hubReason).toBe('OWNER_ABSENT');
    expect(r.whereAndWhy).toBe('With the NPS hub: Alex Away is on leave until 9 Mar 10:00');
  });

  it('routes to the hub at once when no offender manager is recorded', async () => {
    const fx = await fixture();
    const r = await create(fx, 'priya', { crns: [PEOPLE.noOwner.crn] });
    expect(r.status).toBe('PENDING_HUB');
    expect(r.hubReason).toBe('NO_OWNER');
  });
});
