import { describe, expect, it } from 'vitest';
import { HOUR } from '../../../electron/core/clock/clock';
import { one, run, sql } from '../../../electron/core/store/sql';
import { PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { grantAccess } from '../../helpers/broker-requests';
import { viewsForKind } from '../../../shared/contract/live-updates';

const fixture = useBrokerFixture();

describe('grants', () => {
  it('is active only while start ≤ now < end', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya', { durationDays: 2 });
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'GRANT', scope: 'ROSH_SUMMARY' } });
    fx.clock.set(a.decision!.endAt! - 1);
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'GRANT', scope: 'ROSH_SUMMARY' } });
    fx.clock.set(a.decision!.endAt!);
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
  });

  it('takes effect at once when revoked, with the reason told to the grantee', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya');
    const g = await fx.call('olivia', 'grants.revoke', { grantId: a.grantId!, reason: 'Programme place withdrawn.' });
    expect(g).toMatchObject({ state: 'REVOKED', revokeReason: 'Programme place withdrawn.', revokedByName: 'Olivia Owner' });
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    expect((await fx.call('priya', 'notifications.list', {})).rows[0]).toMatchObject({ kind: 'GRANT_REVOKED' });
  });

  it('can be revoked by the owner, a deputy, hub staff and administrators, never by practitioners', async () => {
    const fx = await fixture();
    for (const who of ['olivia', 'dev', 'hana', 'ada'] as const) {
      const a = await grantAccess(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
      await expect(fx.call(who, 'grants.revoke', { grantId: a.grantId!, reason: 'Review' }), who).resolves.toMatchObject({ state: 'REVOKED' });
    }
    const a = await grantAccess(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    expect(await fx.attempt('alan', 'grants.revoke', { grantId: a.grantId!, reason: 'x' })).toMatchObject({ ok: false });
    expect(await fx.attempt('priya', 'grants.revoke', { grantId: a.grantId!, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('stops working when the grantee\'s account is deactivated or the grantee is excluded', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya');
    await run(fx.engine, sql`INSERT INTO lao_exclusions (id, crn, staff_code, start_at, end_at, reason, message) VALUES ('ex-2', ${PEOPLE.warrant.crn}, 'C17T01A', ${fx.clock.now()}, NULL, 'Neighbour', 'Excluded now.')`);
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'ACCESS_EXCLUDED' } });
    expect((await fx.call('olivia', 'grants.get', { grantId: a.grantId! })).state).toBe('SUSPENDED');
    await run(fx.engine, sql`DELETE FROM lao_exclusions WHERE id = 'ex-2'`);
    await fx.call('ada', 'admin.setActive', { userId: fx.users.priya.userId, active: false, confirmPassword: 'correct horse battery staple' });
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_INACTIVE' } });
    expect((await fx.call('olivia', 'grants.get', { grantId: a.grantId! })).state).toBe('SUSPENDED');
  });

  it('extends through the same routing, and the new grant starts when the old one ends', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya', { durationDays: 3 });
    const ext = await fx.call('priya', 'grants.requestExtension', { grantId: a.grantId!, durationDays: 5, justification: 'Programme runs another week.', urgency: 'ROUTINE' });
    expect(ext).toMatchObject({ status: 'PENDING_OWNER', extendsGrantId: a.grantId, scope: 'ROSH_SUMMARY' });
    const approved = await fx.call('olivia', 'requests.approve', { requestId: ext.id });
    expect(approved.decision?.startAt).toBe(a.decision!.endAt);
    fx.clock.set(a.decision!.endAt! + HOUR);
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { grantId: approved.grantId } });
  });

  it('refuses to extend a revoked grant', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya');
    await fx.call('olivia', 'grants.revoke', { grantId: a.grantId!, reason: 'No longer needed.' });
    expect(await fx.attempt('priya', 'grants.requestExtension', { grantId: a.grantId!, durationDays: 5, justification: 'More', urgency: 'ROUTINE' })).toMatchObject({ ok: false, error: { code: 'GRANT_NOT_ACTIVE' } });
  });

  it('reminds the grantee 24 hours and 1 hour before the end, once each', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya', { durationDays: 3 });
    const end = a.decision!.endAt!;
    fx.clock.set(end - 24 * HOUR);
    expect((await fx.core.sweep()).remindersSent).toBe(1);
    expect((await fx.core.sweep()).remindersSent).toBe(0);
    fx.clock.set(end - HOUR);
    expect((await fx.core.sweep()).remindersSent).toBe(1);
    const kinds = (await fx.call('priya', 'notifications.list', {})).rows.map((n) => n.kind);
    expect(kinds.filter((k) => k === 'GRANT_EXPIRING_24H')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'GRANT_EXPIRING_1H')).toHaveLength(1);
  });

  it('records each grant\'s expiry in the audit log once', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya', { durationDays: 1 });
    fx.clock.set(a.decision!.endAt! + 1);
    expect((await fx.core.sweep()).grantsExpired).toBe(1);
    expect((await fx.core.sweep()).grantsExpired).toBe(0);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'grant.expire'`)).toEqual({ n: 1 });
  });

  it('tells the holder once that their access ended, so an open record closes through the live updates', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya', { durationDays: 1 });
    fx.clock.set(a.decision!.endAt! + 1);
    await fx.core.sweep();
    await fx.core.sweep();
    const ended = (await fx.call('priya', 'notifications.list', {})).rows.filter((n) => n.kind === 'GRANT_ENDED');
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ crn: PEOPLE.warrant.crn, title: `Access to ${PEOPLE.warrant.crn} has ended`, body: 'Your RoSH summary access ended at 3 March 2026, 10:00. Ask again if you still need it.' });
    expect(viewsForKind('GRANT_ENDED')).toEqual(['myAccess', 'record']);
  });

  it('lists the grantee\'s current grants, and everyone who can see a person for the owner', async () => {
    const fx = await fixture();
    const a = await grantAccess(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    expect((await fx.call('priya', 'grants.mine', {})).rows.map((g) => g.id)).toEqual([a.grantId]);
    const who = await fx.call('olivia', 'caseload.whoCanSee', { crn: PEOPLE.allocated.crn });
    expect(who.viewers.map((v) => [v.name, v.route, v.scope])).toEqual([
      ['Olivia Owner', 'OWNER', 'FULL_RECORD'],
      ['Priya Practitioner', 'GRANT', 'ROSH_SUMMARY'],
      ['Alan Allocated', 'ALLOCATION', 'FRONT_SHEET'],
    ]);
    fx.clock.advanceDays(100);
    expect((await fx.call('olivia', 'caseload.whoCanSee', { crn: PEOPLE.allocated.crn })).viewers.map((v) => v.route)).toEqual(['OWNER']);
  });
});

describe('allocations', () => {
  it('confer the front sheet without a grant for their dates, and nothing wider', async () => {
    const fx = await fixture();
    const view = await fx.call('alan', 'records.read', { crn: PEOPLE.allocated.crn });
    expect(view.access).toEqual({ scope: 'FRONT_SHEET', route: 'ALLOCATION', until: null, grantId: null });
    expect(view.frontSheet).not.toBeNull();
    expect(view.roshSummary).toBeNull();
  });

  it('stop conferring it when the allocation ends', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE allocations SET end_date = '2026-03-01' WHERE id = 'al-1'`);
    expect(await fx.attempt('alan', 'records.read', { crn: PEOPLE.allocated.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    await run(fx.engine, sql`UPDATE allocations SET end_date = '2026-03-02' WHERE id = 'al-1'`);
    await expect(fx.call('alan', 'records.read', { crn: PEOPLE.allocated.crn })).resolves.toMatchObject({ access: { route: 'ALLOCATION', scope: 'FRONT_SHEET' } });
    fx.clock.advanceDays(1);
    expect(await fx.attempt('alan', 'records.read', { crn: PEOPLE.allocated.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
  });
});

