/**
 * The part of an import that needs nothing but the file: reading it as CSV, checking its header,
 * each row's field count, each row's fields against its schema, and that no two rows share a key. It yields what it found in
 * file order, as batches of events, and the importer applies them in that order (keys, references,
 * writing), so the problems come out exactly as a single pass would list them whether this runs
 * in the importer's thread or in a worker thread (check-rows-worker.ts).
 */
import type { ExportFile } from './export-format';
import type { ImportProblem } from './import-problems';
import { readCsvRecords } from './read-csv-records';
import { ROW_SCHEMAS, type ImportRow } from './row-schemas';

/** A problem found in a row, before the row's place (file, row, line) is added. */
export type RowProblem = Omit<ImportProblem, 'file' | 'row' | 'line'>;

export type CheckedEvent =
  /** A row whose fields hold and whose key is new: its references and writing are the importer's. */
  | { kind: 'row'; row: number; line: number; data: ImportRow }
  /**
   * A row with problems of its own. `rejects` when its fields failed their rules (rows referring
   * to its key are told so); not for a row with the wrong number of fields or a duplicate key.
   */
  | { kind: 'bad'; row: number; line: number; problems: RowProblem[]; rejects: boolean; rejectedKey?: string | undefined }
  /** A problem with the file itself (bad header, bytes that are not UTF-8, a quote never closed). */
  | { kind: 'file'; problem: ImportProblem };

/** How the file ended: its data row count, or null when it could not be read through. */
export interface FileEnd {
  rows: number | null;
}

/**
 * Reads and checks one file. Yields each batch of events as the CSV reader hands over rows and
 * returns how the file ended.
 */
export async function* checkFileRows(path: string, file: ExportFile): AsyncGenerator<CheckedEvent[], FileEnd> {
  const schema = ROW_SCHEMAS[file.name]!;
  let header: string[] | null = null;
  let readable = true;
  let rows = 0;
  // Each key's first row, for the duplicate's message; only this file's keys, dropped at its end.
  const firstRowOf = new Map<string, number>();
  // Problems that stop the file arrive through this callback, after the rows before them were yielded.
  const stopped: CheckedEvent[] = [];
  const onProblem = (problem: ImportProblem) => {
    readable = false;
    stopped.push({ kind: 'file', problem });
  };
  for await (const batch of readCsvRecords(path, file.name, onProblem)) {
    const out: CheckedEvent[] = [];
    for (const rec of batch) {
      if (header === null) {
        header = rec.fields.map((f) => f.trim());
        if (!headerIsValid(header, file, rec.line, (p) => out.push({ kind: 'file', problem: { file: file.name, ...p } }))) {
          yield out;
          return { rows: null };
        }
        continue;
      }
      rows++;
      const at = { row: rec.row, line: rec.line };
      if (rec.fields.length !== header.length) {
        const short = rec.fields.length < header.length ? ' (a row cut short? the file may be truncated)' : '';
        out.push({ kind: 'bad', ...at, problems: [{ problem: `has ${rec.fields.length} fields, but the header has ${header.length}${short}` }], rejects: false });
        continue;
      }
      const raw: Record<string, string | undefined> = {};
      for (let i = 0; i < header.length; i++) {
        const v = rec.fields[i]!.trim();
        raw[header[i]!] = v === '' ? undefined : v;
      }
      const parsed = schema.safeParse(raw);
      if (parsed.success) {
        const key = String(parsed.data[file.key]);
        const first = firstRowOf.get(key);
        if (first === undefined) {
          firstRowOf.set(key, rec.row);
          out.push({ kind: 'row', ...at, data: parsed.data });
        } else {
          const problem = `${JSON.stringify(key)} is a duplicate: row ${first} has the same ${file.key}`;
          out.push({ kind: 'bad', ...at, problems: [{ column: file.key, problem }], rejects: false });
        }
      } else {
        const problems = parsed.error.issues.map((issue) => ({ column: String(issue.path[0] ?? ''), problem: issue.message }));
        out.push({ kind: 'bad', ...at, problems, rejects: true, rejectedKey: raw[file.key] });
      }
    }
    if (out.length > 0) yield out;
  }
  if (stopped.length > 0) yield stopped;
  return { rows: readable && header ? rows : null };
}

/** Checks a header against the file's columns: every problem is passed to `add`. */
export function headerIsValid(header: string[], file: ExportFile, line: number, add: (p: Omit<ImportProblem, 'file'>) => void): boolean {
  let ok = true;
  const seen = new Set<string>();
  for (const col of header) {
    if (seen.has(col)) {
      add({ line, column: col, problem: 'appears twice in the header' });
      ok = false;
    } else if (!file.columns.includes(col)) {
      add({ line, column: col || '(blank)', problem: `is not a column of ${file.name} (its columns are: ${file.columns.join(', ')})` });
      ok = false;
    }
    seen.add(col);
  }
  for (const col of file.columns) {
    if (!seen.has(col) && !file.optionalColumns?.includes(col)) {
      add({ line, column: col, problem: 'is missing from the header' });
      ok = false;
    }
  }
  return ok;
}
