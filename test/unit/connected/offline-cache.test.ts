/**
 * The offline copy on its own, in a real encrypted file: a file that will not open is refused and
 * left as it is; a read that cannot be written to the local chain is not shown (no audit, no read);
 * nothing is kept when offline reading is off; sign-out deletes the sections but keeps the reads
 * still to be uploaded.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../../../shared/contract';
import { type OfflineCache, openOfflineCache } from '../../../electron/core/connected/offline-cache';
import { MAX_PAGES_PER_LIST, pageKey } from '../../../electron/core/connected/offline-lists';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { offlineCacheAccount } from '../../../electron/core/store/open-offline-cache';
import { sha256File } from '../../helpers/file-hash';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 10, 0);

const signedIn = (username: string) => ({
  state: 'SIGNED_IN' as const,
  user: { userId: 7, username, displayName: 'Tara Tutor', roles: ['crc-practitioner' as const], staffCode: 'C17T01C', sector: 'CRC' as const, providerName: 'London CRC', teamName: 'Cambridge' },
  idleExpiresAt: NOW + 15 * 60_000,
  idleLockMinutes: 15,
  now: NOW,
  readsPaused: false,
});

const view = (crn: string, grantId: number, until: number): RecordView => ({
  crn,
  person: { name: 'Wayne Walker', dob: '1980-01-01', gender: 'M', pnc: null, noms: null, tier: null, ownerName: 'Olivia Owner' },
  access: { scope: 'ROSH_SUMMARY', route: 'GRANT', until, grantId },
  readAt: NOW,
  frontSheet: { alerts: [], roshLevel: 'HIGH', roshCommunity: { children: null, public: 'HIGH', knownAdult: null, staff: 'HIGH' }, mappa: null, safetyWarnings: ['Do not see alone'] },
  roshSummary: null,
  riskManagementPlan: null,
  fullRecord: null,
  offline: null,
});

async function cacheWithRecord(windowHours: number): Promise<{ cache: OfflineCache; path: string; keyStore: MemoryKeyStore }> {
  const keyStore = new MemoryKeyStore();
  const path = join(tempDir(), 'offline-cache.db');
  const cache = await openOfflineCache(path, keyStore);
  cache.rememberPerson(signedIn('tara'), NOW);
  cache.applyRecheck('tara', windowHours, [], NOW);
  cache.keepRecord('tara', view('X100001', 4, NOW + 48 * HOUR));
  return { cache, path, keyStore };
}

describe('the offline copy', () => {
  it('refuses a cache file whose key is missing or wrong and leaves it byte for byte as it was', async () => {
    const { cache, path, keyStore } = await cacheWithRecord(8);
    cache.close();
    const before = sha256File(path);
    await expect(openOfflineCache(path, new MemoryKeyStore())).rejects.toMatchObject({ code: 'STORE_KEY_MISSING' });
    const wrong = new MemoryKeyStore();
    await wrong.set(offlineCacheAccount(path), { keyHex: 'a'.repeat(64) });
    await expect(openOfflineCache(path, wrong)).rejects.toMatchObject({ code: 'STORE_KEY_WRONG' });
    expect(sha256File(path)).toBe(before);
    (await openOfflineCache(path, keyStore)).close();
  });

  it('does not show an offline read that cannot be written to the local chain', async () => {
    const { cache } = await cacheWithRecord(8);
    cache.file.db.exec(`CREATE TRIGGER refuse_reads BEFORE INSERT ON offline_reads BEGIN SELECT RAISE(ABORT, 'the chain cannot be written'); END`);
    expect(() => cache.readOffline('tara', 'X100001', NOW + HOUR)).toThrow('the chain cannot be written');
    cache.file.db.exec('DROP TRIGGER refuse_reads');
    const read = cache.readOffline('tara', 'X100001', NOW + HOUR);
    expect(read?.view.offline).toEqual({ lastCheckedAt: NOW });
    expect(read?.entry.seq).toBe(1);
    cache.close();
  });

  it('keeps nothing while the policy turns offline reading off (a window of 0 hours)', async () => {
    const { cache } = await cacheWithRecord(0);
    expect(cache.cachedCrns('tara')).toEqual([]);
    expect(cache.readOffline('tara', 'X100001', NOW + 1)).toBeNull();
    cache.close();
  });

  it('limits a record to the earlier of its grant end and the last contact plus the window', async () => {
    const { cache } = await cacheWithRecord(8);
    cache.keepRecord('tara', view('X100002', 5, NOW + 2 * HOUR));
    expect(cache.readOffline('tara', 'X100002', NOW + HOUR)?.view.access.until).toBe(NOW + 2 * HOUR);
    expect(cache.readOffline('tara', 'X100001', NOW + HOUR)?.view.access.until).toBe(NOW + 8 * HOUR);
    expect(cache.readOffline('tara', 'X100002', NOW + 2 * HOUR)).toBeNull();
    expect(cache.cachedCrns('tara')).toEqual(['X100001']);
    cache.close();
  });

  it('deletes the sections at sign-out but keeps the offline reads still to be uploaded', async () => {
    const { cache } = await cacheWithRecord(8);
    cache.readOffline('tara', 'X100001', NOW + HOUR);
    cache.forgetPerson('tara');
    expect(cache.cachedCrns('tara')).toEqual([]);
    expect(cache.chain.pending(cache.person('tara')!.chainId)).toHaveLength(1);
    cache.close();
  });

  it('answers the person\'s lists as last seen until the window passes, then deletes them', async () => {
    const { cache } = await cacheWithRecord(8);
    const inbox = { rows: [{ id: 12, crn: 'X100001' }], total: 1 };
    cache.keepList('tara', 'requests.inbox', 'first page', inbox, NOW);
    expect(cache.listOffline('tara', 'requests.inbox', 'first page', NOW + HOUR)).toEqual(inbox);
    expect(cache.listOffline('tara', 'requests.hubQueue', 'first page', NOW + HOUR)).toBeNull();
    expect(cache.listOffline('tara', 'requests.inbox', 'first page', NOW + 8 * HOUR)).toBeNull();
    expect(cache.file.db.prepare('SELECT count(*) FROM cached_lists').pluck().get()).toBe(0);
    cache.close();
  });

  it('keeps every page of a list the person loaded, up to the cap, the page loaded longest ago going first', async () => {
    const { cache } = await cacheWithRecord(8);
    for (let i = 0; i <= MAX_PAGES_PER_LIST; i++) cache.keepList('tara', 'requests.mine', pageKey('requests.mine', { offset: i * 100 })!, { rows: [], total: i }, NOW + i);
    expect(cache.listOffline('tara', 'requests.mine', pageKey('requests.mine', { offset: 0 })!, NOW + HOUR)).toBeNull();
    expect(cache.listOffline('tara', 'requests.mine', pageKey('requests.mine', { offset: 100 })!, NOW + HOUR)).toEqual({ rows: [], total: 1 });
    // The same question asked with the defaults spelled out is the same page.
    expect(cache.listOffline('tara', 'requests.mine', pageKey('requests.mine', { offset: 100, limit: 100, filter: 'ALL' })!, NOW + HOUR)).toEqual({ rows: [], total: 1 });
    expect(cache.file.db.prepare('SELECT count(*) FROM cached_lists').pluck().get()).toBe(MAX_PAGES_PER_LIST);
    cache.close();
  });
});
