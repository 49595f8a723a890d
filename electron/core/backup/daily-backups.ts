/**
 * The desktop's automatic backups: one a day into a folder beside the store, named by the day
 * (`broker-2026-03-02.db`), kept for the policy's number of days. Each backup's key is filed in
 * the keychain by the backup's salt (see store-backup.ts), and removed with it when it expires.
 */
import { engineOf } from '../store/engine/sqlcipher-engine';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { appendAuditEvent } from '../audit/audit-log';
import { DAY } from '../clock/clock';
import type { KeyStore } from '../store/key-store';
import { backupKeyAccount, backupStore, saltOf } from './store-backup';

const NAME = /^broker-(\d{4}-\d{2}-\d{2})\.db$/;

export interface BackupFile {
  file: string;
  day: string;
  at: number;
  bytes: number;
}

const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const s = statSync(join(dir, name));
      return { file: name, day: m[1]!, at: Math.round(s.mtimeMs), bytes: s.size };
    })
    .sort((a, b) => b.day.localeCompare(a.day));
}

export interface DailyBackupOptions {
  db: Database;
  storePath: string;
  dir: string;
  keyStore: KeyStore;
  now: number;
  keepDays: number;
}

/** Takes today's backup if there is none yet, then removes backups (and their keys) older than `keepDays`. */
export async function runDailyBackup(o: DailyBackupOptions): Promise<{ made: BackupFile | null; removed: string[] }> {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const today = dayOf(o.now);
  let made: BackupFile | null = null;
  if (!listBackups(o.dir).some((b) => b.day === today)) {
    const r = await backupStore(o.db, o.storePath, join(o.dir, `broker-${today}.db`), o.keyStore);
    await appendAuditEvent(engineOf(o.db), { at: o.now, actor: 'system', action: 'backup.create', details: { file: r.path, auditSeq: r.auditSeq, bytes: r.bytes, daily: true } });
    made = { file: `broker-${today}.db`, day: today, at: o.now, bytes: r.bytes };
  }
  const oldest = dayOf(o.now - (o.keepDays - 1) * DAY);
  const removed: string[] = [];
  for (const b of listBackups(o.dir).filter((x) => x.day < oldest)) {
    const path = join(o.dir, b.file);
    const salt = saltOf(path);
    rmSync(path, { force: true });
    await o.keyStore.delete(backupKeyAccount(salt)).catch(() => undefined);
    removed.push(b.file);
  }
  if (removed.length > 0) await appendAuditEvent(engineOf(o.db), { at: o.now, actor: 'system', action: 'backup.expire', details: { removed, keepDays: o.keepDays } });
  return { made, removed };
}
