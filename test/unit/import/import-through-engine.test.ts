/**
 * `rab import --database`: the import through the engine, on PostgreSQL and on the embedded
 * store's engine, gives exactly what the embedded bulk import gives (row for row), is all or
 * nothing with the same problems, and keeps snapshots' rules (updates by key, child rows removed).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_FILES } from '../../../electron/core/import/export-format';
import { importExportSet, type FileSummary } from '../../../electron/core/import/import-export-set';
import { importExportSetInto } from '../../../electron/core/import/import-into-database';
import type { Engine } from '../../../electron/core/store/engine/engine';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { all, sql, sqlTrusted } from '../../../electron/core/store/sql';
import { openTestDatabase, POSTGRES_URL } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';
import { editRecords, recountManifest, rowAt, seededSet, setField } from './export-set-files';

const tempDir = useTempDirs();
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function embeddedStore() {
  const store = await openStore({ path: join(tempDir(), `broker-${closers.length}.db`), keyStore: new MemoryKeyStore(), create: true });
  closers.push(() => store.close());
  return store;
}

const ENGINES: { name: string; open: () => Promise<Engine> }[] = [
  { name: 'the embedded store\'s engine', open: async () => (await embeddedStore()).engine },
  ...(POSTGRES_URL
    ? [{ name: 'PostgreSQL', open: async () => {
        const db = await openTestDatabase();
        closers.push(() => db.close());
        return db;
      } }]
    : []),
];

/** Every imported table's rows, ordered by key, with numbers as numbers: comparable across engines. */
async function importedRows(engine: Engine): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const f of EXPORT_FILES) {
    const rows = await all<Record<string, unknown>>(engine, sql`SELECT ${sqlTrusted(f.columns.join(', '))} FROM ${sqlTrusted(f.table)} ORDER BY ${sqlTrusted(f.key)}`);
    out[f.table] = rows.map((r) => Object.fromEntries(f.columns.map((c) => [c, typeof r[c] === 'bigint' ? Number(r[c]) : r[c]])));
  }
  return out;
}

const byFile = (files: FileSummary[]) => Object.fromEntries(files.map((f) => [f.file, f]));

async function importOk(engine: Engine, dir: string) {
  const r = await importExportSetInto(engine, dir, { actor: 'cli', now: () => 1_700_000_000_000 });
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
  return r;
}

describe.each(ENGINES)('importing an export set through $name', ({ open }) => {
  it('writes row for row what the embedded bulk import writes, and says so in the audit log', async () => {
    const dir = await seededSet(tempDir());
    const bulk = await embeddedStore();
    const expected = await importExportSet(bulk.db, dir);
    expect(expected.ok).toBe(true);
    const engine = await open();
    const r = await importOk(engine, dir);
    expect(await importedRows(engine)).toEqual(await importedRows(bulk.engine));
    expect(r.files).toEqual(expected.ok ? expected.files : []);
    const events = await all<{ action: string; at: number }>(engine, sql`SELECT action, at FROM audit_events WHERE action = 'admin.importRecords'`);
    expect(events.map((e) => [e.action, Number(e.at)])).toEqual([['admin.importRecords', 1_700_000_000_000]]);
  });

  it('is idempotent, updates changed rows by key, and removes child rows the snapshot dropped', async () => {
    const dir = await seededSet(tempDir());
    const engine = await open();
    await importOk(engine, dir);
    const again = await importOk(engine, dir);
    for (const f of again.files) expect([f.inserted, f.updated, f.removed, f.unchanged], f.file).toEqual([0, 0, 0, f.rows]);

    const person = rowAt(dir, 'people.csv');
    setField(dir, 'people.csv', person.crn!, 'surname', 'Newsurname');
    const dropped = rowAt(dir, 'registrations.csv');
    editRecords(dir, 'registrations.csv', (rows) => rows.filter((r) => r[0] !== dropped.id));
    recountManifest(dir);

    const r = byFile((await importOk(engine, dir)).files);
    expect(r['people.csv']).toMatchObject({ inserted: 0, updated: 1 });
    expect(r['registrations.csv']).toMatchObject({ inserted: 0, removed: 1 });
    const surname = await all<{ surname: string }>(engine, sql`SELECT surname FROM people WHERE crn = ${person.crn!}`);
    expect(surname).toEqual([{ surname: 'Newsurname' }]);
    expect(await all(engine, sql`SELECT id FROM registrations WHERE id = ${dropped.id!}`)).toEqual([]);
  });

  it('refuses a set with bad rows whole, with the embedded import\'s problems, and writes nothing', async () => {
    const dir = await seededSet(tempDir());
    const person = rowAt(dir, 'people.csv');
    setField(dir, 'people.csv', person.crn!, 'crn', 'X12');
    // A registration of a person nowhere in the set or the store.
    editRecords(dir, 'registrations.csv', (rows) => [...rows.slice(0, -1), [...rows.at(-1)!.slice(0, 1), 'Z999999', ...rows.at(-1)!.slice(2)]]);
    const bulk = await embeddedStore();
    const expected = await importExportSet(bulk.db, dir);
    const engine = await open();
    const r = await importExportSetInto(engine, dir);
    expect(r.ok).toBe(false);
    expect(r).toEqual(expected);
    for (const rows of Object.values(await importedRows(engine))) expect(rows).toEqual([]);
    expect(await all(engine, sql`SELECT seq FROM audit_events`)).toEqual([]);
  });
});
