import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryKeyStore, type KeyStore, type StoredKey } from '../../../electron/core/store/key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { one, run, sql } from '../../../electron/core/store/sql';
import { createStoreAtomically, discardUnfinishedSetups } from '../../../electron/main/store-setup';
import { sha256File } from '../../helpers/file-hash';
import { useTempDirs } from '../../helpers/temp-dir';

/** A key store that remembers every account it ever held, to prove nothing is left behind. */
class WatchedKeyStore implements KeyStore {
  readonly inner = new MemoryKeyStore();
  readonly seen = new Set<string>();
  get(account: string): Promise<StoredKey | null> {
    return this.inner.get(account);
  }
  set(account: string, value: StoredKey): Promise<void> {
    this.seen.add(account);
    return this.inner.set(account, value);
  }
  delete(account: string): Promise<void> {
    return this.inner.delete(account);
  }
  async held(): Promise<string[]> {
    const out: string[] = [];
    for (const a of this.seen) if (await this.inner.get(a)) out.push(a);
    return out;
  }
}

describe('creating the store on first run', () => {
  const tempDir = useTempDirs();

  it('puts a complete store under the final name, with its key, and nothing else', async () => {
    const keyStore = new WatchedKeyStore();
    const path = join(tempDir(), 'broker.db');
    const { store, result } = await createStoreAtomically(path, keyStore, async (db) => {
      await run(engineOf(db), sql`INSERT INTO settings (key, value, updated_at) VALUES ('marker', '"set up"', 1)`);
      return 'populated';
    });
    expect(result).toBe('populated');
    expect((await one<{ value: string }>(engineOf(store.db), sql`SELECT value FROM settings WHERE key = 'marker'`))?.value).toBe('"set up"');
    store.close();
    expect(readdirSync(join(path, '..'))).toEqual(['broker.db']);
    expect(await keyStore.held()).toEqual([keychainAccount(path)]);
    (await openStore({ path, keyStore })).close();
  });

  it('leaves no store, no staging file and no key when populating fails', async () => {
    const keyStore = new WatchedKeyStore();
    const path = join(tempDir(), 'broker.db');
    await expect(
      createStoreAtomically(path, keyStore, async () => {
        throw new Error('import failed half-way');
      }),
    ).rejects.toThrow('import failed half-way');
    expect(readdirSync(join(path, '..'))).toEqual([]);
    expect(await keyStore.held()).toEqual([]);
  });

  it('never replaces a store that appears while it works, and gives that store its key back', async () => {
    const keyStore = new WatchedKeyStore();
    const path = join(tempDir(), 'broker.db');
    const theirs = { keyHex: 'ab'.repeat(32) };
    await expect(
      createStoreAtomically(path, keyStore, async () => {
        writeFileSync(path, 'someone else’s store');
        await keyStore.set(keychainAccount(path), theirs);
      }),
    ).rejects.toMatchObject({ code: 'SETUP_ALREADY_DONE' });
    expect(await keyStore.get(keychainAccount(path))).toEqual(theirs);
    expect(readdirSync(join(path, '..'))).toEqual(['broker.db']);
  });

  it('refuses when a store already exists, without touching it', async () => {
    const keyStore = new WatchedKeyStore();
    const path = join(tempDir(), 'broker.db');
    writeFileSync(path, 'existing');
    const before = sha256File(path);
    await expect(createStoreAtomically(path, keyStore, async () => undefined)).rejects.toMatchObject({ code: 'SETUP_ALREADY_DONE' });
    expect(sha256File(path)).toBe(before);
    expect(await keyStore.held()).toEqual([]);
  });

  it('clears what an interrupted setup left behind, files and key', async () => {
    const keyStore = new WatchedKeyStore();
    const folder = tempDir();
    const path = join(folder, 'broker.db');
    const staging = `${path}.setup-0b7c`;
    (await openStore({ path: staging, keyStore, create: true })).close();
    writeFileSync(`${staging}-wal`, '');
    writeFileSync(join(folder, 'notes.txt'), 'not ours');
    expect(await discardUnfinishedSetups(path, keyStore)).toEqual(['broker.db.setup-0b7c']);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
    expect(await keyStore.held()).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });
});
