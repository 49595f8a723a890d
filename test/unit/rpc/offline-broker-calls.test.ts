/**
 * The broker's side of a connected desktop's offline copy: offline.copyRecord hands over a record
 * held through a grant exactly as records.read answers it, audited as a copy and refused as a read
 * is; offline.check answers what the person
 * may read now by the same rules as a read (and reads nothing), and offline.uploadReads appends the
 * desktop's offline reads to the one audit chain with their original times, only when the local
 * chain is whole and follows on from what was uploaded before, and never twice.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { offlineReadCanonical, type OfflineRead } from '../../../shared/contract/offline';
import { chainHash, GENESIS_HASH } from '../../../electron/core/audit/audit-log';
import { all, sql } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();
const HOUR = 3_600_000;

/** A local chain of offline reads as a desktop makes one (offline-audit-chain.ts). */
function localChain(chainId: string, username: string, reads: Array<{ at: number; crn: string; grantId: number }>, from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }): OfflineRead[] {
  let prevHash = from.hash;
  return reads.map((r, i) => {
    const body = { seq: from.seq + i + 1, at: r.at, crn: r.crn, grantId: r.grantId, sections: ['frontSheet', 'roshSummary'] as OfflineRead['sections'] };
    const hash = chainHash(prevHash, offlineReadCanonical(chainId, username, body));
    const read = { ...body, prevHash, hash };
    prevHash = hash;
    return read;
  });
}

const offlineEvents = (fx: BrokerFixture) =>
  all<{ at: number; actor: string; crn: string; details: string }>(fx.engine, sql`SELECT at, actor, crn, details FROM audit_events WHERE action = 'record.read.offline' ORDER BY seq`);

const actions = async (fx: BrokerFixture, crn: string) =>
  (await all<{ action: string; actor: string; details: string }>(fx.engine, sql`SELECT action, actor, details FROM audit_events WHERE crn = ${crn} AND action LIKE 'record.%' ORDER BY seq`));

