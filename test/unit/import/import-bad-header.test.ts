/**
 * A file whose header is wrong cannot be read as its table: the set is refused before anything is
 * written, whether the store is empty (where rows of other files would otherwise point at people
 * or staff that were never written) or already holds an earlier import.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFile } from '../../../electron/core/import/export-format';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import type { ImportProblem } from '../../../electron/core/import/import-problems';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { useTempDirs } from '../../helpers/temp-dir';
import { editRecords, seededSet, storeDigest } from './export-set-files';

const tempDir = useTempDirs();

type StoreState = 'an empty store' | 'a store holding an earlier import';

/** Imports the seeded set after `edit` into a store in the given state; it must fail and change nothing. */
async function refusedProblems(state: StoreState, edit: (dir: string) => void): Promise<ImportProblem[]> {
  const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
  try {
    if (state === 'a store holding an earlier import') expect((await importExportSet(store.db, await seededSet(tempDir()))).ok).toBe(true);
    const before = storeDigest(store.db);
    const bad = await seededSet(tempDir());
    edit(bad);
    const r = await importExportSet(store.db, bad);
    if (r.ok) throw new Error('the import succeeded');
    expect(storeDigest(store.db), 'the store changed').toBe(before);
    expect(store.db.inTransaction).toBe(false);
    return r.problems;
  } finally {
    store.close();
  }
}

/** Rewrites the header of one file; the data rows stay as they are. */
const withHeader = (file: string, change: (header: string[]) => string[]) => (dir: string) =>
  editRecords(dir, file, ([header, ...rows]) => [change(header!), ...rows]);

/** Drops one column from the header and from every row, so only the header is wrong. */
const withoutColumn = (file: string, column: string) => (dir: string) =>
  editRecords(dir, file, (rows) => {
    const at = rows[0]!.indexOf(column);
    return rows.map((r) => r.filter((_, i) => i !== at));
  });

const columnsOf = (file: string) => exportFile(file).columns.join(', ');

const CASES = [
  { file: 'people.csv', missing: 'managing_sector', renamed: ['surname', 'family_name'] },
  { file: 'staff.csv', missing: 'team_code', renamed: ['forename', 'first_name'] },
] as const;

describe.each(['an empty store', 'a store holding an earlier import'] as const)('a file with a wrong header, imported into %s', (state) => {
  describe.each(CASES)('$file', ({ file, missing, renamed: [from, to] }) => {
    it('is refused when a column is missing, saying which', async () => {
      const problems = await refusedProblems(state, withoutColumn(file, missing));
      expect(problems).toEqual([{ file, line: 1, column: missing, problem: 'is missing from the header' }]);
    });

    it('is refused when it has a column the format does not know, listing the columns it should have', async () => {
      const problems = await refusedProblems(state, (d) =>
        editRecords(d, file, (rows) => rows.map((r, i) => [...r, i === 0 ? 'nickname' : 'x'])),
      );
      expect(problems).toEqual([{ file, line: 1, column: 'nickname', problem: `is not a column of ${file} (its columns are: ${columnsOf(file)})` }]);
    });

    it('is refused when a column is renamed, naming both the unknown name and the missing one', async () => {
      const problems = await refusedProblems(state, withHeader(file, (h) => h.map((c) => (c === from ? to : c))));
      expect(problems).toEqual([
        { file, line: 1, column: to, problem: `is not a column of ${file} (its columns are: ${columnsOf(file)})` },
        { file, line: 1, column: from, problem: 'is missing from the header' },
      ]);
    });
  });
});

describe('a file that can be read only partway', () => {
  /** Puts a byte that is not UTF-8 into the given line of a file, after its first field. */
  const breakLine = (dir: string, file: string, line: number) => {
    const path = join(dir, file);
    const bytes = readFileSync(path);
    let at = 0;
    for (let l = 1; l < line; l++) at = bytes.indexOf(0x0a, at) + 1;
    bytes[bytes.indexOf(0x2c, at) + 1] = 0xff;
    writeFileSync(path, bytes);
  };

  it('fails the set on its own problem when people.csv breaks, and rows for the people after the break are not written', async () => {
    const problems = await refusedProblems('an empty store', (d) => breakLine(d, 'people.csv', 10));
    expect(problems).toEqual([{ file: 'people.csv', line: 10, problem: expect.stringMatching(/^is not valid UTF-8/) }]);
  });

  it('fails the set on its own problem when staff.csv breaks, and people owned by staff after the break are not written', async () => {
    const problems = await refusedProblems('an empty store', (d) => breakLine(d, 'staff.csv', 5));
    expect(problems).toEqual([{ file: 'staff.csv', line: 5, problem: expect.stringMatching(/^is not valid UTF-8/) }]);
  });
});
