/**
 * Writes one CSV file as a stream (csv-stringify into a file stream), waiting whenever the
 * stream asks, so memory stays flat however many rows go through it.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';

export type CsvValue = string | number | null;

export class CsvFileWriter {
  rows = 0;
  private readonly stringifier: Stringifier;
  private readonly finished: Promise<void>;

  constructor(
    readonly path: string,
    columns: readonly string[],
  ) {
    this.stringifier = stringify({ header: true, columns: [...columns], record_delimiter: 'unix' });
    this.finished = pipeline(this.stringifier, createWriteStream(path));
    // Errors surface through `finished`; this keeps an early one from going unhandled meanwhile.
    this.finished.catch(() => {});
  }

  async write(row: Record<string, CsvValue>): Promise<void> {
    this.rows++;
    if (!this.stringifier.write(row)) await once(this.stringifier, 'drain');
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await this.finished;
  }
}
