import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent, chainHash, canonicalEvent, type StoredAuditEvent } from '../../../electron/core/audit/audit-log';
import { verifyStoreAuditChain } from '../../../electron/core/audit/verify-chain';
import { chainRanges, verifyStoreAuditChainInWorkers } from '../../../electron/core/audit/verify-chain-in-workers';
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { MemoryKeyStore, type KeyStore } from '../../../electron/core/store/key-store';
import { keychainAccount, openStore, type Store } from '../../../electron/core/store/open-store';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { TEST_ENGINE } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';

// Parallel verification reads an embedded store file; the PostgreSQL project has nothing more to run here.
const embeddedOnly = describe.skipIf(TEST_ENGINE === 'postgres');
const tempDir = useTempDirs();
const BIN = resolve(__dirname, '../../../bin/rab.mjs');

/** Ranges of 5 events over two threads: 1–5, 6–10, 11–15, 16–20, 21–23. */
const RANGES = { workers: 2, rangeSize: 5, always: true } as const;
const EVENTS = 23;

async function chainOf(events: number, keyStore: KeyStore = new MemoryKeyStore()): Promise<{ store: Store; keyHex: string }> {
  const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore, create: true });
  const engine = engineOf(store.db);
  // The migrations may have written events of their own; these follow them.
  const base = (store.db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number) + 1;
  for (let i = base; i <= events; i++) await appendAuditEvent(engine, { at: Date.UTC(2026, 2, 2) + i * 1000, actor: 'cli', action: 'test.event', subject: `thing:${i}`, details: { i } });
  return { store, keyHex: (await keyStore.get(keychainAccount(store.path)))!.keyHex };
}

/** Someone with the key, the guard triggers dropped. */
const editDetails = (store: Store, seq: number) => {
  store.db.exec('DROP TRIGGER IF EXISTS audit_events_no_update');
  store.db.prepare(`UPDATE audit_events SET details = '{"i":-1}' WHERE seq = ?`).run(seq);
};
const deleteEvent = (store: Store, seq: number) => {
  store.db.exec('DROP TRIGGER IF EXISTS audit_events_no_delete');
  store.db.prepare('DELETE FROM audit_events WHERE seq = ?').run(seq);
};
/** Changes an event and writes it a hash that fits its new content: only the next event's link shows it. */
const rewriteWithItsHash = (store: Store, seq: number) => {
  store.db.exec('DROP TRIGGER IF EXISTS audit_events_no_update');
  const e = store.db.prepare('SELECT * FROM audit_events WHERE seq = ?').get(seq) as StoredAuditEvent;
  const changed = { ...e, actor: 'mallory' };
  store.db.prepare('UPDATE audit_events SET actor = ?, hash = ? WHERE seq = ?').run(changed.actor, chainHash(e.prev_hash, canonicalEvent(changed)), seq);
};

/** The threads' verdict, which must be exactly the single walk's. */
async function bothVerdicts(store: Store, keyHex: string) {
  const walked = verifyStoreAuditChain(store.db);
  const inThreads = await verifyStoreAuditChainInWorkers(store.db, store.path, keyHex, RANGES);
  return { walked, inThreads };
}

