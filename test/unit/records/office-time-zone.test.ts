/**
 * Which allocations and registrations are current is decided on the office's calendar day: the
 * policy's time zone, the one working hours are counted in. At 20:00 on Monday 2 March 2026 in
 * London it is already 09:00 on Tuesday 3 March in Auckland.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/contract';
import { run, sql } from '../../../electron/core/store/sql';
import { CAST, PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';

const fixture = useBrokerFixture();

const NEW_PROGRAMME = 'BBR-CAM-02';

async function setOfficeTimeZone(fx: BrokerFixture, timeZone: string): Promise<void> {
  const policy = { ...DEFAULT_POLICY, workingHours: { ...DEFAULT_POLICY.workingHours, timeZone } };
  await fx.call('ada', 'admin.updatePolicy', { policy, confirmPassword: PASSWORD });
}

/**
 * Monday 20:00 in London. From Tuesday Sam Stone has a Very High RoSH and an outstanding warrant,
 * and Tara runs a new programme for him; Alan's allocation for Wayne Walker ended on Monday.
 */
async function mondayEveningInLondon(timeZone: string): Promise<BrokerFixture> {
  const fx = await fixture();
  fx.clock.advanceHours(10);
  const registration = (id: string, crn: string, typeCode: string) =>
    run(fx.engine, sql`INSERT INTO registrations (id, crn, type_code, start_date) VALUES (${id}, ${crn}, ${typeCode}, '2026-03-03')`);
  await registration('tz-rosh', PEOPLE.allocated.crn, 'RVHR');
  await registration('tz-warrant', PEOPLE.allocated.crn, 'WRSM');
  const allocation = (id: string, crn: string, staffCode: string, kind: string, description: string, programmeCode: string | null, startDate: string, endDate: string | null) =>
    run(
      fx.engine,
      sql`INSERT INTO allocations (id, crn, staff_code, kind, description, programme_code, start_date, end_date) VALUES (${id}, ${crn}, ${staffCode}, ${kind}, ${description}, ${programmeCode}, ${startDate}, ${endDate})`,
    );
  await allocation('tz-programme', PEOPLE.allocated.crn, CAST.tara.staffCode, 'PROGRAMME', 'Building Better Relationships', NEW_PROGRAMME, '2026-03-03', null);
  await allocation('tz-ended', PEOPLE.warrant.crn, CAST.alan.staffCode, 'REQUIREMENT', 'Unpaid work supervision', null, '2026-02-01', '2026-03-02');
  await setOfficeTimeZone(fx, timeZone);
  return fx;
}

describe('the office’s calendar day for records', () => {
  it('counts a registration starting on Tuesday as active once it is Tuesday in Auckland: risk summary and front sheet', async () => {
    const fx = await mondayEveningInLondon('Pacific/Auckland');
    const person = await fx.call('olivia', 'people.get', { crn: PEOPLE.allocated.crn });
    expect(person.risk).toMatchObject({ roshLevel: 'VERY_HIGH' });
    expect(person.risk?.flags.map((f) => f.code)).toEqual(['WRSM', 'AV2S']);
    const record = await fx.call('alan', 'records.read', { crn: PEOPLE.allocated.crn });
    expect(record.frontSheet?.alerts.map((a) => a.code)).toEqual(['WRSM', 'AV2S']);
    expect(record.frontSheet?.roshLevel).toBe('VERY_HIGH');
  });

  it('lists a programme starting on Tuesday among the tutor’s programmes once it is Tuesday in Tokyo', async () => {
    const fx = await mondayEveningInLondon('Asia/Tokyo');
    expect((await fx.call('tara', 'people.myProgrammes', {})).map((p) => p.programmeCode)).toContain(NEW_PROGRAMME);
    const group = await fx.call('tara', 'people.programme', { programmeCode: NEW_PROGRAMME });
    expect(group.people.map((p) => p.crn)).toEqual([PEOPLE.allocated.crn]);
  });

  it('no longer lists among my allocations one that ended on Monday once it is Tuesday in Auckland', async () => {
    const fx = await mondayEveningInLondon('Pacific/Auckland');
    const person = await fx.call('alan', 'people.get', { crn: PEOPLE.warrant.crn });
    expect(person.myAllocations).toEqual([]);
  });

  it('keeps Monday’s picture while the policy keeps the office in London', async () => {
    const fx = await mondayEveningInLondon('Europe/London');
    const person = await fx.call('olivia', 'people.get', { crn: PEOPLE.allocated.crn });
    expect(person.risk).toMatchObject({ roshLevel: 'MEDIUM' });
    expect(person.risk?.flags.map((f) => f.code)).toEqual(['AV2S']);
    expect((await fx.call('alan', 'records.read', { crn: PEOPLE.allocated.crn })).frontSheet?.alerts.map((a) => a.code)).toEqual(['AV2S']);
    expect((await fx.call('tara', 'people.myProgrammes', {})).map((p) => p.programmeCode)).not.toContain(NEW_PROGRAMME);
    expect((await fx.call('tara', 'people.programme', { programmeCode: NEW_PROGRAMME })).people).toEqual([]);
    expect((await fx.call('alan', 'people.get', { crn: PEOPLE.warrant.crn })).myAllocations.map((a) => a.id)).toEqual(['tz-ended']);
  });
});
