import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { describeProblem, type ImportProblem } from '../../../electron/core/import/import-problems';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { useTempDirs } from '../../helpers/temp-dir';
import { editLines, editRecords, recountManifest, records, rowAt, seededSet, setField, storeDigest } from './export-set-files';

const tempDir = useTempDirs();

/**
 * Imports a good set, then the same set after `edit`: the second import must fail and leave the
 * store exactly as it was. Returns the problems reported.
 */
async function problemsAfter(edit: (dir: string) => void): Promise<{ problems: ImportProblem[]; count: number; text: string }> {
  const good = await seededSet(tempDir());
  const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
  try {
    const first = await importExportSet(store.db, good);
    expect(first.ok).toBe(true);
    const before = storeDigest(store.db);
    const bad = await seededSet(tempDir());
    edit(bad);
    const r = await importExportSet(store.db, bad);
    if (r.ok) throw new Error('the import succeeded');
    expect(storeDigest(store.db), 'the store changed').toBe(before);
    expect(store.db.inTransaction).toBe(false);
    return { problems: r.problems, count: r.problemCount, text: r.problems.map(describeProblem).join('\n') };
  } finally {
    store.close();
  }
}

describe('an export set with bad input is refused whole, naming file, row, column and problem', () => {
  it('a column missing from a header', async () => {
    const { problems } = await problemsAfter((d) => editRecords(d, 'people.csv', (rows) => rows.map((r) => r.filter((_, i) => i !== 1))));
    expect(problems).toContainEqual({ file: 'people.csv', line: 1, column: 'pnc', problem: 'is missing from the header' });
  });

  it('an extra column in a header', async () => {
    const { problems } = await problemsAfter((d) => editRecords(d, 'staff.csv', (rows) => rows.map((r, i) => [...r, i === 0 ? 'nickname' : 'x'])));
    expect(problems[0]).toMatchObject({ file: 'staff.csv', line: 1, column: 'nickname', problem: expect.stringMatching(/^is not a column of staff\.csv/) });
  });

  it('a row with more or fewer fields than the header', async () => {
    const { problems } = await problemsAfter((d) => editLines(d, 'teams.csv', (l) => [l[0]!, `${l[1]},extra`, ...l.slice(2)]));
    expect(problems).toContainEqual({ file: 'teams.csv', row: 1, line: 2, problem: 'has 8 fields, but the header has 7' });
  });

  it('a malformed CRN', async () => {
    const { text } = await problemsAfter((d) => setField(d, 'people.csv', rowAt(d, 'people.csv').crn!, 'crn', 'X12345'));
    expect(text).toContain('people.csv row 1 (line 2), column crn: "X12345" is not a CRN (a letter and 6 digits, e.g. X320741)');
  });

  it('a PNC with the wrong check letter, saying which letter is right', async () => {
    const { text } = await problemsAfter((d) => {
      const p = rowAt(d, 'people.csv');
      setField(d, 'people.csv', p.crn!, 'pnc', '2004/0046583A');
    });
    expect(text).toContain('column pnc: "2004/0046583A" has the wrong PNC check letter (expected U)');
  });

  it('dates and times that are malformed or not real', async () => {
    const { problems } = await problemsAfter((d) => {
      setField(d, 'people.csv', rowAt(d, 'people.csv').crn!, 'dob', '1990-02-30');
      setField(d, 'absences.csv', rowAt(d, 'absences.csv').id!, 'start_at', '2026-11-22 09:30');
      setField(d, 'sentences.csv', rowAt(d, 'sentences.csv').id!, 'start_date', '22/11/2026');
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'people.csv', column: 'dob', problem: '"1990-02-30" is not a real calendar date' }));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'absences.csv', column: 'start_at', problem: '"2026-11-22 09:30" is not a UTC time in the form YYYY-MM-DDTHH:MM:SSZ' }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'sentences.csv', column: 'start_date', problem: '"22/11/2026" is not a date in the form YYYY-MM-DD' }));
  });

  it('an end before its start', async () => {
    const { problems } = await problemsAfter((d) => setField(d, 'absences.csv', rowAt(d, 'absences.csv').id!, 'end_at', '2000-01-01T00:00:00Z'));
    expect(problems[0]).toMatchObject({ file: 'absences.csv', row: 1, column: 'end_at', problem: expect.stringMatching(/^"2000-01-01T00:00:00Z" is not after start_at/) });
  });

  it('a missing required value and a value outside its list', async () => {
    const { problems } = await problemsAfter((d) => {
      const p = rowAt(d, 'people.csv');
      setField(d, 'people.csv', p.crn!, 'surname', '');
      setField(d, 'people.csv', p.crn!, 'gender', 'male');
    });
    expect(problems).toContainEqual(expect.objectContaining({ column: 'surname', problem: 'is required but empty' }));
    expect(problems).toContainEqual(expect.objectContaining({ column: 'gender', problem: '"male" is not one of M, F, X' }));
  });

  it('a name holding a bidirectional override character, which would display reversed', async () => {
    const { problems } = await problemsAfter((d) => {
      const p = rowAt(d, 'people.csv');
      setField(d, 'people.csv', p.crn!, 'surname', 'Smith\u202Ednuora');
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'people.csv', column: 'surname', problem: expect.stringContaining('bidirectional control character') }));
  });

  it('an unknown register type code', async () => {
    const { problems } = await problemsAfter((d) => setField(d, 'registrations.csv', rowAt(d, 'registrations.csv').id!, 'type_code', 'ZZZZ'));
    expect(problems).toEqual([expect.objectContaining({ file: 'registrations.csv', row: 1, column: 'type_code', problem: '"ZZZZ" is not a known register type code' })]);
  });

  it('duplicate keys, pointing at the first row with the key', async () => {
    const { problems } = await problemsAfter((d) => {
      editLines(d, 'people.csv', (l) => [...l, l[1]!]);
      recountManifest(d);
    });
    const rows = problems.filter((p) => p.file === 'people.csv');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ column: 'crn', problem: expect.stringMatching(/is a duplicate: row 1 has the same crn$/) });
  });

  it('rows that refer to people or staff that exist neither in the set nor in the store', async () => {
    const { problems } = await problemsAfter((d) => {
      setField(d, 'registrations.csv', rowAt(d, 'registrations.csv').id!, 'crn', 'X999999');
      setField(d, 'allocations.csv', rowAt(d, 'allocations.csv').id!, 'staff_code', 'C17T99Z');
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'registrations.csv', column: 'crn', problem: 'refers to person "X999999", which is neither in people.csv nor already in the store' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'allocations.csv', column: 'staff_code', problem: 'refers to staff member "C17T99Z", which is neither in staff.csv nor already in the store' }),
    );
  });

  it('a person owned by staff of the other sector', async () => {
    const { problems } = await problemsAfter((d) => {
      const p = rowAt(d, 'people.csv');
      setField(d, 'people.csv', p.crn!, 'managing_sector', p.managing_sector === 'NPS' ? 'CRC' : 'NPS');
    });
    expect(problems[0]).toMatchObject({ file: 'people.csv', column: 'owner_staff_code', problem: expect.stringMatching(/works for a (NPS|CRC) provider, but managing_sector is/) });
  });

  it('a truncated file: a quoted field that never closes', async () => {
    const { problems } = await problemsAfter((d) => {
      const text = readFileSync(join(d, 'registrations.csv'), 'utf8');
      writeFileSync(join(d, 'registrations.csv'), `${text}X000001-R9,X000001,WRSM,,,2026-01-01,,,"Recall is`);
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'registrations.csv', problem: 'a quoted field is never closed: the file may be truncated' }));
    expect(problems.find((p) => p.file === 'registrations.csv')!.line).toBeGreaterThan(1);
  });

  it('a truncated file: cut in the middle of its last row, after its sixth field', async () => {
    let lastRow = 0;
    const { problems } = await problemsAfter((d) => {
      const lines = readFileSync(join(d, 'people.csv'), 'utf8').replace(/\n$/, '').split('\n');
      lastRow = lines.length - 1;
      const cut = lines[lastRow]!.split(',').slice(0, 6).join(',');
      writeFileSync(join(d, 'people.csv'), [...lines.slice(0, -1), cut].join('\n'));
    });
    expect(problems).toEqual([
      { file: 'people.csv', row: lastRow, line: lastRow + 1, problem: 'has 6 fields, but the header has 11 (a row cut short? the file may be truncated)' },
    ]);
  });

  it('a truncated file: whole rows missing at the end, caught by the manifest count', async () => {
    const { problems } = await problemsAfter((d) => editLines(d, 'sentences.csv', (l) => l.slice(0, -3)));
    expect(problems).toContainEqual({
      file: 'sentences.csv',
      problem: expect.stringMatching(/^has \d+ data rows, but manifest\.json says \d+: the file may be truncated/),
    });
  });

  it('bytes that are not UTF-8, with the line they are on', async () => {
    const { problems } = await problemsAfter((d) => {
      const path = join(d, 'staff.csv');
      const lines = readFileSync(path).toString('utf8').split('\n');
      lines[3] = lines[3]!.replace(/,([A-Za-z]+),/, ',\u0000$1,');
      writeFileSync(path, Buffer.from(lines.join('\n')).map((b) => (b === 0 ? 0xff : b)));
    });
    expect(problems).toContainEqual({ file: 'staff.csv', line: 4, problem: expect.stringMatching(/^is not valid UTF-8 \(byte \d+ of the file\); save it as UTF-8$/) });
  });

  it('a file that ends in the middle of a UTF-8 character', async () => {
    const { problems } = await problemsAfter((d) => appendFileSync(join(d, 'teams.csv'), Buffer.from([0xc3])));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'teams.csv', problem: 'the file ends in the middle of a UTF-8 character: it may be truncated' }));
  });

  it('a missing file, an empty file and a stray CSV file', async () => {
    const { problems } = await problemsAfter((d) => {
      rmSync(join(d, 'deputies.csv'));
      writeFileSync(join(d, 'absences.csv'), '');
      writeFileSync(join(d, 'Registrations-old.csv'), 'x\n');
    });
    expect(problems).toContainEqual({ file: 'deputies.csv', problem: 'is missing from the export set (a file with only its header row is fine)' });
    expect(problems).toContainEqual({ file: 'absences.csv', problem: 'is empty: it needs at least its header row' });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'Registrations-old.csv', problem: expect.stringMatching(/^is not part of the export format/) }));
  });

  it('a missing manifest, or one of another format version', async () => {
    const missing = await problemsAfter((d) => rmSync(join(d, 'manifest.json')));
    expect(missing.problems).toContainEqual({ file: 'manifest.json', problem: expect.stringMatching(/^is missing/) });
    const future = await problemsAfter((d) => {
      const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
      writeFileSync(join(d, 'manifest.json'), JSON.stringify({ ...m, formatVersion: 2 }));
    });
    expect(future.problems).toEqual([{ file: 'manifest.json', column: 'formatVersion', problem: 'is 2, but this version of rab reads format version 1' }]);
  });

  it('lists at most 100 problems but counts them all', async () => {
    const { problems, count, text } = await problemsAfter((d) =>
      editRecords(d, 'registrations.csv', (rows) => rows.map((r, i) => (i === 0 ? r : [...r.slice(0, 5), 'not a date', ...r.slice(6)]))),
    );
    expect(problems).toHaveLength(100);
    expect(count).toBeGreaterThan(100);
    expect(text.split('\n')[0]).toBe('registrations.csv row 1 (line 2), column start_date: "not a date" is not a date in the form YYYY-MM-DD');
  });

  it('never repeats names or free text in its messages', async () => {
    const { text } = await problemsAfter((d) => {
      const p = rowAt(d, 'people.csv');
      setField(d, 'people.csv', p.crn!, 'surname', `Secretname${'x'.repeat(120)}`);
    });
    expect(text).toContain('column surname: is 130 characters long; the most allowed is 100');
    expect(text).not.toContain('Secretname');
  });
});

