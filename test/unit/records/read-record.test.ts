import { describe, expect, it } from 'vitest';
import { all, run, sql } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { grantAccess } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();
const readEvents = async (fx: Awaited<ReturnType<ReturnType<typeof useBrokerFixture>>>) =>
  await all<{ actor: string; crn: string; details: string }>(fx.engine, sql`SELECT actor, crn, details FROM audit_events WHERE action = 'record.read' ORDER BY seq`);

describe('reading a record', () => {
  it('returns only the sections the grant\'s scope covers', async () => {
    const fx = await fixture();
    const cases = [
      ['FRONT_SHEET', [true, false, false, false]],
      ['ROSH_SUMMARY', [true, true, false, false]],
      ['RISK_MANAGEMENT_PLAN', [true, true, true, false]],
      ['FULL_RECORD', [true, true, true, true]],
    ] as const;
    for (const [scope, present] of cases) {
      const crn = PEOPLE.warrant.crn;
      const a = await grantAccess(fx, 'priya', { crns: [crn], scope, durationDays: 7 });
      const v = await fx.call('priya', 'records.read', { crn });
      expect([v.frontSheet !== null, v.roshSummary !== null, v.riskManagementPlan !== null, v.fullRecord !== null], scope).toEqual(present);
      await fx.call('olivia', 'grants.revoke', { grantId: a.grantId!, reason: 'next case' });
    }
  });

  it('puts Warrant/Summons first and Risk to Staff second on the front sheet', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya', { scope: 'FRONT_SHEET' });
    const v = await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    expect(v.frontSheet!.alerts.map((a) => a.code)).toEqual(['WRSM', 'AV2S', 'STRG']);
    expect(v.frontSheet!.safetyWarnings[0]).toContain('Recall issued 27 Feb 2026.');
    expect(v.frontSheet!.roshLevel).toBe('HIGH');
    expect(v.frontSheet!.roshCommunity.staff).toBe('HIGH');
  });

  it('writes an audit event with every read, naming the reader, the person and the sections', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya', { scope: 'ROSH_SUMMARY' });
    await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    const events = await readEvents(fx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'priya', crn: PEOPLE.warrant.crn });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ scope: 'ROSH_SUMMARY', route: 'GRANT', sections: ['frontSheet', 'roshSummary'] });
  });

  it('returns nothing when the audit event cannot be written: no audit, no read', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya');
    if (fx.engine.dialect === 'postgres') {
      await run(fx.engine, sql`CREATE FUNCTION block_reads() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`);
      await run(fx.engine, sql`CREATE TRIGGER block_reads BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.action = 'record.read') EXECUTE FUNCTION block_reads()`);
    } else {
      await run(fx.engine, sql`CREATE TEMP TRIGGER block_reads BEFORE INSERT ON audit_events WHEN NEW.action = 'record.read' BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END`);
    }
    const r = await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Nothing was changed.' } });
    expect(fx.internalErrors.map((e) => (e.error as Error).message)).toEqual(['audit unavailable']);
    await run(fx.engine, fx.engine.dialect === 'postgres' ? sql`DROP TRIGGER block_reads ON audit_events` : sql`DROP TRIGGER block_reads`);
    expect(await readEvents(fx)).toHaveLength(0);
  });

  it('refuses a read without an active grant, and audits nothing', async () => {
    const fx = await fixture();
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    expect(await readEvents(fx)).toHaveLength(0);
  });

  it('lets the owner read their own case in full without a grant', async () => {
    const fx = await fixture();
    const v = await fx.call('olivia', 'records.read', { crn: PEOPLE.warrant.crn });
    expect(v.access).toMatchObject({ route: 'OWNER', scope: 'FULL_RECORD' });
    expect(v.fullRecord!.sentences).toHaveLength(1);
    expect(v.fullRecord!.registrationHistory.find((r) => r.code === 'ALSH')).toMatchObject({ active: false });
  });

  it('refuses an excluded reader, and a reader of a restricted record who is not on its list', async () => {
    const fx = await fixture();
    expect(await fx.attempt('eve', 'records.read', { crn: PEOPLE.excluded.crn })).toMatchObject({ ok: false, error: { code: 'ACCESS_EXCLUDED' } });
    const search = await fx.call('priya', 'people.search', { query: PEOPLE.restricted.crn });
    expect(search.rows[0]).toMatchObject({ name: null, accessRestricted: true });
    const listed = await fx.call('rita', 'people.search', { query: PEOPLE.restricted.crn });
    expect(listed.rows[0]).toMatchObject({ name: 'Rhea Reed', accessRestricted: false });
  });

  it('pauses grant reads when the clock goes back more than 5 minutes, until an administrator acknowledges', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya', { durationDays: 7 });
    fx.clock.advanceMinutes(60);
    await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    fx.clock.advanceMinutes(-4);
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'GRANT' } });
    fx.clock.advanceMinutes(-10);
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'CLOCK_ROLLBACK' } });
    // The owner's own case does not depend on a grant, so it stays readable.
    await expect(fx.call('olivia', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'OWNER', scope: 'FULL_RECORD' } });
    expect((await fx.call('ada', 'notifications.list', {})).rows[0]?.kind).toBe('CLOCK_ROLLBACK');
    expect((await fx.call('priya', 'auth.status', {}))).toMatchObject({ state: 'SIGNED_IN', readsPaused: true });
    expect(await fx.attempt('priya', 'admin.acknowledgeClock', { confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const status = await fx.call('ada', 'admin.acknowledgeClock', { confirmPassword: PASSWORD });
    expect(status.rollback).toBeNull();
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'GRANT' } });
  });
});
