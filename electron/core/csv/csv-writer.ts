/**
 * The one CSV writer: every CSV file the app writes (audit export, reports, seeded export sets)
 * goes through it. A text cell that a spreadsheet would treat as a formula or a control (one that
 * starts with = + - @, a tab or a carriage return) is written with an apostrophe in front, so a
 * name such as `=HYPERLINK(...)` from a failed sign-in or an imported record is shown, never run.
 * Numbers are written as numbers: a negative figure is data, not a formula.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as it may safely be written. */
export function neutraliseCell(cell: CsvValue): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export interface CsvTextOptions {
  /** '\r\n' for files people open in a spreadsheet; '\n' (the default) otherwise. */
  lineEnding?: '\n' | '\r\n';
}

/** Rows (the first usually the header) as CSV text, every cell neutralised. */
export function csvText(rows: readonly (readonly CsvValue[])[], o: CsvTextOptions = {}): string {
  return stringifySync(rows.map((r) => r.map(neutraliseCell)), { record_delimiter: o.lineEnding === '\r\n' ? 'windows' : 'unix' });
}

/**
 * Writes one CSV file as a stream, waiting whenever the stream asks, so memory stays flat however
 * many rows go through it. `flags: 'wx'` refuses to overwrite; `mode` sets the file's permissions.
 */
export class CsvFileWriter {
  rows = 0;
  private readonly stringifier: Stringifier;
  private readonly finished: Promise<void>;

  constructor(
    readonly path: string,
    private readonly columns: readonly string[],
    o: { flags?: 'w' | 'wx'; mode?: number } = {},
  ) {
    this.stringifier = stringify({ header: true, columns: [...columns], record_delimiter: 'unix' });
    this.finished = pipeline(this.stringifier, createWriteStream(path, { flags: o.flags ?? 'w', mode: o.mode ?? 0o666 }));
    // Errors surface through `finished`; this keeps an early one from going unhandled meanwhile.
    this.finished.catch(() => {});
  }

  async write(row: Record<string, CsvValue>): Promise<void> {
    this.rows++;
    const safe: Record<string, string | number> = {};
    for (const c of this.columns) safe[c] = neutraliseCell(row[c] ?? null);
    if (!this.stringifier.write(safe)) await once(this.stringifier, 'drain');
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await this.finished;
  }
}
