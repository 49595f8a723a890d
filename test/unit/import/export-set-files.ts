/** Helpers for tests that seed, edit and import export sets. */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll } from 'vitest';
import { EXPORT_FILES, MANIFEST_FILE } from '../../../electron/core/import/export-format';
import { seedExportSet } from '../../../electron/core/seed/write-export-set';
import type { ScaleName } from '../../../electron/core/seed/scales';

export const AS_OF = '2026-11-22';

const seeded = new Map<string, Promise<string>>();
// Each test file imports its own copy of this module, so each file seeds once and cleans up after.
const cacheDir = mkdtempSync(join(tmpdir(), 'rab-test-seeded-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** A seeded set, made once per test file, scale and seed, and copied into `dir`. */
export async function seededSet(dir: string, scale: ScaleName = 'small', seed = 7): Promise<string> {
  const key = `${scale}-${seed}`;
  if (!seeded.has(key)) {
    seeded.set(key, seedExportSet({ scale, seed, outDir: join(cacheDir, key), asOf: AS_OF, demoUsers: true }).then((r) => r.dir));
  }
  cpSync(await seeded.get(key)!, dir, { recursive: true });
  return dir;
}

export const readText = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

/** Edits a CSV file as lines (header first, no trailing empty line) and writes it back with LF endings. */
export function editLines(dir: string, file: string, edit: (lines: string[]) => string[]): void {
  const lines = readText(dir, file).replace(/\n$/, '').split('\n');
  writeFileSync(join(dir, file), `${edit(lines).join('\n')}\n`);
}

/** Edits a CSV file as parsed records (header first) and writes it back as CSV. */
export function editRecords(dir: string, file: string, edit: (records: string[][]) => string[][]): void {
  const records = parse(readFileSync(join(dir, file)), { bom: true }) as string[][];
  writeFileSync(join(dir, file), stringify(edit(records)));
}

export const records = (dir: string, file: string): string[][] => parse(readFileSync(join(dir, file)), { bom: true }) as string[][];

/** Replaces one field of the data row whose key (first field) is `id`. */
export function setField(dir: string, file: string, id: string, column: string, value: string): void {
  editRecords(dir, file, (rows) => {
    const col = rows[0]!.indexOf(column);
    if (col < 0) throw new Error(`${file} has no column ${column}`);
    const row = rows.find((r, i) => i > 0 && r[0] === id);
    if (!row) throw new Error(`${file} has no row ${id}`);
    row[col] = value;
    return rows;
  });
}

/** A data row as an object, by its position (1 = the first data row). */
export function rowAt(dir: string, file: string, n = 1): Record<string, string> {
  const [header, ...data] = records(dir, file);
  return Object.fromEntries(header!.map((c, i) => [c, data[n - 1]![i]!]));
}

/** Makes manifest.json agree with the files again after an edit that adds or removes rows. */
export function recountManifest(dir: string): void {
  const path = join(dir, MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, { rows: number }> };
  for (const f of EXPORT_FILES) manifest.files[f.name] = { rows: Math.max(0, records(dir, f.name).length - 1) };
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

/**
 * A digest of every imported table, the accounts and (unless left out) the audit log: equal digests
 * mean nothing changed.
 */
export function storeDigest(db: Database, opts: { audit: boolean } = { audit: true }): string {
  const hash = createHash('sha256');
  for (const t of [...EXPORT_FILES.map((f) => f.table), 'users', 'user_roles', ...(opts.audit ? ['audit_events'] : [])]) {
    for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

export const count = (db: Database, table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
