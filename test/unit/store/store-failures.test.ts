import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { STORE_PAGE_SIZE } from '../../../electron/core/store/page-check';
import { sha256File } from '../../helpers/file-hash';
import { useSmallDisks } from '../../helpers/small-disk';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const smallDisk = useSmallDisks();

async function codeOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('the store opened');
}

async function storeWithRows(dir: string, keyStore = new MemoryKeyStore()) {
  const path = join(dir, 'broker.db');
  const store = await openStore({ path, keyStore, create: true });
  store.db.exec(`INSERT INTO providers VALUES ('N07', 'NPS London', 'NPS')`);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const root = store.db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'providers'`).pluck().get() as number;
  store.close();
  return { path, keyStore, root };
}

const flipBit = (path: string, page: number, offset = 100) => {
  const bytes = readFileSync(path);
  bytes[(page - 1) * STORE_PAGE_SIZE + offset]! ^= 0x01;
  writeFileSync(path, bytes);
};

describe('opening a store that is damaged, read-only or keyed wrongly', () => {
  it('refuses a store with one bit flipped in a schema page (a table root) as STORE_DAMAGED, changing nothing', async () => {
    const { path, keyStore, root } = await storeWithRows(tempDir());
    expect(root).toBeGreaterThan(1);
    flipBit(path, root);
    const before = sha256File(path);
    const e = await codeOf(openStore({ path, keyStore }));
    expect(e.code).toBe('STORE_DAMAGED');
    expect(e.message).toContain(`schema page(s) ${root}`);
    expect(e.message).toContain('restore the latest backup');
    expect(sha256File(path)).toBe(before);
  });

  it('answers STORE_KEY_WRONG for a key that does not open the file even when the salt recorded beside it matches', async () => {
    const { path, keyStore } = await storeWithRows(tempDir());
    const stored = (await keyStore.get(keychainAccount(path)))!;
    expect(stored.saltHex).toMatch(/^[0-9a-f]{32}$/);
    await keyStore.set(keychainAccount(path), { keyHex: 'ef'.repeat(32), saltHex: stored.saltHex! });
    const before = sha256File(path);
    expect((await codeOf(openStore({ path, keyStore }))).code).toBe('STORE_KEY_WRONG');
    expect(sha256File(path)).toBe(before);
  });

  it('answers STORE_READ_ONLY for a store on a read-only filesystem, not STORE_DAMAGED, changing nothing', async () => {
    const disk = smallDisk(8 * 1024 * 1024);
    const { path, keyStore } = await storeWithRows(disk.dir);
    const before = sha256File(path);
    disk.readOnly();
    const e = await codeOf(openStore({ path, keyStore }));
    expect(e.code).toBe('STORE_READ_ONLY');
    expect(sha256File(path)).toBe(before);
  });

  it('answers STORE_FULL when the disk fills while a store is created, and leaves neither file nor key behind', async () => {
    const disk = smallDisk(64 * 1024);
    const keyStore = new MemoryKeyStore();
    const path = join(disk.dir, 'broker.db');
    const e = await codeOf(openStore({ path, keyStore, create: true }));
    expect(e.code).toBe('STORE_FULL');
    expect(e.message).toBe('The disk is full. Free some space; nothing was changed.');
    expect(readdirSync(disk.dir)).toEqual([]);
    expect(existsSync(path)).toBe(false);
    expect(await keyStore.get(keychainAccount(path))).toBeNull();
  });
});
