/**
 * `rab verify`: proves a store is whole. Opens it read-only (so verifying never changes it), then
 * checks every page's cipher HMAC, SQLite's own integrity and foreign keys, the schema version,
 * and that every table can be read to the end and counted.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { REGISTER_TYPES } from '../../../../shared/domain/register-types';
import type { KeyStore } from '../../store/key-store';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations';
import { keychainAccount, openStore } from '../../store/open-store';
import { checkCipherPages } from '../../store/cipher-page-check';

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  path: string;
  bytes: number;
  checks: VerifyCheck[];
  rowCounts: { table: string; rows: number | null }[];
}

const MAX_LISTED = 10;
const list = (xs: readonly (string | number)[]) => xs.slice(0, MAX_LISTED).join(', ') + (xs.length > MAX_LISTED ? `, … (${xs.length} in all)` : '');

export async function verifyStore(path: string, keyStore: KeyStore): Promise<VerifyReport> {
  const abs = resolve(path);
  const store = await openStore({ path: abs, keyStore, readonly: true, skipSchemaPageCheck: true });
  const checks: VerifyCheck[] = [];
  const check = (name: string, run: () => { ok: boolean; detail: string }) => {
    try {
      checks.push({ name, ...run() });
    } catch (e) {
      checks.push({ name, ok: false, detail: e instanceof Error ? e.message : String(e) });
    }
  };
  const { db } = store;
  try {
    const keyHex = (await keyStore.get(keychainAccount(abs)))!.keyHex;
    check('cipher page HMACs', () => {
      const hmacCheck = Number(Object.values((db.pragma('hmac_check') as Record<string, unknown>[])[0] ?? {})[0]);
      const r = checkCipherPages(abs, keyHex, db.pragma('page_size', { simple: true }) as number);
      const bad = [...r.badPages.map((p) => `page ${p}`), ...r.badWalFrames.map((f) => `WAL frame ${f}`)];
      const ok = hmacCheck === 1 && bad.length === 0;
      const wal = r.walFrames > 0 ? ` and ${r.walFrames} WAL frames` : '';
      return { ok, detail: ok ? `${r.pages} pages${wal} authentic` : hmacCheck !== 1 ? 'the cipher is not checking page HMACs' : `HMAC mismatch: ${list(bad)}` };
    });
    check('integrity_check', () => {
      const rows = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      const ok = rows.length === 1 && rows[0] === 'ok';
      return { ok, detail: ok ? 'ok' : list(rows.join('\n').split('\n').filter(Boolean)) };
    });
    check('foreign_key_check', () => {
      const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      return { ok: rows.length === 0, detail: rows.length === 0 ? 'no broken references' : list(rows.map((r) => `${r.table} row ${r.rowid} → ${r.parent}`)) };
    });
    check('schema version', () => ({
      ok: store.schemaVersion === LATEST_SCHEMA_VERSION,
      detail: `${store.schemaVersion} (this version of rab expects ${LATEST_SCHEMA_VERSION})`,
    }));
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    const rowCounts = tables.map((table) => {
      try {
        return { table, rows: db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number };
      } catch {
        return { table, rows: null };
      }
    });
    check('row counts', () => {
      const unreadable = rowCounts.filter((r) => r.rows === null).map((r) => r.table);
      const types = rowCounts.find((r) => r.table === 'register_types')?.rows ?? 0;
      const ok = unreadable.length === 0 && types >= REGISTER_TYPES.length;
      const detail = unreadable.length > 0 ? `cannot count ${list(unreadable)}` : types < REGISTER_TYPES.length ? `register_types holds ${types} of ${REGISTER_TYPES.length} types` : `${tables.length} tables counted`;
      return { ok, detail };
    });
    return { ok: checks.every((c) => c.ok), path: abs, bytes: statSync(abs).size, checks, rowCounts };
  } finally {
    store.close();
  }
}
