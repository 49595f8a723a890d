/**
 * Opens (or, only when asked and only when no file exists, creates) the encrypted store.
 *
 * The order matters for the promise that a store which cannot be opened is never changed: an
 * existing file is first opened read-only, keyed and checked; only when that succeeds is it
 * reopened for writing (WAL mode writes to the header, so it must wait until the key is proven).
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import type { Engine } from './engine/engine';
import { engineOf } from './engine/sqlcipher-engine';
import type { KeyStore, StoredKey } from './key-store';
import { assertNotFromFuture, migrate, schemaVersion } from './migrate';
import { badPagesAmong, keyOpensAnyPage, STORE_PAGE_SIZE } from './page-check';
import { storeFailureOf } from './store-failures';

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
  /** `rab verify` checks every page itself and reports them all, so it skips the schema page check. */
  skipSchemaPageCheck?: boolean;
}

export interface Store {
  /** The SQLCipher connection itself, for what only the embedded engine does (backups, page checks, bulk import). */
  db: Db;
  /** The same connection behind the async seam every service is written against. */
  engine: Engine;
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
  if (!opts.readonly) assertWritable(path);
  probeExisting(path, stored, !opts.skipSchemaPageCheck);
  let db: Db | undefined;
  try {
    db = connect(path, stored.keyHex, { readonly: opts.readonly ?? false });
    if (!opts.readonly) configureWritable(db);
    const version = opts.readonly ? schemaVersion(db) : migrate(db);
    return wrap(db, path, version);
  } catch (e) {
    db?.close();
    throw storeFailureOf(e) ?? e;
  }
}

async function createStore(path: string, account: string, keyStore: KeyStore): Promise<Store> {
  assertWritable(path);
  const keyHex = randomBytes(32).toString('hex');
  // The key is saved before the file exists, so no store can ever exist without its key.
  await keyStore.set(account, { keyHex });
  let db: Db | undefined;
  try {
    db = connect(path, keyHex, { readonly: false });
    configureWritable(db);
    const version = migrate(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    await keyStore.set(account, { keyHex, saltHex: readSalt(path) });
    return wrap(db, path, version);
  } catch (e) {
    // A store that could not be made whole is removed with its key, so nothing later reuses it.
    db?.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
    await keyStore.delete(account).catch(() => undefined);
    throw storeFailureOf(e) ?? e;
  }
}

/** A store in a folder (or on a disk) that cannot be written is refused before anything is tried. */
function assertWritable(path: string): void {
  for (const target of existsSync(path) ? [path, dirname(path)] : [dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        throw new AppError('STORE_READ_ONLY', `The store at ${path} cannot be written: ${target === path ? 'the file' : 'its folder'} is read-only. Nothing was changed.`);
      }
      throw e;
    }
  }
}

export function connect(path: string, keyHex: string, o: { readonly: boolean }): Db {
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

/**
 * A further read-only connection to a store already opened (and so proven) by this process, for a
 * worker thread that reads part of it in parallel: the key comes from the caller's memory and goes
 * nowhere else.
 */
export function openReadOnlyConnection(path: string, keyHex: string): Db {
  return connect(resolve(path), keyHex, { readonly: true });
}

export function configureWritable(db: Db): void {
  db.pragma('journal_mode=WAL');
  // FULL: a commit is on the disk before it is answered, so a power cut cannot lose a confirmed decision.
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('busy_timeout=5000');
}

/**
 * Read-only proof that the key opens the file, that its schema pages (page 1 and the root page of
 * every table and index) are authentic, and that the schema is one we understand.
 */
function probeExisting(path: string, stored: StoredKey, checkSchemaPages: boolean): void {
  const size = statSync(path).size;
  if (size === 0 || size % 512 !== 0) {
    throw new AppError('STORE_DAMAGED', `The store at ${path} is damaged (its size, ${size} bytes, is not whole pages). It has not been changed.`);
  }
  let db: Db | undefined;
  try {
    db = connect(path, stored.keyHex, { readonly: true });
    const roots = db.prepare('SELECT rootpage FROM sqlite_master WHERE rootpage > 0').pluck().all() as number[];
    const version = schemaVersion(db);
    assertNotFromFuture(version);
    // Pages past the end of the file are still only in the WAL, which SQLite checks as it reads them.
    const inFile = [1, ...roots].filter((p) => p <= size / STORE_PAGE_SIZE);
    const bad = checkSchemaPages ? badPagesAmong(path, stored.keyHex, inFile) : [];
    if (bad.length > 0) {
      throw new AppError('STORE_DAMAGED', `The store at ${path} is damaged: its schema page(s) ${bad.join(', ')} fail the cipher's check. It has not been changed; the latest backup can be restored in its place.`);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const failure = storeFailureOf(e);
    if (failure?.code === 'STORE_READ_ONLY') throw failure;
    const message = e instanceof Error ? e.message : String(e);
    // A wrong key authenticates no page at all; a damaged file still has authentic pages. The salt
    // recorded beside the key cannot tell these apart: a wrong key may come with the right salt.
    if (!keyOpensAnyPage(path, stored.keyHex)) {
      throw new AppError('STORE_KEY_WRONG', `The key in the keychain does not open the store at ${path}. The store has not been changed.`);
    }
    throw new AppError('STORE_DAMAGED', `The store at ${path} is damaged (${message}). It has not been changed; the latest backup can be restored in its place.`);
  } finally {
    db?.close();
  }
}

/** The store file's cipher salt (its first 16 bytes), hex. */
export function readSalt(path: string): string {
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
    engine: engineOf(db),
    path,
    schemaVersion: version,
    close: () => {
      if (db.open) db.close();
    },
  };
}
