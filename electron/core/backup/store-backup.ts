/**
 * A backup is a consistent copy of the store taken while it is in use (`VACUUM INTO` reads one
 * snapshot), still encrypted with the store's key. The copy's key is filed in the keychain under
 * the copy's own cipher salt, so a restore on the same machine finds it with no manual step, even
 * after the file is moved or renamed. Taking a key to another machine is a separate, audited act.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { AppError } from '../../../shared/errors';
import { MemoryKeyStore, type KeyStore } from '../store/key-store';
import { keychainAccount, openStore, readSalt } from '../store/open-store';
import { storeFailureOf } from '../store/store-failures';


/** The keychain entry for a backup: by its cipher salt (the first 16 bytes of the file). */
export const backupKeyAccount = (saltHex: string): string => `backup:${saltHex}`;

/** A file's cipher salt, as the store records it beside its key. */
export const saltOf = readSalt;

export interface BackupResult {
  path: string;
  bytes: number;
  /** The last audit event the backup holds (0 when none). */
  auditSeq: number;
}

/**
 * Copies the store behind `db` to `out`, which must not exist: written under a temporary name in
 * the same folder, synced, then linked into place, so `out` is either absent or complete.
 */
export async function backupStore(db: Database, storePath: string, out: string, keyStore: KeyStore): Promise<BackupResult> {
  const target = resolve(out);
  if (existsSync(target)) throw new AppError('INVALID_INPUT', `${target} already exists; a backup never overwrites a file.`);
  if (!existsSync(dirname(target))) throw new AppError('INVALID_INPUT', `The folder ${dirname(target)} does not exist.`);
  const stored = await keyStore.get(keychainAccount(storePath));
  if (!stored) throw new AppError('STORE_KEY_MISSING');
  const partial = `${target}.partial-${randomUUID()}`;
  try {
    // One read snapshot: the copy is consistent however busy the store is.
    db.prepare('VACUUM INTO ?').run(partial);
    const fd = openSync(partial, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The key is in the keychain before the backup has its name, as for a store.
    await keyStore.set(backupKeyAccount(saltOf(partial)), { keyHex: stored.keyHex, saltHex: saltOf(partial) });
    const auditSeq = await auditSeqOf(partial, stored.keyHex);
    linkSync(partial, target);
    unlinkSync(partial);
    return { path: target, bytes: statSync(target).size, auditSeq };
  } catch (e) {
    rmSync(partial, { force: true });
    throw storeFailureOf(e) ?? e;
  }
}

/** Opens a copy read-only with its key (all of openStore's checks apply) and answers its last audit event. */
export async function auditSeqOf(path: string, keyHex: string): Promise<number> {
  const keys = new MemoryKeyStore();
  await keys.set(keychainAccount(path), { keyHex });
  const copy = await openStore({ path, keyStore: keys, readonly: true });
  try {
    return copy.db.prepare('SELECT ifnull(max(seq), 0) FROM audit_events').pluck().get() as number;
  } finally {
    copy.close();
  }
}

/** Writes a backup's key to a new file readable only by its owner, for a restore on another machine. */
export async function exportBackupKey(backup: string, keyFile: string, keyStore: KeyStore): Promise<void> {
  const key = await keyStore.get(backupKeyAccount(saltOf(backup)));
  if (!key) throw new AppError('STORE_KEY_MISSING', `The key of the backup ${backup} is not in this machine's keychain.`);
  writeFileSync(keyFile, `${key.keyHex}\n`, { flag: 'wx', mode: 0o600 });
}
