/**
 * Streams the records of one CSV file with csv-parse. Accepts what Excel writes (a UTF-8 byte
 * order mark, CRLF line ends) and a last line without a line break, and turns what a damaged or truncated file looks like into problems
 * with a line number: bytes that are not UTF-8, a quote that never closes.
 * After the first such problem the rest of the file cannot be trusted, so reading stops there.
 */
import { createReadStream } from 'node:fs';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { ImportProblem } from './import-problems';

export interface CsvRecord {
  /** 0 for the header, then 1, 2, … for data rows. */
  row: number;
  /** The line on which the record ends. */
  line: number;
  fields: string[];
}

class InvalidUtf8 extends Error {
  constructor(
    readonly line: number,
    readonly byteOffset: number,
    readonly atEnd: boolean,
  ) {
    super('invalid UTF-8');
  }
}

const LF = 0x0a;
const countLines = (buf: Uint8Array): number => {
  let n = 0;
  for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) n++;
  return n;
};

/** True when the bytes are valid UTF-8 so far (an unfinished character at the end is allowed). */
function validPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Passes bytes through unchanged while a fatal TextDecoder in stream mode checks them. On the
 * first invalid byte it finds the exact position (binary search over prefixes, only on failure)
 * so the problem names its line.
 */
class Utf8Guard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 1;
  private offset = 0;
  /** The bytes of a character left unfinished at the end of the previous chunk. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(private readonly onBytes: (n: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      done(this.locate(chunk));
      return;
    }
    this.line += countLines(chunk);
    this.offset += chunk.length;
    this.tail = unfinishedTail(chunk);
    this.onBytes(chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(new InvalidUtf8(this.line, this.offset - this.tail.length, true));
    }
  }

  private locate(chunk: Buffer): InvalidUtf8 {
    const withTail = (k: number) => Buffer.concat([this.tail, chunk.subarray(0, k)]);
    let [lo, hi] = [0, chunk.length]; // validPrefix(lo) holds, validPrefix(hi) fails
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (validPrefix(withTail(mid))) lo = mid;
      else hi = mid;
    }
    return new InvalidUtf8(this.line + countLines(chunk.subarray(0, hi - 1)), this.offset + hi - 1, false);
  }
}

/** The last bytes of a chunk that begin a character the chunk does not finish. */
function unfinishedTail(chunk: Buffer): Uint8Array {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const b = chunk[chunk.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? chunk.subarray(chunk.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed: the file may be truncated',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field has text after its closing quote',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field (quote the whole field and double the quote)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted field has text after its closing quote',
  CSV_MAX_RECORD_SIZE: 'a row is far longer than any valid row (is a closing quote missing?)',
};

const MAX_RECORD_BYTES = 256 * 1024;

/**
 * Reads what the stream has buffered in one go. A Readable's own async iterator hands over one
 * object per promise, which costs more than parsing the row at national scale.
 */
async function* batches(stream: Readable): AsyncGenerator<string[][]> {
  let wake: (() => void) | null = null;
  let ended = false;
  let failure: unknown = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on('readable', signal);
  stream.on('end', () => ((ended = true), signal()));
  stream.on('error', (e) => ((failure = e), signal()));
  for (;;) {
    const batch: string[][] = [];
    for (let r = stream.read() as string[] | null; r !== null; r = stream.read() as string[] | null) batch.push(r);
    if (batch.length > 0) yield batch;
    else if (failure) throw failure;
    else if (ended) return;
    else await new Promise<void>((resolveWait) => (wake = resolveWait));
  }
}

const newlinesIn = (fields: string[]): number => {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * Yields the header and then every data row, in batches. Problems that stop the file are passed
 * to `onProblem`; the generator then ends.
 */
export async function* readCsvRecords(
  path: string,
  file: string,
  onProblem: (p: ImportProblem) => void,
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<CsvRecord[]> {
  const guard = new Utf8Guard(onBytes);
  const parser = parse({
    bom: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: MAX_RECORD_BYTES,
  });
  const source = pipeline(createReadStream(path, { highWaterMark: 256 * 1024 }), guard, parser, () => {});
  let row = 0;
  // Lines are counted here rather than with csv-parse's `info`, which nearly doubles parsing time.
  let line = 0;
  try {
    for await (const batch of batches(source)) {
      const out: CsvRecord[] = [];
      for (const fields of batch) {
        line += 1 + newlinesIn(fields);
        if (fields.length === 1 && fields[0] === '') continue; // a blank line
        out.push({ row: row++, line, fields });
      }
      if (out.length > 0) yield out;
    }
  } catch (e) {
    onProblem(describeReadError(e, file, line));
    return;
  } finally {
    // A reader that stops early (only the header was wanted) must not leave the file open.
    source.destroy();
  }
  // A last row without a line break is read like any other: many tools leave it off. A file cut
  // short is still caught, by a quote never closed here, and by the importer's checks of the
  // field count of each row and of the row count in the manifest.
  if (row === 0) onProblem({ file, problem: 'is empty: it needs at least its header row' });
}

function describeReadError(e: unknown, file: string, lastLine: number): ImportProblem {
  if (e instanceof InvalidUtf8) {
    return e.atEnd
      ? { file, line: e.line, problem: 'the file ends in the middle of a UTF-8 character: it may be truncated' }
      : { file, line: e.line, problem: `is not valid UTF-8 (byte ${e.byteOffset + 1} of the file); save it as UTF-8` };
  }
  if (e instanceof CsvError) {
    const lines = (e as CsvError & { lines?: number }).lines;
    return { file, line: typeof lines === 'number' ? lines : lastLine + 1, problem: CSV_PROBLEMS[e.code] ?? e.message };
  }
  const err = e as NodeJS.ErrnoException;
  return { file, problem: `could not be read (${err.code ?? err.message})` };
}

/** The header row alone, or null when the file cannot give one (the problem is passed on). */
export async function readHeader(path: string, file: string, onProblem: (p: ImportProblem) => void): Promise<CsvRecord | null> {
  for await (const batch of readCsvRecords(path, file, onProblem)) return batch[0]!;
  return null;
}
