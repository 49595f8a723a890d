/**
 * Offline sign-in on its own, in a real encrypted cache file: the password is kept only as a
 * salted scrypt verifier; failures lock the person out as the broker's lockout would; the verifier
 * goes at sign-out, on deactivation, past the offline window and when the clock goes back; a cache
 * file made before offline sign-in is upgraded with its unsent reads kept.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type OfflineCache, openOfflineCache } from '../../../electron/core/connected/offline-cache';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { cacheFilesHold } from '../../helpers/offline-cache-file';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 11, 1, 10, 0);
const PASSWORD = 'correct horse battery staple';
const LOCKOUT = { failuresBeforeLock: 3, firstLockMinutes: 2, maxLockMinutes: 60 };

const signedIn = {
  state: 'SIGNED_IN' as const,
  user: { userId: 7, username: 'tara', displayName: 'Tara Tutor', roles: ['crc-practitioner' as const], staffCode: 'C17T01C', sector: 'CRC' as const, providerName: 'London CRC', teamName: 'Cambridge' },
  idleExpiresAt: NOW + 15 * MINUTE,
  idleLockMinutes: 15,
  now: NOW,
  readsPaused: false,
};

/** Tara signed in online at NOW and the broker said the window is `windowHours`. */
async function signedInOnline(windowHours = 8): Promise<{ cache: OfflineCache; path: string }> {
  const path = join(tempDir(), 'offline-cache.db');
  const cache = await openOfflineCache(path, new MemoryKeyStore());
  cache.rememberPerson(signedIn, NOW);
  cache.applyRecheck('tara', windowHours, [], NOW, LOCKOUT);
  await cache.signIns.rememberPassword('tara', PASSWORD);
  return { cache, path };
}

const verifier = (cache: OfflineCache) => cache.file.db.prepare("SELECT password_verifier FROM people WHERE username = 'tara'").pluck().get() as string | null;

describe('offline sign-in', () => {
  it('keeps a salted scrypt verifier of the password, never the password, and signs in with it inside the window', async () => {
    const { cache, path } = await signedInOnline();
    expect(verifier(cache)).toMatch(/^scrypt\$32768\$8\$1\$/);
    cache.file.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(cacheFilesHold(path, PASSWORD)).toBe(false);
    const outcome = await cache.signInOffline('tara', PASSWORD, NOW + HOUR);
    expect(outcome).toMatchObject({ ok: true, status: { state: 'SIGNED_IN', signedInOffline: true, now: NOW + HOUR, user: { username: 'tara' } } });
    expect(cache.chain.pending(cache.person('tara')!.chainId)).toEqual([expect.objectContaining({ seq: 1, kind: 'signIn', at: NOW + HOUR })]);
    cache.close();
  });

  it('locks the person out after the policy’s number of failures, for the policy’s time, each failure chained', async () => {
    const { cache } = await signedInOnline();
    for (let i = 0; i < 2; i++) expect(await cache.signInOffline('tara', 'wrong password here', NOW + i)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const third = await cache.signInOffline('tara', 'wrong password here', NOW + 2);
    expect(third).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    // Locked: even the right password is refused until the lock (2 minutes) has passed, and nothing is chained for it.
    expect(await cache.signInOffline('tara', PASSWORD, NOW + MINUTE)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(await cache.signInOffline('tara', PASSWORD, NOW + 3 * MINUTE)).toMatchObject({ ok: true });
    expect(cache.chain.pending(cache.person('tara')!.chainId).map((e) => ('kind' in e ? e.kind : 'read'))).toEqual(['signInFailed', 'signInFailed', 'signInFailed', 'signIn']);
    cache.close();
  });

  it('refuses someone who never signed in here, and everyone past the offline window', async () => {
    const { cache } = await signedInOnline();
    expect(await cache.signInOffline('olivia', PASSWORD, NOW + HOUR)).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
    expect(cache.offlineSignInOpen(NOW + 7 * HOUR)).toBe(true);
    expect(await cache.signInOffline('tara', PASSWORD, NOW + 8 * HOUR)).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
    expect(verifier(cache)).toBeNull();
    expect(cache.offlineSignInOpen(NOW + 8 * HOUR)).toBe(false);
    cache.close();
  });

  it('deletes the verifier at sign-out, on deactivation, when the window is set to 0 and when the clock goes back', async () => {
    for (const end of [
      (c: OfflineCache) => c.forgetPerson('tara'),
      (c: OfflineCache) => c.applyRecheck('tara', 0, [], NOW + MINUTE),
      (c: OfflineCache) => c.enforceLimits(NOW - 10 * MINUTE),
    ]) {
      const { cache } = await signedInOnline();
      cache.enforceLimits(NOW + MINUTE);
      end(cache);
      expect(verifier(cache)).toBeNull();
      expect(await cache.signInOffline('tara', PASSWORD, NOW + 2 * MINUTE)).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
      cache.close();
    }
  });

  it('keeps nothing to sign in with while offline reading is off', async () => {
    const { cache } = await signedInOnline(0);
    expect(verifier(cache)).toBeNull();
    expect(cache.offlineSignInOpen(NOW)).toBe(false);
    cache.close();
  });

  it('upgrades a cache file from before offline sign-in, keeping its unsent reads', async () => {
    const path = join(tempDir(), 'offline-cache.db');
    const keyStore = new MemoryKeyStore();
    const cache = await openOfflineCache(path, keyStore);
    cache.rememberPerson(signedIn, NOW);
    const chainId = cache.person('tara')!.chainId;
    cache.chain.append(chainId, 'tara', { at: NOW, crn: 'X100001', grantId: 4, sections: ['frontSheet'] });
    const before = cache.chain.pending(chainId);
    // Back to version 1's shape: no offline sign-in columns, reads only.
    cache.file.db.exec(`
      ALTER TABLE people DROP COLUMN password_verifier; ALTER TABLE people DROP COLUMN lockout;
      ALTER TABLE people DROP COLUMN offline_failures; ALTER TABLE people DROP COLUMN offline_locked_until;
      CREATE TABLE v1 (chain_id TEXT NOT NULL, seq INTEGER NOT NULL, username TEXT NOT NULL, at INTEGER NOT NULL, crn TEXT NOT NULL, grant_id INTEGER NOT NULL,
        sections TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, uploaded INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (chain_id, seq)) STRICT;
      INSERT INTO v1 SELECT chain_id, seq, username, at, crn, grant_id, sections, prev_hash, hash, uploaded FROM offline_reads;
      DROP TABLE offline_reads; ALTER TABLE v1 RENAME TO offline_reads;
      PRAGMA user_version = 1;`);
    cache.close();

    const upgraded = await openOfflineCache(path, keyStore);
    expect(upgraded.file.db.pragma('user_version', { simple: true })).toBe(2);
    expect(upgraded.chain.pending(chainId)).toEqual(before);
    upgraded.chain.appendSignIn(chainId, 'tara', NOW + 1, 'signIn');
    expect(upgraded.chain.pending(chainId)).toHaveLength(2);
    upgraded.close();
  });
});
