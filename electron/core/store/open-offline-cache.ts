/**
 * Opens (or creates) a connected desktop's offline cache: its own SQLCipher file beside the launch
 * settings, with its own small schema (not the broker's migrations), keyed like the store by a
 * random 256-bit key kept in the OS keychain. As with the store, a cache file that will not open
 * (its key missing or wrong) is refused and left as it is, never recreated over: it may hold offline
 * reads not yet uploaded to the audit chain.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { EmbeddedConnection } from './embedded-connection';
import type { KeyStore } from './key-store';
import { configureWritable, connect, readSalt } from './open-store';

/** The keychain account of an offline cache file: tied to its absolute path, apart from any store's. */
export const offlineCacheAccount = (path: string): string => `offline-cache:${resolve(path)}`;

const CACHE_SCHEMA_VERSION = 2;

/**
 * The local hash chain, per person: reads from the offline copy (kind 'read', with the record, the
 * grant and the sections) and offline password checks ('signIn', 'unlock' and their failures); uploaded entries are kept
 * until the next is, as the head the next links to.
 */
const OFFLINE_READS_TABLE = `
  CREATE TABLE offline_reads (
    chain_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    username TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'read' CHECK (kind IN ('read', 'signIn', 'signInFailed', 'unlock', 'unlockFailed')),
    at INTEGER NOT NULL,
    crn TEXT,
    grant_id INTEGER,
    sections TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chain_id, seq),
    CHECK (kind <> 'read' OR (crn IS NOT NULL AND grant_id IS NOT NULL AND sections IS NOT NULL))
  ) STRICT;
`;

/** Pages of the person's lists as they loaded them, each under the question it answers (offline-lists.ts). */
const CACHED_LISTS_TABLE = `
  CREATE TABLE cached_lists (
    username TEXT NOT NULL,
    channel TEXT NOT NULL,
    page_key TEXT NOT NULL,
    kept_at INTEGER NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (username, channel, page_key)
  ) STRICT;
`;

/** Version 1 to 2: offline sign-in (the verifier and local lockout), sign-ins in the local chain, every loaded page of the lists. */
const UPGRADE_TO_2 = `
  ALTER TABLE people ADD COLUMN password_verifier TEXT;
  ALTER TABLE people ADD COLUMN lockout TEXT;
  ALTER TABLE people ADD COLUMN offline_failures INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE people ADD COLUMN offline_locked_until INTEGER;
  ALTER TABLE offline_reads RENAME TO offline_reads_1;
  ${OFFLINE_READS_TABLE}
  INSERT INTO offline_reads (chain_id, seq, username, kind, at, crn, grant_id, sections, prev_hash, hash, uploaded)
    SELECT chain_id, seq, username, 'read', at, crn, grant_id, sections, prev_hash, hash, uploaded FROM offline_reads_1;
  DROP TABLE offline_reads_1;
  -- Version 1 kept first pages only, under no question: they are copies, refreshed at the next load.
  DROP TABLE cached_lists;
  ${CACHED_LISTS_TABLE}
`;

const SCHEMA = `
  -- Each person signed in on this desktop in connected mode: their last contact with the broker and
  -- the policy's offline window, as the broker last said, and the read-only copies of their lists.
  CREATE TABLE people (
    username TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    session_status TEXT NOT NULL,
    last_contact_at INTEGER NOT NULL,
    window_hours INTEGER,
    chain_id TEXT NOT NULL,
    grants_answer TEXT,
    -- Offline sign-in: an scrypt verifier of the password last used to sign in online here (never
    -- the password), the policy's lockout as the broker last said, and the failures counted here.
    password_verifier TEXT,
    lockout TEXT,
    offline_failures INTEGER NOT NULL DEFAULT 0,
    offline_locked_until INTEGER
  ) STRICT;
  -- Read-only copies of the person's lists as the broker last answered them: their requests and
  -- access, and an owner's inbox or the hub's queue, each page they loaded.
${CACHED_LISTS_TABLE}
  -- A record as the broker answered it to a read through a grant: the sections it showed, in order.
  CREATE TABLE cached_records (
    username TEXT NOT NULL,
    crn TEXT NOT NULL,
    grant_id INTEGER NOT NULL,
    scope TEXT NOT NULL,
    grant_end_at INTEGER NOT NULL,
    view TEXT NOT NULL,
    PRIMARY KEY (username, crn)
  ) STRICT;
  CREATE TABLE cached_grants (
    username TEXT NOT NULL,
    grant_id INTEGER NOT NULL,
    crn TEXT NOT NULL,
    end_at INTEGER NOT NULL,
    row TEXT NOT NULL,
    PRIMARY KEY (username, grant_id)
  ) STRICT;
${OFFLINE_READS_TABLE}
  -- Requests and withdrawals made while the broker could not be reached, sent on reconnection.
  CREATE TABLE outbox (
    idempotency_key TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    channel TEXT NOT NULL,
    input TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  -- The latest time this desktop has seen, for its own clock-rollback guard.
  CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), latest_seen_at INTEGER NOT NULL) STRICT;
`;

export interface OfflineCacheFile {
  db: EmbeddedConnection;
  path: string;
  close(): void;
}

export async function openOfflineCacheFile(path: string, keyStore: KeyStore): Promise<OfflineCacheFile> {
  const full = resolve(path);
  const account = offlineCacheAccount(full);
  if (!existsSync(full)) {
    const keyHex = randomBytes(32).toString('hex');
    // The key is saved before the file exists, so no cache can exist without its key.
    await keyStore.set(account, { keyHex });
    try {
      const db = prepare(connect(full, keyHex, { readonly: false }), true);
      await keyStore.set(account, { keyHex, saltHex: readSalt(full) });
      return wrap(db, full);
    } catch (e) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${full}${suffix}`, { force: true });
      await keyStore.delete(account).catch(() => undefined);
      throw e;
    }
  }
  const stored = await keyStore.get(account);
  if (!stored) throw new AppError('STORE_KEY_MISSING', `The offline cache at ${full} exists but its key is not in the keychain. It has not been changed.`);
  let db: EmbeddedConnection | undefined;
  try {
    db = connect(full, stored.keyHex, { readonly: false });
    // Any read proves the key: a wrong key makes the first page unreadable.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    db?.close();
    throw new AppError('STORE_KEY_WRONG', `The key in the keychain does not open the offline cache at ${full}. It has not been changed.`);
  }
  return wrap(prepare(db, false), full);
}

function prepare(db: EmbeddedConnection, fresh: boolean): EmbeddedConnection {
  configureWritable(db);
  // Deleted sections are overwritten in the file, not left in free pages.
  db.pragma('secure_delete=ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > CACHE_SCHEMA_VERSION) throw new AppError('STORE_FROM_FUTURE', 'The offline cache was written by a newer version of this app. It has not been changed.');
  if (fresh || version < CACHE_SCHEMA_VERSION) {
    db.transaction(() => {
      db.exec(fresh || version === 0 ? SCHEMA : UPGRADE_TO_2);
      db.pragma(`user_version = ${CACHE_SCHEMA_VERSION}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return db;
}

const wrap = (db: EmbeddedConnection, path: string): OfflineCacheFile => ({
  db,
  path,
  close: () => {
    if (db.open) db.close();
  },
});
