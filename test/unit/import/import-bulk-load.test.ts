/**
 * A first import bulk loads: plain inserts with the tables' secondary indexes dropped and built
 * again at the end. The store must come out with exactly the schema it went in with, whether the
 * import succeeds or is refused, and the indexes must hold every row.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { useTempDirs } from '../../helpers/temp-dir';
import { editRecords, seededSet } from './export-set-files';

const tempDir = useTempDirs();
const schema = (db: import('better-sqlite3-multiple-ciphers').Database) => db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name`).all();

describe('a first import', () => {
  it('leaves the schema as it was, with every index built again and consistent with its table', async () => {
    const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
    const before = schema(store.db);
    const outcome = await importExportSet(store.db, await seededSet(tempDir()));
    expect(outcome.ok).toBe(true);
    expect(schema(store.db)).toEqual(before);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const byIndex = store.db.prepare(`SELECT count(*) FROM people INDEXED BY people_owner WHERE owner_staff_code IS NOT NULL`).pluck().get() as number;
    const byTable = store.db.prepare(`SELECT count(*) FROM people NOT INDEXED WHERE owner_staff_code IS NOT NULL`).pluck().get() as number;
    expect(byIndex).toBe(byTable);
    expect(byTable).toBeGreaterThan(0);
    store.close();
  });

  it('that is refused leaves the schema, indexes included, as it was', async () => {
    const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
    const before = schema(store.db);
    const set = await seededSet(tempDir());
    editRecords(set, 'people.csv', (records) => [...records, records[1]!]);
    const outcome = await importExportSet(store.db, set);
    expect(outcome.ok).toBe(false);
    expect(schema(store.db)).toEqual(before);
    expect(store.db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(0);
    store.close();
  });
});
