/**
 * A store that turns out damaged, full or read-only while the app runs: the call that meets it is
 * answered with the store's own code, changes nothing (no session, no row), and a damaged store is
 * refused from then on.
 */
import { closeSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../../../electron/core/clock/clock';
import { createBrokerCore } from '../../../electron/core/rpc/broker-core';
import { openStore } from '../../../electron/core/store/open-store';
import { STORE_PAGE_SIZE } from '../../../electron/core/store/page-check';
import { createBrokerFixture, MONDAY_10AM, PASSWORD, PEOPLE } from '../../helpers/broker-fixture';
import { TEST_ENGINE } from '../../helpers/engines';
import { sha256File } from '../../helpers/file-hash';
import { useSmallDisks } from '../../helpers/small-disk';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const smallDisk = useSmallDisks();

/** A closed fixture store with one bit flipped in the root page of `table`, then opened again. */
async function damagedStore(table: string) {
  const fx = await createBrokerFixture(tempDir(), { signedOut: true });
  const root = fx.db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number;
  const keyStore = fx.keyStore;
  const path = fx.store.path;
  await fx.close();
  const store = await openStore({ path, keyStore });
  // Damage that appears after opening (the open checks the schema pages): a bit flips on disk.
  const fd = openSync(path, 'r+');
  const byte = Buffer.alloc(1);
  const at = (root - 1) * STORE_PAGE_SIZE + 200;
  readSync(fd, byte, 0, 1, at);
  byte[0]! ^= 0x04;
  writeSync(fd, byte, 0, 1, at);
  closeSync(fd);
  const errors: string[] = [];
  const core = createBrokerCore({ db: store.engine, clock: new TestClock(MONDAY_10AM), logInternal: (c) => errors.push(c) });
  return { store, core, path };
}

// Damage, a full disk and the write-ahead log are the embedded file's own failures.
describe.skipIf(TEST_ENGINE === 'postgres')('a store found damaged while the app runs (embedded store file)', () => {
  it('answers STORE_DAMAGED naming what to do, and the sign-in that met the damage starts no session and commits nothing', async () => {
    const { store, core } = await damagedStore('providers');
    const signInsBefore = store.db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'auth.signIn'`).pluck().get();
    const conn = core.connect();
    const r = await core.dispatch('auth.signIn', conn, { username: 'priya', password: PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } });
    expect(!r.ok && r.error.message).toContain('IT support can restore the latest backup');
    expect(conn.sessionId).toBeNull();
    expect(store.db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'auth.signIn'`).pluck().get()).toBe(signInsBefore);
    expect(store.db.prepare(`SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('store.damaged');
    store.close();
  });

  it('refuses every later call without writing to the file again', async () => {
    const { store, core, path } = await damagedStore('providers');
    const conn = core.connect();
    await core.dispatch('auth.signIn', conn, { username: 'priya', password: PASSWORD });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = sha256File(path);
    for (const [channel, input] of [['auth.signIn', { username: 'ada', password: PASSWORD }], ['auth.status', {}], ['people.search', { query: 'Smith' }]] as const) {
      expect(await core.dispatch(channel, conn, input)).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } });
    }
    await expect(core.sweep()).rejects.toThrow(/damaged/);
    expect(sha256File(path)).toBe(before);
    expect(readFileSync(`${path}-wal`).length).toBe(0);
    store.close();
  });
});

describe.skipIf(TEST_ENGINE === 'postgres')('a full disk (embedded store file)', () => {
  it('answers STORE_FULL, never INTERNAL, changes nothing, and works again once space is freed', async () => {
    const disk = smallDisk(24 * 1024 * 1024);
    const fx = await createBrokerFixture(disk.dir);
    fx.db.pragma('wal_checkpoint(TRUNCATE)');
    const filler = join(disk.dir, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    const requestsBefore = fx.db.prepare('SELECT count(*) FROM requests').pluck().get();
    const body = { crns: [PEOPLE.warrant.crn], scope: 'FRONT_SHEET' as const, purpose: 'OTHER' as const, justification: 'Home visit on Friday.', urgency: 'ROUTINE' as const, durationDays: 7 };
    const r = await fx.attempt('priya', 'requests.create', body);
    expect(r).toEqual({ ok: false, error: { code: 'STORE_FULL', message: 'The disk is full. Free some space; nothing was changed.' } });
    expect(fx.internalErrors).toEqual([]);
    expect(fx.db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(requestsBefore);
    rmSync(filler);
    expect(await fx.attempt('priya', 'requests.create', body)).toMatchObject({ ok: true });
    await fx.close();
  });
});
