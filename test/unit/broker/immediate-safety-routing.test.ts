/**
 * Broker rule 3 for immediate safety, through the contract: an immediate-safety request asked with
 * no needed-by is needed within its 30-minute SLA, so with the owner in it goes to the owner and
 * the hub together at once, due in 30 minutes, and the first decision wins. A needed-by far off,
 * the other urgencies and an owner who is away route exactly as before.
 */
import { describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../../electron/core/clock/clock';
import { all, sql } from '../../../electron/core/store/sql';
import { CAST, PASSWORD, PEOPLE, PROGRAMME_CRNS, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess, requestBody } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

const safety = { urgency: 'IMMEDIATE_SAFETY' as const };
const TOGETHER = 'immediate safety: sent to the offender manager and the NPS hub together';

describe('an immediate-safety request with no needed-by, the owner in', () => {
  it('goes to the owner and the hub at once, due in 30 minutes, and says so without inventing a needed-by time', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safety);
    expect(r).toMatchObject({ status: 'PENDING_HUB', queue: 'HUB', hubReason: 'NEEDED_SOON', ownerName: 'Olivia Owner', neededBy: null, overdue: false });
    expect(r.deadline).toBe(r.createdAt + 30 * MINUTE);
    expect(r.whereAndWhy).toContain(TOGETHER);
    expect(r.whereAndWhy).not.toMatch(/needed by/i);
    const inbox = await fx.call('olivia', 'requests.inbox', {});
    expect(inbox.rows.find((x) => x.id === r.id)).toMatchObject({ canDecide: true, overdue: false });
    const hub = await fx.call('hana', 'requests.hubQueue', {});
    expect(hub.rows.find((x) => x.id === r.id)).toMatchObject({ canDecide: true, overdue: false, hubReason: 'NEEDED_SOON' });
    const routed = await all<{ details: string }>(fx.engine, sql`SELECT details FROM audit_events WHERE action = 'request.route' AND subject = ${`request:${r.id}`}`);
    expect(routed.map((e) => JSON.parse(e.details) as unknown)).toEqual([expect.objectContaining({ status: 'PENDING_HUB', hubReason: 'NEEDED_SOON', deadline: r.deadline })]);
  });

  it('tells the owner, the deputy and every hub member at once, and not the requester', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safety);
    for (const who of ['olivia', 'dev', 'hana', 'lars'] as const) {
      const n = (await fx.call(who, 'notifications.list', {})).rows.find((x) => x.requestId === r.id);
      expect(n, who).toMatchObject({ kind: 'REQUEST_NEW' });
      expect(n!.body, who).toContain('Immediate safety: sent to the offender manager and the NPS hub together; the first decision wins.');
      expect(n!.body, who).not.toMatch(/needed by/i);
    }
    expect((await fx.call('priya', 'notifications.list', {})).rows.filter((n) => n.requestId === r.id)).toHaveLength(0);
  });

  it('lets the owner decide first, and then the hub is told it is already decided', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safety);
    fx.clock.advanceMinutes(5);
    await expect(fx.call('olivia', 'requests.approve', { requestId: r.id })).resolves.toMatchObject({ status: 'APPROVED', decision: { route: 'OWNER' } });
    expect(await fx.attempt('hana', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED' } });
  });

  it('lets the hub decide first, and then the owner is told it is already decided', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safety);
    fx.clock.advanceMinutes(5);
    await expect(fx.call('hana', 'requests.deny', { requestId: r.id, reasonCode: 'OTHER', reason: 'The incident is already handled by the police.' }))
      .resolves.toMatchObject({ status: 'DENIED', decision: { route: 'HUB' } });
    expect(await fx.attempt('olivia', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED' } });
  });

  it('previews the same route before it is sent', async () => {
    const fx = await fixture();
    const plan = await fx.call('priya', 'requests.preview', { crn: PEOPLE.warrant.crn, urgency: 'IMMEDIATE_SAFETY', neededBy: null });
    expect(plan).toMatchObject({ goesTo: 'the offender manager, Olivia Owner, and the NPS hub at the same time', deadline: fx.clock.now() + 30 * MINUTE, why: TOGETHER });
  });

  it('past its deadline stays with both, overdue in the hub queue, and is not escalated again', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safety);
    fx.clock.advanceMinutes(31);
    expect(await fx.core.sweep()).toMatchObject({ escalated: 0, rerouted: 0 });
    const row = (await fx.call('priya', 'requests.get', { requestId: r.id })).request;
    expect(row).toMatchObject({ status: 'PENDING_HUB', hubReason: 'NEEDED_SOON', overdue: true });
    expect((await fx.call('hana', 'requests.hubQueue', {})).overdue).toBe(1);
    await expect(fx.call('olivia', 'requests.approve', { requestId: r.id })).resolves.toMatchObject({ status: 'APPROVED' });
  });

  it('routes each person of a batch the same way: together where the owner is in, the hub alone where not', async () => {
    const fx = await fixture();
    const { results } = await fx.call('tara', 'requests.create', requestBody({ crns: PROGRAMME_CRNS, ...safety }));
    const created = results.map((r) => (r.outcome === 'CREATED' ? r.request : null));
    expect(created.filter((r) => r?.hubReason === 'NEEDED_SOON')).toHaveLength(8);
    expect(created.filter((r) => r?.status === 'PENDING_HUB' && r.hubReason !== 'NEEDED_SOON')).toHaveLength(4);
    expect(created.every((r) => r !== null && r.status === 'PENDING_HUB' && r.deadline === r.createdAt + 30 * MINUTE)).toBe(true);
  });

  it('routes an immediate-safety extension the same way', async () => {
    const fx = await fixture();
    const approved = await grantAccess(fx, 'priya', { durationDays: undefined, durationHours: 2 });
    const ext = await fx.call('priya', 'grants.requestExtension', { grantId: approved.grantId!, durationHours: 3, justification: 'The incident is still going on.', urgency: 'IMMEDIATE_SAFETY' });
    expect(ext).toMatchObject({ status: 'PENDING_HUB', hubReason: 'NEEDED_SOON', deadline: fx.clock.now() + 30 * MINUTE });
  });

  it('follows a case transfer to the new owner, still shared with the hub', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safety);
    await fx.call('ada', 'admin.transferCase', { confirmPassword: PASSWORD, crn: PEOPLE.warrant.crn, newOwnerStaffCode: CAST.dev.staffCode });
    const moved = (await fx.call('priya', 'requests.get', { requestId: r.id })).request;
    expect(moved).toMatchObject({ status: 'PENDING_HUB', hubReason: 'NEEDED_SOON', ownerName: 'Dev Deputy', deadline: r.deadline });
  });

  it('stays with the hub and the owner when the owner goes away while it waits', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safety);
    await fx.call('olivia', 'caseload.recordAbsence', { kind: 'SICKNESS', startAt: fx.clock.now(), endAt: fx.clock.now() + DAY });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request).toMatchObject({ status: 'PENDING_HUB', hubReason: 'NEEDED_SOON', deadline: r.deadline });
  });
});

