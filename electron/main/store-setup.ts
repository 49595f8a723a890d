/**
 * Creates the store on first run so that `broker.db` either does not exist or is complete: the new
 * store is built under a staging name next to it, its key is filed under the final name, and only
 * then is it linked into place (a hard link, which fails rather than replace an existing file).
 * A crash part-way leaves only a staging file, which the next start removes with its key.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EmbeddedConnection as Database } from '../core/store/embedded-connection';
import { AppError } from '../../shared/errors';
import type { KeyStore } from '../core/store/key-store';
import { keychainAccount, openStore, type Store } from '../core/store/open-store';

const STAGING_MARK = '.setup-';
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

const removeStoreFiles = (path: string): void => {
  for (const suffix of SIDE_FILES) rmSync(`${path}${suffix}`, { force: true });
};

export async function createStoreAtomically<T>(
  path: string,
  keyStore: KeyStore,
  populate: (db: Database) => Promise<T>,
): Promise<{ store: Store; result: T }> {
  if (existsSync(path)) throw new AppError('SETUP_ALREADY_DONE');
  const staging = `${path}${STAGING_MARK}${randomUUID()}`;
  const stagingAccount = keychainAccount(staging);
  let result: T;
  try {
    const store = await openStore({ path: staging, keyStore, create: true });
    try {
      result = await populate(store.db);
      store.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      store.close();
    }
    const key = await keyStore.get(stagingAccount);
    if (!key) throw new AppError('STORE_KEY_MISSING', 'The new store’s key vanished from the keychain while it was being set up. Nothing was set up.');
    // As when a store is created: the key is in the keychain before the file has its name.
    const finalAccount = keychainAccount(path);
    const previous = await keyStore.get(finalAccount);
    await keyStore.set(finalAccount, key);
    try {
      linkSync(staging, path);
    } catch (e) {
      // Someone else's store appeared under the name: give it back its own key, change nothing.
      if (previous) await keyStore.set(finalAccount, previous);
      else await keyStore.delete(finalAccount);
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('SETUP_ALREADY_DONE');
      throw e;
    }
  } catch (e) {
    removeStoreFiles(staging);
    await keyStore.delete(stagingAccount).catch(() => undefined);
    throw e;
  }
  unlinkSync(staging);
  await keyStore.delete(stagingAccount).catch(() => undefined);
  return { store: await openStore({ path, keyStore }), result: result! };
}

/** Removes what an interrupted setup left: staging files next to `path` and their keys. */
export async function discardUnfinishedSetups(path: string, keyStore: KeyStore): Promise<string[]> {
  const folder = dirname(path);
  if (!existsSync(folder)) return [];
  const prefix = `${basename(path)}${STAGING_MARK}`;
  const staged = readdirSync(folder).filter((name) => name.startsWith(prefix) && !/-(wal|shm|journal)$/.test(name));
  for (const name of staged) {
    const stagingPath = join(folder, name);
    removeStoreFiles(stagingPath);
    await keyStore.delete(keychainAccount(stagingPath)).catch(() => undefined);
  }
  return staged;
}
