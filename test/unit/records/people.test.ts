import { describe, expect, it } from 'vitest';
import { all, run, sql } from '../../../electron/core/store/sql';
import { PEOPLE, PROGRAMME_CODE, useBrokerFixture } from '../../helpers/broker-fixture';
import { grantAccess } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

describe('finding people', () => {
  it('finds by surname or CRN and says what the viewer can see', async () => {
    const fx = await fixture();
    const bySurname = await fx.call('alan', 'people.search', { query: 'sto' });
    expect(bySurname.rows).toEqual([
      expect.objectContaining({ crn: PEOPLE.allocated.crn, name: 'Sam Stone', accessRestricted: false, myAccess: { scope: 'FRONT_SHEET', route: 'ALLOCATION', until: null, grantId: null } }),
    ]);
    const byCrn = await fx.call('alan', 'people.search', { query: PEOPLE.warrant.crn.toLowerCase() });
    expect(byCrn.rows[0]).toMatchObject({ crn: PEOPLE.warrant.crn, myAccess: { scope: null } });
    expect((await fx.call('alan', 'people.search', { query: 'X2000' })).total).toBe(12);
    expect((await fx.call('alan', 'people.search', { query: 'wayne WAL' })).rows.map((r) => r.crn)).toEqual([PEOPLE.warrant.crn]);
    expect((await fx.call('alan', 'people.search', { query: 'victor WAL' })).rows).toEqual([]);
  });

  it('finds a person by PNC, with or without the slash, and by "Surname, Forename" as on a list', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE people SET pnc = ${'2012/0123456A'} WHERE crn = ${PEOPLE.warrant.crn}`);
    for (const query of ['2012/0123456A', '20120123456A', '2012/123456a', ' 2012 / 0123456A ']) {
      expect((await fx.call('alan', 'people.search', { query })).rows.map((r) => r.crn), query).toEqual([PEOPLE.warrant.crn]);
    }
    expect((await fx.call('alan', 'people.search', { query: '2012/0123457A' })).rows).toEqual([]);
    expect((await fx.call('alan', 'people.search', { query: 'Walker, Wayne' })).rows.map((r) => r.crn)).toEqual([PEOPLE.warrant.crn]);
    expect((await fx.call('alan', 'people.search', { query: 'walk, way' })).rows.map((r) => r.crn)).toEqual([PEOPLE.warrant.crn]);
    expect((await fx.call('alan', 'people.search', { query: 'Walker, Victor' })).rows).toEqual([]);
  });

  it('shows an excluded viewer "Access restricted" with the details hidden, and refuses the detail page', async () => {
    const fx = await fixture();
    const r = await fx.call('eve', 'people.search', { query: PEOPLE.excluded.crn });
    expect(r.rows[0]).toMatchObject({ name: null, dob: null, ownerName: null, accessRestricted: true });
    expect(await fx.attempt('eve', 'people.get', { crn: PEOPLE.excluded.crn })).toMatchObject({ ok: false, error: { code: 'ACCESS_EXCLUDED' } });
  });

  it('shows the owner\'s availability and deputies on the detail page, and no risk summary to a practitioner', async () => {
    const fx = await fixture();
    const away = await fx.call('priya', 'people.get', { crn: PEOPLE.absentOwner.crn });
    expect(away.owner).toMatchObject({ name: 'Alex Away', available: false, note: 'Alex Away is on leave until 9 March 2026, 10:00', deputies: [] });
    expect(away.risk).toBeNull();
    const present = await fx.call('priya', 'people.get', { crn: PEOPLE.warrant.crn });
    expect(present.owner).toMatchObject({ available: true, deputies: [{ staffCode: 'N07T01B', name: 'Dev Deputy' }] });
  });

  it('shows the owner the risk summary: RoSH, MAPPA and red flags', async () => {
    const fx = await fixture();
    const p = await fx.call('olivia', 'people.get', { crn: PEOPLE.veryHigh.crn });
    expect(p.risk).toMatchObject({ roshLevel: 'VERY_HIGH', mappa: { category: 'M1', level: 'M2' }, restricted: false });
    const w = await fx.call('olivia', 'people.get', { crn: PEOPLE.warrant.crn });
    expect(w.risk?.flags.map((f) => f.code)).toEqual(['WRSM', 'AV2S', 'STRG']);
  });

  it('lists a tutor\'s programmes and their participants for a batch request', async () => {
    const fx = await fixture();
    expect(await fx.call('tara', 'people.myProgrammes', {})).toEqual([{ programmeCode: PROGRAMME_CODE, description: 'Thinking Skills Programme', participants: 12 }]);
    const group = await fx.call('tara', 'people.programme', { programmeCode: PROGRAMME_CODE });
    expect(group.people).toHaveLength(12);
    expect(group.people.every((p) => p.myAccess.route === 'ALLOCATION')).toBe(true);
  });
});

describe('the owner\'s caseload', () => {
  it('lists the owner\'s people with pending requests and active grants', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya');
    const c = await fx.call('olivia', 'caseload.mine', { query: 'walker' });
    expect(c.rows).toEqual([expect.objectContaining({ crn: PEOPLE.warrant.crn, name: 'Wayne Walker', pendingRequests: 0, activeGrants: 1 })]);
    expect((await fx.call('olivia', 'caseload.mine', {})).total).toBe(13);
  });

  it('lets an owner record an absence and name a deputy, audited', async () => {
    const fx = await fixture();
    const now = fx.clock.now();
    const absence = await fx.call('alex', 'caseload.recordAbsence', { kind: 'TRAINING', startAt: now + 86_400_000 * 10, endAt: now + 86_400_000 * 11 });
    expect(absence).toMatchObject({ staffCode: 'N07T01C', kind: 'TRAINING' });
    expect((await fx.call('alex', 'caseload.listAbsences', {})).map((a) => a.kind)).toEqual(['LEAVE', 'TRAINING']);
    expect((await fx.call('alex', 'caseload.cancelAbsence', { absenceId: absence.id })).map((a) => a.kind)).toEqual(['LEAVE']);
    const deputy = await fx.call('alex', 'caseload.addDeputy', { deputyStaffCode: 'N07T01A', startAt: now });
    expect(deputy).toMatchObject({ deputyName: 'Olivia Owner', active: true });
    expect((await fx.call('olivia', 'caseload.listDeputies', {})).iDeputiseFor.map((d) => d.staffName)).toEqual(['Alex Away']);
    fx.clock.advanceMinutes(30);
    const ended = await fx.call('alex', 'caseload.endDeputy', { deputyId: deputy.id });
    expect(ended.active).toBe(false);
    const actions = (await all<{ action: string }>(fx.engine, sql`SELECT action FROM audit_events WHERE action LIKE 'caseload.%' ORDER BY seq`)).map((a) => a.action);
    expect(actions).toEqual(['caseload.recordAbsence', 'caseload.cancelAbsence', 'caseload.addDeputy', 'caseload.endDeputy']);
  });

  it('refuses a CRC practitioner as a deputy, and another owner\'s absences to anyone but an administrator', async () => {
    const fx = await fixture();
    expect(await fx.attempt('alex', 'caseload.addDeputy', { deputyStaffCode: 'C17T01A', startAt: fx.clock.now() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await fx.attempt('olivia', 'caseload.listAbsences', { staffCode: 'N07T01C' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await fx.call('ada', 'caseload.listAbsences', { staffCode: 'N07T01C' })).toHaveLength(1);
  });

  it('finds NPS colleagues to name as deputies', async () => {
    const fx = await fixture();
    const found = await fx.call('olivia', 'caseload.findStaff', { query: 'Dep', sector: 'NPS' });
    expect(found).toEqual([{ staffCode: 'N07T01B', name: 'Dev Deputy', grade: 'PO', teamName: 'Camden NPS', providerName: 'NPS London', hasAccount: true }]);
  });
});
