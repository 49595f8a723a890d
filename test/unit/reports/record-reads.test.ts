/**
 * The reports count offline reads apart from online ones: by the reader's team, how many were read
 * through a grant that no longer stood at the read's time, and how long each took to reach the
 * broker; an offline read counts at its own time once the broker had it by the end of the period.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { offlineReadCanonical, type OfflineRead } from '../../../shared/contract/offline';
import { chainHash, GENESIS_HASH } from '../../../electron/core/audit/audit-log';
import { PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { grantAccess } from '../../helpers/broker-requests';
import { MONDAY, reportFor } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();
const MIN = 60_000;

/** Uploads offline reads as a desktop's local chain would hold them, following on from `head`. */
async function uploadOfflineReads(fx: BrokerFixture, chain: { id: string; seq: number; hash: string }, reads: Array<{ at: number; grantId: number }>) {
  const body: OfflineRead[] = reads.map((r) => {
    const read = { seq: ++chain.seq, at: r.at, crn: PEOPLE.warrant.crn, grantId: r.grantId, sections: ['frontSheet', 'roshSummary'] as OfflineRead['sections'] };
    const hash = chainHash(chain.hash, offlineReadCanonical(chain.id, 'priya', read));
    const full = { ...read, prevHash: chain.hash, hash };
    chain.hash = hash;
    return full;
  });
  return fx.call('priya', 'offline.uploadReads', { chainId: chain.id, reads: body });
}

describe('record reads, online and offline', () => {
  it('counts online and offline reads per team, the offline ones read after the grant was revoked, and how long each took to reach the broker', async () => {
    const fx = await fixture();
    const chain = { id: randomUUID(), seq: 0, hash: GENESIS_HASH };
    const start = fx.clock.now();
    const { grantId } = await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    await fx.call('olivia', 'records.read', { crn: PEOPLE.warrant.crn });
    // Two reads offline, sent when the desktop reached the broker again three hours after the start.
    fx.clock.advanceMinutes(180);
    await uploadOfflineReads(fx, chain, [{ at: start + 30 * MIN, grantId: grantId! }, { at: start + 60 * MIN, grantId: grantId! }]);
    // Revoked; the desktop, offline again, showed its copy ten minutes later and sent it ten minutes after that.
    await fx.call('olivia', 'grants.revoke', { grantId: grantId!, reason: 'The group moved to another provider.' });
    fx.clock.advanceMinutes(20);
    await uploadOfflineReads(fx, chain, [{ at: fx.clock.now() - 10 * MIN, grantId: grantId! }]);

    const { reads } = await reportFor(fx);
    expect(reads).toMatchObject({ online: 3, offline: 3, offlineOutsideGrant: 1 });
    expect(reads.byTeam).toEqual([
      { key: 'N07T01', label: 'Camden NPS', online: 1, offline: 0, offlineOutsideGrant: 0, longestUploadMinutes: null },
      { key: 'C17T01', label: 'Islington CRC', online: 2, offline: 3, offlineOutsideGrant: 1, longestUploadMinutes: 150 },
    ]);
    expect(Object.fromEntries(reads.uploadDelays.map((d) => [d.label, d.count]))).toEqual({ 'Under 1 h': 1, '1–8 h': 2, '8–24 h': 0, '1–7 days': 0, '7 days or more': 0 });

    // The CSV a reader saves holds the same figures.
    const { files } = await fx.call('hana', 'reports.exportCsv', { from: MONDAY, to: MONDAY, table: 'record-reads-by-team' });
    expect(files[0]!.csv.split('\r\n').slice(0, 4)).toEqual([
      'Reader’s team,Read online,Read offline,"Offline, after the grant had ended or was revoked",Longest wait to reach the broker (minutes)',
      'Camden NPS,1,0,0,',
      'Islington CRC,2,3,1,150',
      'All teams,3,3,1,',
    ]);
  });

  it('counts an offline read at its own time, once the broker had it by the end of the period', async () => {
    const fx = await fixture();
    const chain = { id: randomUUID(), seq: 0, hash: GENESIS_HASH };
    const { grantId } = await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn], durationDays: 3 });
    const readAt = fx.clock.now() + 60 * MIN;
    // Read offline on Monday, sent on Tuesday.
    fx.clock.advanceDays(1);
    await uploadOfflineReads(fx, chain, [{ at: readAt, grantId: grantId! }]);

    expect((await reportFor(fx, MONDAY, MONDAY)).reads.offline).toBe(0);
    const week = await reportFor(fx, MONDAY, '2026-03-03');
    expect(week.reads).toMatchObject({ online: 0, offline: 1 });
    expect(week.reads.uploadDelays.find((d) => d.label === '8–24 h')?.count).toBe(1);
    expect((await reportFor(fx, '2026-03-03', '2026-03-03')).reads.offline).toBe(0);
  });
});
