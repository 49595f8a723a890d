import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExportSet, type FileSummary } from '../../../electron/core/import/import-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { useTempDirs } from '../../helpers/temp-dir';
import { count, editRecords, recountManifest, records, rowAt, seededSet, setField, storeDigest } from './export-set-files';

const tempDir = useTempDirs();

async function freshStore() {
  return openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
}

const byFile = (files: FileSummary[]) => Object.fromEntries(files.map((f) => [f.file, f]));

async function importOk(db: Parameters<typeof importExportSet>[0], dir: string) {
  const r = await importExportSet(db, dir);
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
  return r;
}

describe('importing an export set', () => {
  it('loads every row of every file, as the manifest counts them', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    const r = await importOk(store.db, dir);
    for (const f of r.files) {
      expect(f.inserted, f.file).toBe(r.manifest.files[f.file]!.rows);
      expect(count(store.db, f.file.replace('.csv', '')), f.file).toBe(f.rows);
    }
    const person = rowAt(dir, 'people.csv');
    const stored = store.db.prepare('SELECT * FROM people WHERE crn = ?').get(person.crn) as Record<string, unknown>;
    expect(stored).toMatchObject({ surname: person.surname, dob: person.dob, owner_staff_code: person.owner_staff_code });
    store.close();
  });

  it('keeps instants as epoch milliseconds and empty fields as null', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    await importOk(store.db, dir);
    const absence = rowAt(dir, 'absences.csv');
    expect(store.db.prepare('SELECT start_at FROM absences WHERE id = ?').pluck().get(absence.id)).toBe(Date.parse(absence.start_at!));
    const noEnd = records(dir, 'deputies.csv').find((r) => r[4] === '')!;
    expect(store.db.prepare('SELECT end_at FROM deputies WHERE id = ?').pluck().get(noEnd[0])).toBeNull();
    store.close();
  });

  it('is idempotent: importing the same set twice leaves the same state and reports every row unchanged', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    await importOk(store.db, dir);
    // The audit log records both imports by design; everything else must be identical.
    const before = storeDigest(store.db, { audit: false });
    const again = await importOk(store.db, dir);
    expect(storeDigest(store.db, { audit: false })).toBe(before);
    for (const f of again.files) expect([f.inserted, f.updated, f.removed, f.unchanged], f.file).toEqual([0, 0, 0, f.rows]);
    store.close();
  });

  it('records each import in the audit log with its counts', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    await importExportSet(store.db, dir, { actor: 'cli', now: () => 1_700_000_000_000 });
    const event = store.db.prepare(`SELECT actor, action, at, details FROM audit_events WHERE action = 'admin.importRecords'`).get() as Record<string, string>;
    expect(event).toMatchObject({ actor: 'cli', action: 'admin.importRecords', at: 1_700_000_000_000 });
    expect(JSON.parse(event.details!).files).toHaveLength(12);
    store.close();
  });

  it('updates rows in place when a newer snapshot changes them (by natural key)', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    await importOk(store.db, dir);
    const person = rowAt(dir, 'people.csv');
    setField(dir, 'people.csv', person.crn!, 'surname', 'Newsurname');
    setField(dir, 'staff.csv', rowAt(dir, 'staff.csv').code!, 'active', '0');
    const r = byFile((await importOk(store.db, dir)).files);
    expect(r['people.csv']).toMatchObject({ inserted: 0, updated: 1 });
    expect(r['staff.csv']).toMatchObject({ inserted: 0, updated: 1 });
    expect(store.db.prepare('SELECT surname FROM people WHERE crn = ?').pluck().get(person.crn)).toBe('Newsurname');
    store.close();
  });

  it('removes child rows a snapshot no longer holds for people and staff in it', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    await importOk(store.db, dir);
    const dropped = rowAt(dir, 'registrations.csv');
    const droppedAbsence = rowAt(dir, 'absences.csv');
    editRecords(dir, 'registrations.csv', (rows) => rows.filter((r) => r[0] !== dropped.id));
    editRecords(dir, 'absences.csv', (rows) => rows.filter((r) => r[0] !== droppedAbsence.id));
    recountManifest(dir);
    const r = byFile((await importOk(store.db, dir)).files);
    expect(r['registrations.csv']).toMatchObject({ removed: 1, inserted: 0 });
    expect(r['absences.csv']).toMatchObject({ removed: 1 });
    expect(store.db.prepare('SELECT count(*) FROM registrations WHERE id = ?').pluck().get(dropped.id)).toBe(0);
    store.close();
  });

  it('never removes people, nor the rows of people the snapshot does not mention', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    await importOk(store.db, dir);
    const gone = rowAt(dir, 'people.csv');
    const theirRegistrations = count(store.db, 'registrations');
    for (const f of ['people.csv', 'registrations.csv', 'assessments.csv', 'sentences.csv', 'allocations.csv', 'lao_exclusions.csv', 'lao_restrictions.csv']) {
      editRecords(dir, f, (rows) => rows.filter((r, i) => i === 0 || (f === 'people.csv' ? r[0] : r[1]) !== gone.crn));
    }
    recountManifest(dir);
    const r = byFile((await importOk(store.db, dir)).files);
    expect(r['registrations.csv']!.removed).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM people WHERE crn = ?').pluck().get(gone.crn)).toBe(1);
    expect(count(store.db, 'registrations')).toBe(theirRegistrations);
    store.close();
  });

  it('accepts references to people and staff already in the store', async () => {
    const dir = await seededSet(tempDir());
    const store = await freshStore();
    await importOk(store.db, dir);
    const person = rowAt(dir, 'people.csv');
    // A later delta: only one new registration, for a person imported before.
    editRecords(dir, 'people.csv', (rows) => rows.slice(0, 1));
    editRecords(dir, 'registrations.csv', (rows) => [rows[0]!, ['NEW-1', person.crn!, 'WRSM', '', '', '2026-11-20', '2027-02-20', '', 'Recall issued.']]);
    for (const f of ['assessments.csv', 'sentences.csv', 'allocations.csv', 'lao_exclusions.csv', 'lao_restrictions.csv']) editRecords(dir, f, (rows) => rows.slice(0, 1));
    recountManifest(dir);
    const r = byFile((await importOk(store.db, dir)).files);
    expect(r['registrations.csv']).toMatchObject({ inserted: 1, removed: 0 });
    store.close();
  });
});
