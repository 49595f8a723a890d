/**
 * A look inside a connected desktop's offline cache file: opened with its own key from the
 * keychain, as an investigator with the keychain would, and read as raw bytes, as anyone with the
 * disk could.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SystemKeyStore } from '../../electron/core/store/system-key-store';
import { openOfflineCacheFile } from '../../electron/core/store/open-offline-cache';

/** Counts rows in the offline cache file, opened with its own key from the keychain. */
export async function cacheRows(path: string, table: 'cached_records' | 'cached_grants' | 'offline_reads' | 'outbox', where = '1 = 1', ...args: unknown[]): Promise<number> {
  const file = await openOfflineCacheFile(path, new SystemKeyStore());
  try {
    return file.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...args) as number;
  } finally {
    file.close();
  }
}

/** When each offline read of `crn` was made, oldest first, as the desktop's local chain holds them. */
export async function offlineReadTimes(path: string, crn: string): Promise<number[]> {
  const file = await openOfflineCacheFile(path, new SystemKeyStore());
  try {
    return file.db.prepare("SELECT at FROM offline_reads WHERE kind = 'read' AND crn = ? ORDER BY at, seq").pluck().all(crn) as number[];
  } finally {
    file.close();
  }
}

/** Whether any of the cache's files (the file, its write-ahead log and index) holds `text` in plain. */
export function cacheFilesHold(path: string, text: string): boolean {
  return ['', '-wal', '-shm', '-journal'].some((suffix) => existsSync(path + suffix) && readFileSync(path + suffix).includes(Buffer.from(text, 'utf8')));
}
