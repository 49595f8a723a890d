/**
 * Issue 8, rule 6, through the contract: refused reads audited, exclusions answered with the
 * record's own LAO message, an excluded requester's pending request closed, routing moving at
 * once, allocation access in "My access", and batches that cut durations rather than refuse.
 */
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../electron/core/clock/clock';
import { all, one, run, sql } from '../../../electron/core/store/sql';
import { CAST, PASSWORD, PEOPLE, PROGRAMME_CRNS, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess, requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

const refusedReads = async (fx: BrokerFixture) =>
  (await all<{ actor: string; crn: string; details: string }>(fx.engine, sql`SELECT actor, crn, details FROM audit_events WHERE action = 'record.read.refuse' ORDER BY seq`))
    .map((e) => ({ actor: e.actor, crn: e.crn, ...(JSON.parse(e.details) as { code: string; why: string }) }));

const EXCLUSION_MESSAGE = 'You are excluded from this record: a conflict of interest is recorded. Speak to your line manager.';

describe('refused reads are audited', () => {
  it('records who, which record and why for each refused read: no grant, expired, revoked, excluded, clock paused', async () => {
    const fx = await fixture();
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    const g = await grantAccess(fx, 'priya', { crns: [PEOPLE.allocated.crn], durationDays: undefined, durationHours: 1 });
    fx.clock.advanceHours(2);
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.allocated.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    const revoked = await grantAccess(fx, 'priya', { crns: [PEOPLE.veryHigh.crn], durationDays: 1 });
    await fx.call('olivia', 'grants.revoke', { grantId: revoked.grantId!, reason: 'No longer needed.' });
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.veryHigh.crn })).toMatchObject({ ok: false });
    expect(await fx.attempt('eve', 'records.read', { crn: PEOPLE.excluded.crn })).toMatchObject({ ok: false, error: { code: 'ACCESS_EXCLUDED' } });
    await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn], durationDays: 1 });
    fx.clock.advanceHours(2);
    await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    fx.clock.advanceHours(-1);
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'CLOCK_ROLLBACK' } });
    expect(await refusedReads(fx)).toEqual([
      { actor: 'priya', crn: PEOPLE.warrant.crn, code: 'NO_ACTIVE_GRANT', why: 'NO_GRANT' },
      { actor: 'priya', crn: PEOPLE.allocated.crn, code: 'NO_ACTIVE_GRANT', why: 'EXPIRED' },
      { actor: 'priya', crn: PEOPLE.veryHigh.crn, code: 'NO_ACTIVE_GRANT', why: 'REVOKED' },
      { actor: 'eve', crn: PEOPLE.excluded.crn, code: 'ACCESS_EXCLUDED', why: 'EXCLUDED' },
      { actor: 'priya', crn: PEOPLE.warrant.crn, code: 'CLOCK_ROLLBACK', why: 'CLOCK_PAUSED' },
    ]);
    expect(g.grantId).not.toBeNull();
  });

  it('answers a read refused because of an exclusion with the record\'s own LAO message, as shown when asking', async () => {
    const fx = await fixture();
    expect(await fx.attempt('eve', 'records.read', { crn: PEOPLE.excluded.crn })).toEqual({ ok: false, error: { code: 'ACCESS_EXCLUDED', message: EXCLUSION_MESSAGE } });
  });
});