describe('what an import accepts that looks odd', () => {
  it('imports files with a byte order mark and CRLF line ends, as Excel writes them', async () => {
    const dir = await seededSet(tempDir());
    for (const f of ['people.csv', 'registrations.csv', 'assessments.csv']) {
      const text = readFileSync(join(dir, f), 'utf8');
      writeFileSync(join(dir, f), `\ufeff${text.replace(/\n/g, '\r\n')}`);
    }
    const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
    const r = await importExportSet(store.db, dir);
    expect(r.ok && r.files.find((f) => f.file === 'people.csv')!.inserted).toBe(48);
    const person = rowAt(dir, 'people.csv');
    expect(store.db.prepare('SELECT surname FROM people WHERE crn = ?').pluck().get(person.crn)).toBe(person.surname);
    store.close();
  });

  it('imports files whose last row has no line break after it, as many tools write them', async () => {
    const dir = await seededSet(tempDir());
    const dropFinalLineBreak = (f: string, lineEnd: string) => {
      const text = readFileSync(join(dir, f), 'utf8').replace(/\n$/, '');
      writeFileSync(join(dir, f), text.replace(/\n/g, lineEnd));
    };
    dropFinalLineBreak('people.csv', '\n');
    dropFinalLineBreak('staff.csv', '\r\n');
    dropFinalLineBreak('registrations.csv', '\n');
    const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
    const r = await importExportSet(store.db, dir);
    expect(r.ok && r.files.find((f) => f.file === 'people.csv')!.inserted).toBe(48);
    const last = rowAt(dir, 'people.csv', 48);
    expect(store.db.prepare('SELECT surname, managing_sector FROM people WHERE crn = ?').get(last.crn)).toEqual({ surname: last.surname, managing_sector: last.managing_sector });
    const [staffHeader, ...staffRows] = records(dir, 'staff.csv');
    const lastStaff = staffRows.at(-1)!;
    expect(store.db.prepare('SELECT active FROM staff WHERE code = ?').pluck().get(lastStaff[0])).toBe(Number(lastStaff[staffHeader!.indexOf('active')]));
    store.close();
  });

  it('refuses a folder that does not exist, with a clear error', async () => {
    const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
    await expect(importExportSet(store.db, join(tempDir(), 'nowhere'))).rejects.toThrow(AppError);
    await expect(importExportSet(store.db, join(tempDir(), 'nowhere'))).rejects.toThrow(/the folder does not exist/);
    store.close();
  });
});
