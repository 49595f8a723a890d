/**
 * Restores a backup as the store at `storePath`. The backup is checked first (its key, every page,
 * SQLite's own check), and compared with the latest signed audit checkpoint: a backup that ends
 * before the checkpoint would silently lose audited events, so it is refused unless the caller
 * accepts the loss, which is then audited. A store already at `storePath` is never deleted: it is
 * moved aside (with its key) under a `.replaced-<time>` name.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import type { Checkpoint } from '../audit/checkpoints';
import { checkCipherPages } from '../store/cipher-page-check';
import { MemoryKeyStore, type KeyStore } from '../store/key-store';
import { keychainAccount, openStore } from '../store/open-store';
import { STORE_PAGE_SIZE } from '../store/page-check';
import { backupKeyAccount, saltOf } from './store-backup';

export interface RestoreOptions {
  backup: string;
  storePath: string;
  keyStore: KeyStore;
  /** The backup's key from a key file (another machine); by default the keychain's, found by the backup's salt. */
  keyHex?: string;
  /** The latest signed checkpoint, when there is one to hold the backup to. */
  latestCheckpoint: Checkpoint | null;
  acceptLoss: boolean;
  actor: string;
  now: number;
}

export interface RestoreResult {
  auditSeq: number;
  /** Audited events after the backup that the checkpoint vouched for and the restore gave up. */
  lostEvents: number;
  /** Where the store that was there before now is (null when there was none). */
  movedAside: string | null;
}

export async function restoreStore(o: RestoreOptions): Promise<RestoreResult> {
  const backup = resolve(o.backup);
  const storePath = resolve(o.storePath);
  if (!existsSync(backup)) throw new AppError('BACKUP_NOT_FOUND', `There is no backup at ${backup}.`);
  const keyHex = o.keyHex ?? (await o.keyStore.get(backupKeyAccount(saltOf(backup))))?.keyHex;
  if (!keyHex) {
    throw new AppError('STORE_KEY_MISSING', `The key of the backup ${backup} is not in this machine's keychain. On another machine, pass --key-file with the key written by rab backup --export-key. Nothing was restored.`);
  }
  const { auditSeq, hashAt } = await checkBackup(backup, keyHex, o.latestCheckpoint?.seq ?? null);
  let lostEvents = 0;
  const cp = o.latestCheckpoint;
  if (cp) {
    if (auditSeq < cp.seq) {
      lostEvents = cp.seq - auditSeq;
      if (!o.acceptLoss) {
        throw new AppError('BACKUP_BEHIND_CHECKPOINT', `The backup ends at audit event ${auditSeq}, but the latest signed checkpoint (${new Date(cp.at).toISOString()}) vouches for event ${cp.seq}: restoring it would lose ${lostEvents} audited event(s). Restore a newer backup, or accept the loss explicitly (--accept-loss). Nothing was restored.`);
      }
    } else if (hashAt !== cp.hash) {
      throw new AppError('BACKUP_NOT_GENUINE', `The backup's audit event ${cp.seq} is not the one the signed checkpoint of ${new Date(cp.at).toISOString()} vouches for. Nothing was restored.`);
    }
  }
  // The copy is made and synced first, so a failure here (a full disk) leaves the old store in place.
  const staging = `${storePath}.restoring-${randomUUID()}`;
  let movedAside: string | null = null;
  try {
    copyFileSync(backup, staging);
    const fd = openSync(staging, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const oldKey = await o.keyStore.get(keychainAccount(storePath));
    movedAside = moveAside(storePath, o.now);
    if (movedAside && oldKey) await o.keyStore.set(keychainAccount(movedAside), oldKey);
    await o.keyStore.set(keychainAccount(storePath), { keyHex, saltHex: saltOf(staging) });
    linkSync(staging, storePath);
  } finally {
    rmSync(staging, { force: true });
  }
  const restored = await openStore({ path: storePath, keyStore: o.keyStore });
  try {
    await appendAuditEvent(restored.engine, {
      at: o.now,
      actor: o.actor,
      action: 'backup.restore',
      details: { backup, auditSeq, lostEvents, acceptedLoss: lostEvents > 0, checkpointSeq: cp?.seq ?? null, movedAside },
    });
  } finally {
    restored.close();
  }
  return { auditSeq, lostEvents, movedAside };
}

/** Every page authentic, SQLite's quick check clean; answers the last audit event and the hash at `seq`. */
async function checkBackup(path: string, keyHex: string, seq: number | null): Promise<{ auditSeq: number; hashAt: string | null }> {
  const keys = new MemoryKeyStore();
  await keys.set(keychainAccount(path), { keyHex });
  const copy = await openStore({ path, keyStore: keys, readonly: true });
  try {
    const pages = checkCipherPages(path, keyHex, STORE_PAGE_SIZE);
    const quick = copy.db.pragma('quick_check', { simple: true });
    if (pages.badPages.length > 0 || quick !== 'ok') {
      throw new AppError('STORE_DAMAGED', `The backup ${path} is damaged${pages.badPages.length ? ` (pages ${pages.badPages.slice(0, 10).join(', ')})` : ''}. Nothing was restored; use another backup.`);
    }
    const auditSeq = copy.db.prepare('SELECT ifnull(max(seq), 0) FROM audit_events').pluck().get() as number;
    const hashAt = seq === null ? null : ((copy.db.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null);
    return { auditSeq, hashAt };
  } finally {
    copy.close();
  }
}

/** Moves an existing store (and its WAL) aside; never deletes it. */
function moveAside(storePath: string, now: number): string | null {
  if (!existsSync(storePath)) return null;
  const aside = `${storePath}.replaced-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['-wal', '-shm', '']) {
    if (existsSync(`${storePath}${suffix}`)) renameSync(`${storePath}${suffix}`, `${aside}${suffix}`);
  }
  return aside;
}