describe('a pending request of a newly excluded requester is closed at once', () => {
  it('closes it ("closed: requester excluded"), tells the requester, and takes it out of every queue', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await fx.call('lars', 'admin.addLao', {
      confirmPassword: PASSWORD, kind: 'EXCLUSION', crn: PEOPLE.warrant.crn, staffCode: CAST.priya.staffCode, startAt: fx.clock.now(),
      reason: 'Related to the victim', message: 'You are excluded from this record: speak to the LAO administrator.',
    });
    const closed = (await fx.call('priya', 'requests.get', { requestId: r.id })).request;
    expect(closed).toMatchObject({ status: 'WITHDRAWN', queue: null, closedReason: 'Closed: requester excluded', whereAndWhy: 'Closed: requester excluded' });
    const told = (await fx.call('priya', 'notifications.list', {})).rows[0]!;
    expect(told).toMatchObject({ kind: 'REQUEST_CLOSED', requestId: r.id });
    expect(told.body).toContain('You are excluded from this record: speak to the LAO administrator.');
    expect((await fx.call('olivia', 'requests.inbox', {})).rows.map((x) => x.id)).not.toContain(r.id);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'request.close'`)).toEqual({ n: 1 });
  });

  it('closes it at the sweep when the exclusion starts later', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await run(fx.engine, sql`INSERT INTO lao_exclusions (id, crn, staff_code, start_at, end_at, reason, message) VALUES ('ex-later', ${PEOPLE.warrant.crn}, ${CAST.priya.staffCode}, ${fx.clock.now() + HOUR}, NULL, 'Imported', 'Excluded.')`);
    await fx.core.sweep();
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request.status).toBe('PENDING_OWNER');
    fx.clock.advanceHours(2);
    await fx.core.sweep();
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request).toMatchObject({ status: 'WITHDRAWN', closedReason: 'Closed: requester excluded' });
  });
});

describe('routing changes at once', () => {
  it('moves a waiting request to the hub as soon as an absence that starts now is recorded', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`DELETE FROM deputies`);
    const r = await createRequest(fx, 'priya');
    await fx.call('olivia', 'caseload.recordAbsence', { kind: 'LEAVE', startAt: fx.clock.now(), endAt: fx.clock.now() + 2 * DAY });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_ABSENT' });
  });

  it('leaves a waiting request where it is when the absence starts later', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`DELETE FROM deputies`);
    const r = await createRequest(fx, 'priya');
    await fx.call('olivia', 'caseload.recordAbsence', { kind: 'LEAVE', startAt: fx.clock.now() + DAY, endAt: fx.clock.now() + 2 * DAY });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request.status).toBe('PENDING_OWNER');
  });

  it('moves a waiting request to the hub as soon as the owner\'s account is deactivated', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`DELETE FROM deputies`);
    const r = await createRequest(fx, 'priya');
    await fx.call('ada', 'admin.setActive', { confirmPassword: PASSWORD, userId: fx.users.olivia.userId, active: false });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_INACTIVE' });
  });

  it('moves a waiting request to the new owner as soon as the case is transferred', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await fx.call('ada', 'admin.transferCase', { confirmPassword: PASSWORD, crn: PEOPLE.warrant.crn, newOwnerStaffCode: CAST.dev.staffCode });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request).toMatchObject({ status: 'PENDING_OWNER', ownerName: 'Dev Deputy' });
  });
});

describe('access from an allocation appears in "My access"', () => {
  it('lists allocation access with where it comes from and until when', async () => {
    const fx = await fixture();
    const mine = await fx.call('alan', 'grants.mine', { filter: 'CURRENT' });
    expect(mine.allocations).toEqual([
      {
        crn: PEOPLE.allocated.crn, personName: 'Sam Stone', scope: 'FRONT_SHEET', source: 'Allocated to deliver the requirement: Unpaid work supervision',
        startDate: '2026-02-01', endDate: '2026-04-30', endAt: Date.UTC(2026, 4, 1, 0, 0) - HOUR,
      },
    ]);
    expect((await fx.call('priya', 'grants.mine', { filter: 'CURRENT' })).allocations).toEqual([]);
  });
});

describe('batches', () => {
  it('cuts a duration over one participant\'s maximum to that maximum with a note, instead of refusing', async () => {
    const fx = await fixture();
    const crns = [PEOPLE.warrant.crn, PEOPLE.veryHigh.crn];
    const { results } = await fx.call('priya', 'requests.create', requestBody({ crns, durationDays: 10 }));
    expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED']);
    const [normal, halved] = results.map((r) => (r.outcome === 'CREATED' ? r : null));
    expect(normal).toMatchObject({ notes: [], request: { durationDays: 10 } });
    expect(halved).toMatchObject({ request: { durationDays: 7 } });
    expect(halved!.notes[0]).toContain('asked for 7 days instead of 10 days');
  });

  it('shows every participant in the outcome, restricted ones with why', async () => {
    const fx = await fixture();
    const crns = [...PROGRAMME_CRNS.slice(0, 3), PEOPLE.restricted.crn, PEOPLE.excluded.crn];
    const { results } = await fx.call('tara', 'requests.create', requestBody({ crns, scope: 'ROSH_SUMMARY' }));
    expect(results.map((r) => r.crn)).toEqual(crns);
    const restricted = results.find((r) => r.crn === PEOPLE.restricted.crn)!;
    expect(restricted.outcome === 'CREATED' && restricted.notes.join(' ')).toContain('restricted');
  });
});
