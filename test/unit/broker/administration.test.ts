import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/contract';
import { MINUTE } from '../../../electron/core/clock/clock';
import { one, run, sql, value } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();
const devFixture = useBrokerFixture({ dev: true });

describe('administration', () => {
  it('changes the SLA table in policy, and routing follows it from then on', async () => {
    const fx = await fixture();
    const policy = { ...DEFAULT_POLICY, sla: { ...DEFAULT_POLICY.sla, IMMEDIATE_SAFETY: { minutes: 15, clock: 'WALL' as const } } };
    expect(await fx.call('ada', 'admin.updatePolicy', { policy, confirmPassword: PASSWORD })).toEqual(policy);
    const r = await createRequest(fx, 'priya', { urgency: 'IMMEDIATE_SAFETY' });
    expect(r.deadline).toBe(fx.clock.now() + 15 * MINUTE);
    const event = (await one<{ details: string }>(fx.engine, sql`SELECT details FROM audit_events WHERE action = 'policy.update'`))!;
    expect(JSON.parse(event.details).changed).toEqual(['sla']);
  });

  it('refuses a policy that does not make sense, naming the field', async () => {
    const fx = await fixture();
    const bad = { ...DEFAULT_POLICY, workingHours: { ...DEFAULT_POLICY.workingHours, start: '17:00', end: '09:00' } };
    const r = await fx.attempt('ada', 'admin.updatePolicy', { policy: bad, confirmPassword: PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!r.ok && r.error.message).toContain('policy.workingHours.end');
  });

  it('creates an account linked to a staff record, refusing a taken username', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`INSERT INTO staff (code, team_code, forename, surname, grade, active) VALUES ('N07HUB4', 'N07HUB', 'Nia', 'Newstarter', 'HUB', 1)`);
    const account = { displayName: 'Nia Newstarter', password: 'a long enough password', confirmPassword: PASSWORD };
    const u = await fx.call('ada', 'admin.createUser', { ...account, username: 'new.starter', staffCode: 'N07HUB4', roles: ['hub'] });
    expect(u).toMatchObject({ username: 'new.starter', staffCode: 'N07HUB4', roles: ['hub'], active: true });
    expect(await fx.attempt('ada', 'admin.createUser', { ...account, username: 'new.starter', staffCode: null, roles: ['admin'] })).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
    expect((await fx.call('ada', 'admin.listUsers', { query: 'new' })).rows.map((x) => x.username)).toEqual(['new.starter']);
  });

  it('creates accounts by the same rules as the command line, changing nothing when it refuses', async () => {
    const fx = await fixture();
    const account = { displayName: 'Someone New', password: 'a long enough password', confirmPassword: PASSWORD };
    const refused = async (input: { username: string; staffCode: string | null; roles: ('hub' | 'crc-practitioner' | 'admin')[] }, code: string, message: RegExp) => {
      const users = await value<number>(fx.engine, sql`SELECT count(*) FROM users`);
      const r = await fx.attempt('ada', 'admin.createUser', { ...account, ...input });
      expect(r).toMatchObject({ ok: false, error: { code } });
      expect(!r.ok && r.error.message).toMatch(message);
      expect(await value<number>(fx.engine, sql`SELECT count(*) FROM users`)).toBe(users);
    };
    await refused({ username: 'New.Starter', staffCode: null, roles: ['admin'] }, 'USERNAME_INVALID', /try "new\.starter"/);
    await refused({ username: 'someone.new', staffCode: null, roles: ['hub'] }, 'ROLE_STAFF_MISMATCH', /give the staff code/);
    await refused({ username: 'someone.new', staffCode: 'C17T01A', roles: ['hub'] }, 'ROLE_STAFF_MISMATCH', /is for NPS staff, but C17T01A works for a CRC provider/);
    await refused({ username: 'someone.new', staffCode: 'N07T99Z', roles: ['hub'] }, 'STAFF_NOT_FOUND', /no staff member N07T99Z/);
    await refused({ username: 'someone.new', staffCode: 'N07HUB1', roles: ['hub'] }, 'STAFF_HAS_ACCOUNT', /already has the account hana/);
  });

  it('lets LAO administrators exclude a member of staff, effective at once, and end it', async () => {
    const fx = await fixture();
    const entry = await fx.call('lars', 'admin.addLao', { kind: 'EXCLUSION', crn: PEOPLE.warrant.crn, staffCode: 'C17T01A', startAt: fx.clock.now(), reason: 'Relative', message: 'You are excluded from this record.', confirmPassword: PASSWORD });
    expect(entry).toMatchObject({ kind: 'EXCLUSION', active: true, staffName: 'Priya Practitioner' });
    const { results } = await fx.call('priya', 'requests.create', { crns: [PEOPLE.warrant.crn], scope: 'FRONT_SHEET', purpose: 'OTHER', justification: 'x', urgency: 'ROUTINE', durationDays: 1 });
    expect(results[0]).toMatchObject({ outcome: 'REFUSED', error: { code: 'ACCESS_EXCLUDED', message: 'You are excluded from this record.' } });
    fx.clock.advanceMinutes(1);
    expect(await fx.call('lars', 'admin.endLao', { kind: 'EXCLUSION', id: entry.id, confirmPassword: PASSWORD })).toMatchObject({ active: false });
    expect(await fx.attempt('ada', 'admin.addLao', { kind: 'EXCLUSION', crn: PEOPLE.warrant.crn, staffCode: 'C17T01A', startAt: fx.clock.now(), reason: 'x', message: 'y', confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers IMPORT_UNAVAILABLE where the host has no importer', async () => {
    const fx = await fixture();
    expect(await fx.attempt('ada', 'admin.runImport', { directory: '/tmp/nowhere', confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'IMPORT_UNAVAILABLE' } });
  });
});

describe('development channels', () => {
  it('move the core clock and run the sweep, on a development host only', async () => {
    const fx = await devFixture();
    const conn = fx.core.connect();
    const start = fx.clock.now();
    expect(await fx.core.dispatch('dev.advanceClock', conn, { minutes: 90 })).toEqual({ ok: true, value: { now: start + 90 * MINUTE } });
    expect(await fx.core.dispatch('dev.setClock', conn, { at: start })).toEqual({ ok: true, value: { now: start } });
    expect(await fx.core.dispatch('dev.sweep', conn, {})).toMatchObject({ ok: true, value: { at: start, escalated: 0 } });
  });
});