describe('routing as before', () => {
  it('gives the owner alone a 30-minute turn when an immediate-safety request is needed far off', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { ...safety, neededBy: fx.clock.now() + DAY });
    expect(r).toMatchObject({ status: 'PENDING_OWNER', queue: 'OWNER', hubReason: null, deadline: fx.clock.now() + 30 * MINUTE });
    expect(await fx.attempt('hana', 'requests.approve', { requestId: r.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await fx.call('hana', 'notifications.list', {})).rows.filter((n) => n.requestId === r.id)).toHaveLength(0);
  });

  it('gives the owner alone the other urgencies asked with no needed-by', async () => {
    const fx = await fixture();
    const routine = await createRequest(fx, 'priya', { urgency: 'ROUTINE', crns: [PEOPLE.warrant.crn] });
    const soon = await createRequest(fx, 'priya', { urgency: 'WITHIN_2_WORKING_DAYS', crns: [PEOPLE.allocated.crn] });
    expect(routine).toMatchObject({ status: 'PENDING_OWNER', hubReason: null, deadline: fx.clock.now() + DAY });
    // Monday 10:00 + 4 working hours.
    expect(soon).toMatchObject({ status: 'PENDING_OWNER', hubReason: null, deadline: Date.UTC(2026, 2, 2, 14, 0) });
  });

  it('sends an immediate-safety request to the hub at once when the owner is away, with the absence as the reason', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { ...safety, crns: [PEOPLE.absentOwner.crn] });
    expect(r).toMatchObject({ status: 'PENDING_HUB', hubReason: 'OWNER_ABSENT', deadline: fx.clock.now() + 30 * MINUTE });
    expect(r.whereAndWhy).toBe('With the NPS hub: Alex Away is on leave until 9 March 2026, 10:00');
  });
});
