/**
 * Opens (or, only when asked and only when no file exists, creates) the encrypted store.
 *
 * The order matters for the promise that a store which cannot be opened is never changed: an
 * existing file is first opened read-only, keyed and checked; only when that succeeds is it
 * reopened for writing (WAL mode writes to the header, so it must wait until the key is proven).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import type { KeyStore, StoredKey } from './key-store';
import { assertNotFromFuture, migrate, schemaVersion } from './migrate';

const KEY_PATTERN = /^[0-9a-f]{64}$/;
const SALT_BYTES = 16;
/** The app's page cache, in KiB (negative cache_size means KiB): 256 MiB. */
export const PAGE_CACHE_KIB = 256 * 1024;

export interface OpenStoreOptions {
  path: string;
  keyStore: KeyStore;
  /** Create a new store when no file exists at `path`. Never overwrites an existing file. */
  create?: boolean;
  readonly?: boolean;
}

export interface Store {
  db: Db;
  path: string;
  schemaVersion: number;
  close(): void;
}

/** The keychain account for a store: tied to its absolute path. */
export const keychainAccount = (path: string): string => `store:${resolve(path)}`;

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const path = resolve(opts.path);
  const account = keychainAccount(path);
  if (!existsSync(path)) {
    if (!opts.create) throw new AppError('STORE_NOT_FOUND', `There is no store at ${path}.`);
    return createStore(path, account, opts.keyStore);
  }
  const stored = await opts.keyStore.get(account);
  if (!stored) {
    throw new AppError(
      'STORE_KEY_MISSING',
      `The store at ${path} exists but its key is not in the keychain. The store has not been changed.`,
    );
  }
  checkKeyShape(stored.keyHex);
  probeExisting(path, stored);
  const db = connect(path, stored.keyHex, { readonly: opts.readonly ?? false });
  if (!opts.readonly) configureWritable(db);
  const version = opts.readonly ? schemaVersion(db) : migrate(db);
  return wrap(db, path, version);
}

async function createStore(path: string, account: string, keyStore: KeyStore): Promise<Store> {
  const keyHex = randomBytes(32).toString('hex');
  // The key is saved before the file exists, so no store can ever exist without its key.
  await keyStore.set(account, { keyHex });
  const db = connect(path, keyHex, { readonly: false });
  configureWritable(db);
  const version = migrate(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  await keyStore.set(account, { keyHex, saltHex: readSalt(path) });
  return wrap(db, path, version);
}

function connect(path: string, keyHex: string, o: { readonly: boolean }): Db {
  checkKeyShape(keyHex);
  const db = new Database(path, { readonly: o.readonly, fileMustExist: o.readonly });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
    db.pragma('temp_store=MEMORY');
    // Decrypted pages stay cached: without this each read of a page not in SQLite's small default
    // cache pays for decryption again, which made encrypted reads 1.4–2.8× plaintext on a national store.
    db.pragma(`cache_size=-${PAGE_CACHE_KIB}`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function configureWritable(db: Db): void {
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=NORMAL');
  db.pragma('foreign_keys=ON');
  db.pragma('busy_timeout=5000');
}

/** Read-only proof that the key opens the file and the schema is one we understand. */
function probeExisting(path: string, stored: StoredKey): void {
  const size = statSync(path).size;
  if (size === 0 || size % 512 !== 0) {
    throw new AppError('STORE_DAMAGED', `The store at ${path} is damaged (its size, ${size} bytes, is not whole pages). It has not been changed.`);
  }
  const saltMatches = stored.saltHex === undefined || stored.saltHex === readSalt(path);
  let db: Db | undefined;
  try {
    db = connect(path, stored.keyHex, { readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const version = schemaVersion(db);
    assertNotFromFuture(version);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (/not a database|encrypted/i.test(message)) {
      throw saltMatches
        ? new AppError('STORE_DAMAGED', `The store at ${path} is damaged: it could not be decrypted with its own key. It has not been changed.`)
        : new AppError('STORE_KEY_WRONG', `The key in the keychain does not open the store at ${path}. The store has not been changed.`);
    }
    throw new AppError('STORE_DAMAGED', `The store at ${path} is damaged (${message}). It has not been changed.`);
  } finally {
    db?.close();
  }
}

function readSalt(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SALT_BYTES);
    readSync(fd, buf, 0, SALT_BYTES, 0);
    return buf.toString('hex');
  } finally {
    closeSync(fd);
  }
}

function checkKeyShape(keyHex: string): void {
  // The key goes into a PRAGMA string; only 64 lowercase hex characters may ever reach it.
  if (!KEY_PATTERN.test(keyHex)) throw new AppError('STORE_KEY_INVALID');
}

function wrap(db: Db, path: string, version: number): Store {
  return {
    db,
    path,
    schemaVersion: version,
    close: () => {
      if (db.open) db.close();
    },
  };
}
