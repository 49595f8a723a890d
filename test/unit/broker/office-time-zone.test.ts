/**
 * The office's time zone is a policy setting (the one working hours are counted in). Absence
 * wording and which day an allocation starts follow it, not a zone fixed in code.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/contract';
import { run, sql } from '../../../electron/core/store/sql';
import { CAST, PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

async function setOfficeTimeZone(fx: BrokerFixture, timeZone: string): Promise<void> {
  const policy = { ...DEFAULT_POLICY, workingHours: { ...DEFAULT_POLICY.workingHours, timeZone } };
  await fx.call('ada', 'admin.updatePolicy', { policy, confirmPassword: PASSWORD });
}

/** Priya delivers a requirement for the warrant case from 3 March 2026. */
async function allocateFromTuesday(fx: BrokerFixture): Promise<void> {
  await run(fx.engine, sql`INSERT INTO allocations (id, crn, staff_code, kind, description, start_date) VALUES ('tz-alloc', ${PEOPLE.warrant.crn}, ${CAST.priya.staffCode}, 'REQUIREMENT', 'Unpaid Work', '2026-03-03')`);
}

describe('the office time zone from policy', () => {
  it('words the owner’s absence in the policy’s time zone: 10:00 in London is 19:00 in Tokyo', async () => {
    const fx = await fixture();
    await setOfficeTimeZone(fx, 'Asia/Tokyo');
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    expect(r.whereAndWhy).toBe('With the NPS hub: Alex Away is on leave until 9 March 2026, 19:00');
  });

  it('starts an allocation on the policy’s calendar day: at 20:00 on Monday in London it is already Tuesday in Auckland', async () => {
    const fx = await fixture();
    fx.clock.advanceHours(10); // Monday 2 March 2026, 20:00 UTC
    await allocateFromTuesday(fx);
    await setOfficeTimeZone(fx, 'Pacific/Auckland');
    const { results } = await fx.call('priya', 'requests.create', requestBody({ scope: 'FRONT_SHEET' }));
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { code: 'DUPLICATE_REQUEST', message: 'Your allocation for Wayne Walker already lets you read the front sheet: open their record to read it.', duplicateOf: { kind: 'ALLOCATION' } } });
  });

  it('has not started that allocation yet while the policy keeps the office in London', async () => {
    const fx = await fixture();
    fx.clock.advanceHours(10);
    await allocateFromTuesday(fx);
    const r = await createRequest(fx, 'priya', { scope: 'FRONT_SHEET' });
    expect(r).toMatchObject({ status: 'PENDING_OWNER', scope: 'FRONT_SHEET' });
  });
});
