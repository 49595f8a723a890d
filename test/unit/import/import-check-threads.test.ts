/**
 * A large import reads and checks its files in worker threads while its own thread writes. The
 * threads must change nothing but the speed: the same store from a good set, the same problems in
 * the same order from a bad one (on both engines), and a thread that dies fails the import whole.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { importExportSet, type ImportOptions, type ImportOutcome } from '../../../electron/core/import/import-export-set';
import { importExportSetInto } from '../../../electron/core/import/import-into-database';
import type { Engine } from '../../../electron/core/store/engine/engine';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { openTestDatabase, POSTGRES_URL } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';
import { editLines, editRecords, seededSet, storeDigest } from './export-set-files';

const tempDir = useTempDirs();
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const NOW = Date.parse('2026-11-22T09:00:00Z');
const THREADS_TIMEOUT = 120_000;

async function newStore() {
  const store = await openStore({ path: join(tempDir(), `broker-${closers.length}.db`), keyStore: new MemoryKeyStore(), create: true });
  closers.push(() => store.close());
  return store;
}

/** A set with bad rows of every kind spread through the middle and end of its largest files. */
async function setWithBadRowsInTheMiddle(): Promise<string> {
  const dir = await seededSet(tempDir(), 'office');
  editRecords(dir, 'registrations.csv', (rows) => {
    const [col, mid] = [rows[0]!.indexOf('start_date'), Math.floor(rows.length / 2)];
    rows[mid]![col] = '2026-02-30'; // not a real date
    rows[mid + 1]![rows[0]!.indexOf('crn')] = 'Z999999'; // refers to nobody
    rows[rows.length - 2]![0] = rows[mid + 2]![0]!; // a duplicate key, far from its first use
    return rows;
  });
  editLines(dir, 'sentences.csv', (lines) => {
    const mid = Math.floor(lines.length / 2);
    return [...lines.slice(0, mid), `${lines[mid]},one too many`, ...lines.slice(mid + 1)];
  });
  editRecords(dir, 'assessments.csv', (rows) => {
    rows[Math.floor(rows.length / 3)]![rows[0]!.indexOf('ogp')] = '101'; // out of range
    return rows;
  });
  return dir;
}

function refused(outcome: ImportOutcome) {
  if (outcome.ok) throw new Error('the import succeeded');
  return { problems: outcome.problems, count: outcome.problemCount };
}

describe('checking rows in worker threads', { timeout: THREADS_TIMEOUT }, () => {
  it('reports a bad row found by a thread in the middle of a large file exactly as the single-thread import does', async () => {
    const set = await setWithBadRowsInTheMiddle();
    const expected = refused(await importExportSet((await newStore()).db, set, { checkThreads: 0 }));
    expect(expected.count).toBe(5);
    for (const checkThreads of [1, 2]) {
      const store = await newStore();
      const before = storeDigest(store.db);
      expect(refused(await importExportSet(store.db, set, { checkThreads }))).toEqual(expected);
      expect(storeDigest(store.db), 'the store changed').toBe(before);
    }
  });

  it('lists the same first problems, in the same order, when there are more than it lists', async () => {
    const set = await setWithBadRowsInTheMiddle();
    const opts: ImportOptions = { maxListedProblems: 3 };
    const expected = refused(await importExportSet((await newStore()).db, set, { ...opts, checkThreads: 0 }));
    expect(expected.problems).toHaveLength(3);
    expect(refused(await importExportSet((await newStore()).db, set, { ...opts, checkThreads: 2 }))).toEqual(expected);
  });

  it('fills the store from a good set exactly as the single-thread import does', async () => {
    const set = await seededSet(tempDir(), 'office');
    const [one, two] = [await newStore(), await newStore()];
    const a = await importExportSet(one.db, set, { checkThreads: 0, now: () => NOW });
    const b = await importExportSet(two.db, set, { checkThreads: 2, now: () => NOW });
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(storeDigest(two.db)).toBe(storeDigest(one.db));
  });

  it('fails the import with IMPORT_CHECK_FAILED and commits nothing when a thread dies', async () => {
    const store = await newStore();
    expect((await importExportSet(store.db, await seededSet(tempDir()))).ok).toBe(true);
    const before = storeDigest(store.db);
    // A heap too small for the thread: V8 stops it, as it would one that ran away with memory.
    const failure = await importExportSet(store.db, await seededSet(tempDir(), 'office'), { checkThreads: 1, checkThreadHeapMiB: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'IMPORT_CHECK_FAILED', message: expect.stringMatching(/^A thread checking the import files stopped \(.+\)\. Nothing was imported\.$/) });
    expect(store.db.inTransaction).toBe(false);
    expect(storeDigest(store.db), 'the store changed').toBe(before);
  });
});

const ENGINES: { name: string; open: () => Promise<Engine> }[] = [
  { name: "the embedded store's engine", open: async () => (await newStore()).engine },
  ...(POSTGRES_URL
    ? [
        {
          name: 'PostgreSQL',
          open: async () => {
            const db = await openTestDatabase();
            closers.push(() => db.close());
            return db;
          },
        },
      ]
    : []),
];

describe.each(ENGINES)('checking rows in worker threads, importing through $name', { timeout: THREADS_TIMEOUT }, ({ open }) => {
  it('reports the same problems as the single-thread import', async () => {
    const set = await setWithBadRowsInTheMiddle();
    const expected = refused(await importExportSet((await newStore()).db, set, { checkThreads: 0 }));
    expect(refused(await importExportSetInto(await open(), set, { checkThreads: 2 }))).toEqual(expected);
  });
});