describe('offline.copyRecord', () => {
  it('answers what records.read answers (same sections, same order, same access), audited as a copy and not as a read', async () => {
    const fx = await fixture();
    const approved = await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn], scope: 'ROSH_SUMMARY' });
    const copy = await fx.call('priya', 'offline.copyRecord', { crn: PEOPLE.warrant.crn });
    expect(await actions(fx, PEOPLE.warrant.crn)).toEqual([{ action: 'record.copy.offline', actor: 'priya', details: expect.stringContaining(`"grantId":${approved.grantId}`) }]);
    const read = await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    expect(JSON.stringify(copy)).toBe(JSON.stringify(read));
    expect(copy.access).toMatchObject({ route: 'GRANT', grantId: approved.grantId, scope: 'ROSH_SUMMARY' });
    expect(copy.roshSummary).not.toBeNull();
    expect((await actions(fx, PEOPLE.warrant.crn)).map((e) => e.action)).toEqual(['record.copy.offline', 'record.read']);
  });

  it('refuses as records.read refuses, audited as a refused copy; and copies nothing held by allocation, ownership or emergency access', async () => {
    const fx = await fixture();
    // No grant: the same code and message as a read, recorded under its own action.
    const noGrant = await fx.attempt('priya', 'offline.copyRecord', { crn: PEOPLE.veryHigh.crn });
    const readRefused = await fx.attempt('priya', 'records.read', { crn: PEOPLE.veryHigh.crn });
    expect(noGrant).toEqual(readRefused);
    expect(noGrant).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    expect((await actions(fx, PEOPLE.veryHigh.crn)).map((e) => e.action)).toEqual(['record.copy.offline.refuse', 'record.read.refuse']);
    expect(await fx.attempt('priya', 'offline.copyRecord', { crn: 'X999999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // Read online by allocation and by ownership, but never copied.
    expect((await fx.call('alan', 'records.read', { crn: PEOPLE.allocated.crn })).access.route).toBe('ALLOCATION');
    expect(await fx.attempt('alan', 'offline.copyRecord', { crn: PEOPLE.allocated.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT', message: expect.stringContaining('through a grant') } });
    expect((await fx.call('olivia', 'records.read', { crn: PEOPLE.warrant.crn })).access.route).toBe('OWNER');
    expect(await fx.attempt('olivia', 'offline.copyRecord', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });

    // Emergency access is read online only.
    const urgent = await createRequest(fx, 'priya', { crns: [PEOPLE.warrant.crn], scope: 'FULL_RECORD', neededBy: fx.clock.now() + HOUR });
    await fx.call('priya', 'emergency.open', { requestId: urgent.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' });
    expect((await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).access.route).toBe('EMERGENCY');
    expect(await fx.attempt('priya', 'offline.copyRecord', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
    expect(await all(fx.engine, sql`SELECT seq FROM audit_events WHERE action = 'record.copy.offline'`)).toHaveLength(0);
  });

  it('copies nothing while offline reading is off (a window of 0 hours)', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const policy = await fx.call('ada', 'admin.getPolicy', {});
    await fx.call('ada', 'admin.updatePolicy', { policy: { ...policy, offlineWindowHours: 0 }, confirmPassword: PASSWORD });
    expect(await fx.attempt('priya', 'offline.copyRecord', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Offline reading is off') } });
    expect(await actions(fx, PEOPLE.warrant.crn)).toEqual([]);
  });
});

describe('offline.check', () => {
  it('answers the grant a cached record is read through while it stands, and nothing once it is revoked or has ended', async () => {
    const fx = await fixture();
    const approved = await grantAccess(fx, 'priya', { durationDays: 2 });
    const crns = [PEOPLE.warrant.crn, PEOPLE.veryHigh.crn];
    const before = await fx.call('priya', 'offline.check', { crns });
    expect(before.offlineWindowHours).toBe(8);
    expect(before.records).toEqual([
      { crn: PEOPLE.warrant.crn, scope: 'ROSH_SUMMARY', grantId: approved.grantId, until: expect.any(Number) },
      { crn: PEOPLE.veryHigh.crn, scope: null, grantId: null, until: null },
    ]);
    await fx.call('olivia', 'grants.revoke', { grantId: approved.grantId!, reason: 'Moved to another provider.' });
    expect((await fx.call('priya', 'offline.check', { crns })).records[0]).toMatchObject({ scope: null, grantId: null });

    const second = await grantAccess(fx, 'priya', { durationDays: 1, crns: [PEOPLE.veryHigh.crn] });
    expect((await fx.call('priya', 'offline.check', { crns })).records[1]).toMatchObject({ grantId: second.grantId });
    fx.clock.advanceHours(25);
    expect((await fx.call('priya', 'offline.check', { crns })).records[1]).toMatchObject({ scope: null });
    // Checking reads nothing: no read was audited.
    expect(await all(fx.engine, sql`SELECT seq FROM audit_events WHERE action = 'record.read'`)).toHaveLength(0);
  });

  it('carries the policy offline window, 0 when an administrator turns offline reading off', async () => {
    const fx = await fixture();
    const policy = await fx.call('ada', 'admin.getPolicy', {});
    expect(policy.offlineWindowHours).toBe(8);
    await fx.call('ada', 'admin.updatePolicy', { policy: { ...policy, offlineWindowHours: 0 }, confirmPassword: PASSWORD });
    expect((await fx.call('priya', 'offline.check', { crns: [] })).offlineWindowHours).toBe(0);
  });
});

describe('offline.uploadReads', () => {
  it('appends each offline read to the audit chain with its original time, once, and the chain verifies', async () => {
    const fx = await fixture();
    const approved = await grantAccess(fx, 'priya');
    const chainId = randomUUID();
    const t0 = fx.clock.now() - 2 * HOUR;
    const reads = localChain(chainId, 'priya', [
      { at: t0, crn: PEOPLE.warrant.crn, grantId: approved.grantId! },
      { at: t0 + HOUR, crn: PEOPLE.warrant.crn, grantId: approved.grantId! },
    ]);
    expect(await fx.call('priya', 'offline.uploadReads', { chainId, reads })).toEqual({ recorded: 2, alreadyRecorded: 0 });
    const events = await offlineEvents(fx);
    expect(events.map((e) => [e.at, e.actor, e.crn])).toEqual([[t0, 'priya', PEOPLE.warrant.crn], [t0 + HOUR, 'priya', PEOPLE.warrant.crn]]);
    expect(JSON.parse(events[1]!.details)).toMatchObject({ chainId, chainSeq: 2, localHash: reads[1]!.hash, grantId: approved.grantId, grantHeldThen: false });

    // A desktop that lost the answer sends them again, with one more: only the new one is recorded.
    fx.clock.advanceHours(1);
    const more = localChain(chainId, 'priya', [{ at: fx.clock.now() - 60_000, crn: PEOPLE.warrant.crn, grantId: approved.grantId! }], { seq: 2, hash: reads[1]!.hash });
    expect(await fx.call('priya', 'offline.uploadReads', { chainId, reads: [...reads, ...more] })).toEqual({ recorded: 1, alreadyRecorded: 2 });
    const all3 = await offlineEvents(fx);
    expect(all3).toHaveLength(3);
    // The reads stamped before the grant began are recorded all the same, flagged for whoever reviews them.
    expect(all3.map((e) => (JSON.parse(e.details) as { grantHeldThen: boolean }).grantHeldThen)).toEqual([false, false, true]);
    expect(await fx.call('ada', 'admin.auditVerify', {})).toMatchObject({ ok: true });
  });

  it('refuses a local chain that is altered, has a gap or does not follow on, and records none of it', async () => {
    const fx = await fixture();
    const approved = await grantAccess(fx, 'priya');
    const chainId = randomUUID();
    const at = fx.clock.now() - HOUR;
    const reads = localChain(chainId, 'priya', [1, 2, 3].map((i) => ({ at: at + i, crn: PEOPLE.warrant.crn, grantId: approved.grantId! })));

    const altered = reads.map((r, i) => (i === 1 ? { ...r, crn: PEOPLE.veryHigh.crn } : r));
    const gap = [reads[0]!, reads[2]!];
    const notFirst = reads.slice(1);
    // Stamped with another person's name: the hash is over the uploader's username, so it does not match.
    const someoneElses = localChain(chainId, 'alan', [{ at, crn: PEOPLE.warrant.crn, grantId: approved.grantId! }]);
    for (const bad of [altered, gap, notFirst, someoneElses]) {
      expect(await fx.attempt('priya', 'offline.uploadReads', { chainId, reads: bad })).toMatchObject({ ok: false, error: { code: 'OFFLINE_CHAIN_BROKEN' } });
    }
    expect(await offlineEvents(fx)).toHaveLength(0);

    // A chain already uploaded by one person cannot be added to by another.
    await fx.call('priya', 'offline.uploadReads', { chainId, reads });
    const more = localChain(chainId, 'alan', [{ at, crn: PEOPLE.warrant.crn, grantId: approved.grantId! }], { seq: 3, hash: reads[2]!.hash });
    expect(await fx.attempt('alan', 'offline.uploadReads', { chainId, reads: more })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await offlineEvents(fx)).toHaveLength(3);
  });
});
