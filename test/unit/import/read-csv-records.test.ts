import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FILES } from '../../../electron/core/import/export-format';
import type { ImportProblem } from '../../../electron/core/import/import-problems';
import { readCsvRecords, type CsvRecord } from '../../../electron/core/import/read-csv-records';
import { ROW_SCHEMAS } from '../../../electron/core/import/row-schemas';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

async function readAll(content: Buffer | string): Promise<{ records: CsvRecord[]; problems: ImportProblem[] }> {
  const path = join(tempDir(), 'f.csv');
  writeFileSync(path, content);
  const records: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  for await (const batch of readCsvRecords(path, 'f.csv', (p) => problems.push(p))) records.push(...batch);
  return { records, problems };
}

/** Enough rows of accented names that characters straddle the reader's 256 KiB chunks. */
const accentedRows = (n: number) => ['id,name', ...Array.from({ length: n }, (_, i) => `${i},Siân Ó Súilleabháin Zoë ${i}`)].join('\n') + '\n';

describe('reading CSV records', () => {
  it('reads multi-byte characters that straddle chunk boundaries intact', async () => {
    const CHUNK = 256 * 1024;
    // A three-byte character (’) whose first byte is the last byte of the first chunk.
    const head = 'id,name\n0,';
    const filler = 'x'.repeat(CHUNK - 1 - Buffer.byteLength(head));
    const text = `${head}${filler}’s\n${accentedRows(30_000).split('\n').slice(2).join('\n')}`;
    expect(Buffer.from(text)[CHUNK - 1]).toBe(0xe2);
    const { records, problems } = await readAll(text);
    expect(problems).toEqual([]);
    expect(records[1]!.fields[1]).toBe(`${filler}’s`);
    expect(records.slice(2).every((r) => r.fields[1] === `Siân Ó Súilleabháin Zoë ${r.row - 1}`)).toBe(true);
  });

  it('finds an invalid byte far into a large file and names its line', async () => {
    const bytes = Buffer.from(accentedRows(30_000));
    const line = 25_000;
    let at = 0;
    for (let l = 1; l < line; l++) at = bytes.indexOf(0x0a, at) + 1;
    bytes[at + 3] = 0xfe;
    const { problems } = await readAll(bytes);
    expect(problems).toEqual([{ file: 'f.csv', line, problem: `is not valid UTF-8 (byte ${at + 4} of the file); save it as UTF-8` }]);
  });

  it('counts lines through quoted fields that span lines', async () => {
    const { records } = await readAll('id,notes\n1,"first\nsecond"\n2,plain\n');
    expect(records.map((r) => [r.row, r.line])).toEqual([
      [0, 1],
      [1, 3],
      [2, 4],
    ]);
    expect(records[1]!.fields[1]).toBe('first\nsecond');
  });

  it('skips blank lines but keeps counting them', async () => {
    const { records } = await readAll('id,x\n\n1,a\r\n\r\n2,b\r\n');
    expect(records.map((r) => [r.row, r.line, r.fields.join('|')])).toEqual([
      [0, 1, 'id|x'],
      [1, 3, '1|a'],
      [2, 5, '2|b'],
    ]);
  });

  it('reads a last row that has no line break after it, with LF or CRLF line ends', async () => {
    for (const text of ['id,x\n1,a\n2,b', 'id,x\r\n1,a\r\n2,b']) {
      const { records, problems } = await readAll(text);
      expect(problems).toEqual([]);
      expect(records.map((r) => [r.row, r.line, r.fields.join('|')])).toEqual([
        [0, 1, 'id|x'],
        [1, 2, '1|a'],
        [2, 3, '2|b'],
      ]);
    }
  });

  it('still reports a file that ends inside a quoted field', async () => {
    const { problems } = await readAll('id,notes\n1,"first line\nsecond');
    expect(problems).toEqual([{ file: 'f.csv', line: 3, problem: 'a quoted field is never closed: the file may be truncated' }]);
  });

  it('reports a quote inside an unquoted field in plain words', async () => {
    const { problems } = await readAll('id,x\n1,a"b\n');
    expect(problems).toEqual([{ file: 'f.csv', line: 2, problem: 'a quote appears inside an unquoted field (quote the whole field and double the quote)' }]);
  });
});

describe('row validation', () => {
  it('never throws on any input: every problem is an issue naming a column of the file', () => {
    for (const file of EXPORT_FILES) {
      const field = fc.option(fc.oneof(fc.string(), fc.constantFrom('X320741', '2026-11-22', '2026-11-22T09:30:00Z', 'NPS', 'M', '1', '12.5')), { nil: undefined });
      const row = fc.record(Object.fromEntries(file.columns.map((c) => [c, field])));
      fc.assert(
        fc.property(row, (raw) => {
          const r = ROW_SCHEMAS[file.name]!.safeParse(raw);
          if (!r.success) for (const issue of r.error.issues) expect(file.columns).toContain(String(issue.path[0]));
        }),
        { numRuns: 200 },
      );
    }
  });
});