embeddedOnly('audit chain verification in worker threads', () => {
  it('cuts the chain into consecutive ranges that cover every event once', () => {
    expect(chainRanges(23, 5)).toEqual([
      { from: 1, to: 5 },
      { from: 6, to: 10 },
      { from: 11, to: 15 },
      { from: 16, to: 20 },
      { from: 21, to: 23 },
    ]);
    expect(chainRanges(0, 5)).toEqual([]);
  });

  it('verifies a whole chain in ranges with the same answer as one walk', async () => {
    const { store, keyHex } = await chainOf(EVENTS);
    const { walked, inThreads } = await bothVerdicts(store, keyHex);
    expect(walked).toEqual({ ok: true, checked: EVENTS });
    expect(inThreads).toEqual(walked);
    store.close();
  });

  it('finds an event changed in the middle of a range, reported as the single walk reports it', async () => {
    const { store, keyHex } = await chainOf(EVENTS);
    editDetails(store, 8);
    const { walked, inThreads } = await bothVerdicts(store, keyHex);
    expect(walked).toEqual({ ok: false, checked: 7, firstBadSeq: 8, problem: 'event 8 has been changed since it was written' });
    expect(inThreads).toEqual(walked);
    store.close();
  });

  it.each([
    ['the last event of a range', 10],
    ['the first event of a range', 11],
    ['the first event of the chain', 1],
    ['the last event of the chain', EVENTS],
  ])('finds a change to %s, reported as the single walk reports it', async (_where, seq) => {
    const { store, keyHex } = await chainOf(EVENTS);
    editDetails(store, seq);
    const { walked, inThreads } = await bothVerdicts(store, keyHex);
    expect(walked).toMatchObject({ ok: false, firstBadSeq: seq, checked: seq - 1 });
    expect(inThreads).toEqual(walked);
    store.close();
  });

  it.each([
    ['the last event of a range', 10, 'event 10 is missing (the next event is 11)'],
    ['the first event of a range', 11, 'event 11 is missing (the next event is 12)'],
  ])('names a deleted event that was %s itself, not the one after it', async (_where, seq, problem) => {
    const { store, keyHex } = await chainOf(EVENTS);
    deleteEvent(store, seq);
    const { walked, inThreads } = await bothVerdicts(store, keyHex);
    expect(walked).toEqual({ ok: false, checked: seq - 1, firstBadSeq: seq, problem });
    expect(inThreads).toEqual(walked);
    store.close();
  });

  it('catches an event rewritten with a fitting hash at the end of a range by the next range’s link to it', async () => {
    const { store, keyHex } = await chainOf(EVENTS);
    rewriteWithItsHash(store, 10);
    const { walked, inThreads } = await bothVerdicts(store, keyHex);
    expect(walked).toEqual({ ok: false, checked: 10, firstBadSeq: 11, problem: 'event 11 does not point at the hash of event 10' });
    expect(inThreads).toEqual(walked);
    store.close();
  });

  it('reports the earliest break when several ranges are broken', async () => {
    const { store, keyHex } = await chainOf(EVENTS);
    editDetails(store, 19);
    editDetails(store, 3);
    const { walked, inThreads } = await bothVerdicts(store, keyHex);
    expect(walked).toMatchObject({ ok: false, checked: 2, firstBadSeq: 3 });
    expect(inThreads).toEqual(walked);
    store.close();
  });

  it('fails, rather than passing, when a thread cannot read the store', async () => {
    const { store } = await chainOf(EVENTS);
    await expect(verifyStoreAuditChainInWorkers(store.db, store.path, 'ab'.repeat(32), RANGES)).rejects.toThrow(/^An audit verification thread failed: file is not a database/);
    store.close();
  });
});

embeddedOnly('rab audit verify --workers (the compiled command, real keychain)', () => {
  it('names the same first broken event from its worker threads as from one walk', async () => {
    const keyStore = new SystemKeyStore();
    const { store } = await chainOf(12, keyStore);
    editDetails(store, 7);
    store.close();
    try {
      const run = (workers: string) => spawnSync(process.execPath, [BIN, 'audit', 'verify', '--store', store.path, '--workers', workers], { encoding: 'utf8', timeout: 120_000 });
      const threads = run('2');
      const single = run('1');
      expect(threads.stderr).toBe('');
      expect(threads.status).toBe(1);
      expect(threads.stdout).toBe('Audit chain BROKEN at event 7: event 7 has been changed since it was written.\n6 events before it verified.\n');
      expect(threads.stdout).toBe(single.stdout);
      expect(run('0')).toMatchObject({ status: 2 });
    } finally {
      await keyStore.delete(keychainAccount(store.path));
    }
  });
});
