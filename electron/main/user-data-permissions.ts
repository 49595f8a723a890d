/**
 * Keeps the user-data folder private to the signed-in OS user: folders 0700, files 0600 (SECURITY.md
 * item 15). The store is encrypted, but Chromium's profile (cookies, caches, logs) is not, and other
 * local accounts have no business reading either. New files are covered by PRIVATE_UMASK; this fixes
 * whatever already exists, e.g. from an older version or a restored backup.
 */
import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;
/** Applied with process.umask() at start-up so everything created afterwards is private. */
export const PRIVATE_UMASK = 0o077;

export interface PermissionFixReport {
  /** Entries whose mode was changed. */
  changed: string[];
  /** Symbolic links are left alone: following them could reach files outside the folder. */
  skippedLinks: string[];
}

/** Sets 0700 on `root` and every folder under it, and 0600 on every file. POSIX only. */
export async function restrictUserData(root: string, platform: NodeJS.Platform = process.platform): Promise<PermissionFixReport> {
  const report: PermissionFixReport = { changed: [], skippedLinks: [] };
  // Windows has no POSIX modes; the profile folder's ACL already limits it to the user.
  if (platform === 'win32') return report;
  await visit(root, report);
  return report;
}

async function visit(path: string, report: PermissionFixReport): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (e) {
    // Chromium deletes temporary files while we walk; a vanished entry needs no fixing.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (info.isSymbolicLink()) {
    report.skippedLinks.push(path);
    return;
  }
  const wanted = info.isDirectory() ? PRIVATE_FOLDER_MODE : PRIVATE_FILE_MODE;
  if ((info.mode & 0o777) !== wanted) {
    try {
      await chmod(path, wanted);
      report.changed.push(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      return;
    }
  }
  if (!info.isDirectory()) return;
  let entries: string[];
  try {
    entries = await readdir(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const entry of entries) await visit(join(path, entry), report);
}
