/**
 * Imports an export set (docs/import-format.md) into the store, all or nothing.
 *
 * First the manifest, the list of files and every file's header are checked; a set that fails
 * there is refused before anything is written. Then every file is streamed and every row validated
 * (zod; in worker threads for a large set, check-file-rows.ts and row-sources.ts), checked here for
 * duplicate keys and for references that do not resolve, and upserted by natural key, all inside one transaction. Problems are
 * collected rather than thrown so the report lists every bad row; if there is any problem, the
 * transaction is rolled back and the store is exactly as it was.
 *
 * The import holds the connection's transaction while it awaits file reads, so the caller gives it
 * a connection nothing else uses meanwhile (the command line opens its own).
 */
import { engineOf } from '../store/engine/sqlcipher-engine';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent, type AuditEventInput } from '../audit/audit-log';
import { DEMO_USERS_FILE, EXPORT_FILES, MANIFEST_FILE, type ExportFile } from './export-format';
import { ProblemList, type ImportProblem } from './import-problems';
import { readManifest, type Manifest } from './manifest';
import { readHeader } from './read-csv-records';
import { headerIsValid, type CheckedEvent } from './check-file-rows';
import { rowsInThisThread, rowsInWorkers, type RowSource } from './row-sources';
import { ReferenceChecks, storeLookup } from './reference-checks';
import type { ImportRow } from './row-schemas';
import { StoreWriter, type TableCounts } from './store-writer';

export interface ImportProgress {
  file: string;
  rowsDone: number;
  /** Data rows in the whole set, from the manifest. */
  rowsTotal: number;
}

export interface ImportOptions {
  /** Who is importing, for the audit log: a username, or 'cli'. */
  actor?: string;
  now?: () => number;
  onProgress?: (p: ImportProgress) => void;
  /** How many problems to list; all are counted. */
  maxListedProblems?: number;
  /**
   * Worker threads that read and check the files while this thread writes; 0 checks them here.
   * By default, threads for a set of THREADS_FROM_ROWS rows or more.
   */
  checkThreads?: number;
  /** The most each checking thread's heap may grow to, in MiB. */
  checkThreadHeapMiB?: number;
}

export interface FileSummary {
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Child rows of people or staff in the snapshot that the snapshot no longer contains. */
  removed: number;
}

export type ImportOutcome =
  | { ok: true; files: FileSummary[]; rows: number; manifest: Manifest }
  | { ok: false; problems: ImportProblem[]; problemCount: number };

const PROGRESS_EVERY = 5000;
export const THREADS_FROM_ROWS = 50_000;
const DEFAULT_CHECK_THREADS = 2;
/** A thread holds a few batches of rows at a time: far less than this, which bounds a runaway. */
const CHECK_THREAD_HEAP_MIB = 128;
/**
 * 64 MiB of page cache while importing (negative = KiB), restored afterwards. Rows arrive in key
 * order and the secondary indexes are built at the end, so a larger cache buys little and the
 * import's peak memory is mostly this cache.
 */
const IMPORT_CACHE_KIB = 65536;

/** A set whose manifest, file list and headers hold, ready to be read row by row. */
export interface CheckedSet {
  folder: string;
  manifest: Manifest;
  rowsTotal: number;
}

/**
 * Checks the manifest, the list of files and every file's header. A file that cannot be read as
 * its table (missing, empty, wrong header) fails the set here, before anything is written: no row
 * is read, and no row can refer into an unread file.
 */
export async function checkSetOutline(dir: string, problems: ProblemList): Promise<CheckedSet | null> {
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AppError('IMPORT_SET_NOT_FOUND', `There is no export set at ${folder}: the folder does not exist.`);
  }
  const manifest = readManifest(folder, problems);
  const present = checkFileList(folder, problems);
  await checkHeaders(folder, present, problems);
  if (!problems.empty || !manifest) return null;
  return { folder, manifest, rowsTotal: Object.values(manifest.files).reduce((n, f) => n + f.rows, 0) };
}

export async function importExportSet(db: Database, dir: string, opts: ImportOptions = {}): Promise<ImportOutcome> {
  if (db.inTransaction) throw new AppError('IMPORT_BUSY');
  const problems = new ProblemList(opts.maxListedProblems);
  const set = await checkSetOutline(dir, problems);
  if (!set) return { ok: false, problems: problems.listed, problemCount: problems.total };
  const { manifest, rowsTotal } = set;

  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  db.exec('BEGIN IMMEDIATE');
  try {
    const writer = new StoreWriter(db);
    const refs = new ReferenceChecks(storeLookup(db));
    const rowCounts = await importFiles(set, { writer, refs, problems, progress: { done: 0, total: rowsTotal, report: opts.onProgress } }, opts);
    if (!problems.empty) {
      db.exec('ROLLBACK');
      return { ok: false, problems: problems.listed, problemCount: problems.total };
    }
    writer.finishLoading();
    const files = await summarise(writer, rowCounts);
    await appendAuditEvent(engineOf(db), importAuditEvent(set, files, opts));
    db.exec('COMMIT');
    return { ok: true, files, rows: files.reduce((n, f) => n + f.rows, 0), manifest };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    if (db.open) db.pragma(`cache_size = ${cacheSize}`);
  }
}

/** The audit event a completed import appends, in the same transaction as its rows. */
export function importAuditEvent(set: CheckedSet, files: FileSummary[], opts: ImportOptions): AuditEventInput {
  const { folder, manifest } = set;
  return {
    at: (opts.now ?? Date.now)(),
    actor: opts.actor ?? 'cli',
    action: 'admin.importRecords',
    subject: `export-set:${manifest.scale ?? 'unknown'}`,
    details: { folder, scale: manifest.scale ?? null, seed: manifest.seed ?? null, asOf: manifest.asOf ?? null, files },
  };
}

/** Reads, checks and writes every file in import order; the data row count of each file read through. */
export async function importFiles(set: CheckedSet, ctx: FileContext, opts: ImportOptions = {}): Promise<Map<string, number>> {
  const rowCounts = new Map<string, number>();
  const source = rowSourceFor(set, opts);
  try {
    for (const file of EXPORT_FILES) {
      const rows = await importFile(file, ctx, source);
      // Read partway only (bad bytes, a quote never closed): rows referring into it are not written.
      if (rows === null) ctx.refs.fileUnreadable(file);
      else rowCounts.set(file.name, rows);
      const expected = set.manifest.files[file.name]?.rows;
      if (rows !== null && expected !== undefined && rows !== expected) {
        ctx.problems.add({
          file: file.name,
          problem: `has ${rows} data rows, but ${MANIFEST_FILE} says ${expected}: the file may be truncated, or the manifest belongs to another set`,
        });
      }
    }
  } finally {
    await source.close();
  }
  return rowCounts;
}

/**
 * Threads pay off once a set is large: each costs a start-up (tens of milliseconds compiled, far
 * more from source) that a small set does not earn back.
 */
function rowSourceFor(set: CheckedSet, opts: ImportOptions): RowSource {
  const threads = opts.checkThreads ?? (set.rowsTotal >= THREADS_FROM_ROWS ? DEFAULT_CHECK_THREADS : 0);
  if (threads === 0) return rowsInThisThread(set.folder);
  return rowsInWorkers(set.folder, EXPORT_FILES, { threads, heapMiB: opts.checkThreadHeapMiB ?? CHECK_THREAD_HEAP_MIB });
}

/** Which export files are there; missing ones and stray CSV files are problems. */
function checkFileList(folder: string, problems: ProblemList): Set<string> {
  const names = new Set(readdirSync(folder));
  const expected = new Set(EXPORT_FILES.map((f) => f.name));
  const present = new Set<string>();
  for (const f of EXPORT_FILES) {
    if (names.has(f.name)) present.add(f.name);
    else problems.add({ file: f.name, problem: 'is missing from the export set (a file with only its header row is fine)' });
  }
  for (const n of names) {
    if (/\.csv$/i.test(n) && !expected.has(n) && n !== DEMO_USERS_FILE) {
      problems.add({ file: n, problem: `is not part of the export format (expected files: ${[...expected].join(', ')})` });
    }
  }
  return present;
}

/** Reads the header of every file present and checks it against the format. */
async function checkHeaders(folder: string, present: Set<string>, problems: ProblemList): Promise<void> {
  for (const file of EXPORT_FILES) {
    if (!present.has(file.name)) continue;
    const header = await readHeader(join(folder, file.name), file.name, (p) => problems.add(p));
    if (header) headerIsValid(header.fields.map((f) => f.trim()), file, header.line, (p) => problems.add({ file: file.name, ...p }));
  }
}

/** Where checked rows go: the embedded store's writer, or the engine's batched one. */
export interface RowWriter {
  /** Records the key as part of the snapshot (its duplicates were already refused). */
  noteKey(file: ExportFile, key: string, row: number): void;
  write(file: ExportFile, row: ImportRow): void;
  /** Called after each batch of rows read, so a writer that batches can write them (awaited). */
  afterBatch?(): Promise<void>;
}

export interface FileContext {
  writer: RowWriter;
  refs: ReferenceChecks;
  problems: ProblemList;
  progress: { done: number; total: number; report: ImportOptions['onProgress'] };
}

/** Reads, checks and writes one file. Returns its data row count, or null if it could not be read through. */
async function importFile(file: ExportFile, ctx: FileContext, source: RowSource): Promise<number | null> {
  const { problems, progress } = ctx;
  const checked = source.check(file);
  let rows = 0;
  for (let next = await checked.next(); ; next = await checked.next()) {
    if (next.done) {
      progress.done += rows;
      progress.report?.({ file: file.name, rowsDone: progress.done, rowsTotal: progress.total });
      return next.value.rows;
    }
    for (const event of next.value) {
      if (event.kind === 'file') {
        problems.add(event.problem);
        continue;
      }
      rows++;
      applyRow(event, file, ctx);
      if (rows % PROGRESS_EVERY === 0) progress.report?.({ file: file.name, rowsDone: progress.done + rows, rowsTotal: progress.total });
    }
    await ctx.writer.afterBatch?.();
  }
}

/** Lists a row's own problems, or checks its key and references and writes it if all is well. */
function applyRow(event: Exclude<CheckedEvent, { kind: 'file' }>, file: ExportFile, ctx: FileContext): void {
  const { writer, refs, problems } = ctx;
  const at = { file: file.name, row: event.row, line: event.line };
  if (event.kind === 'bad') {
    for (const p of event.problems) problems.add({ ...at, ...p });
    if (event.rejects) refs.rowRejected(file, event.rejectedKey);
    return;
  }
  const row = event.data;
  const key = String(row[file.key]);
  writer.noteKey(file, key, event.row);
  const verdict = refs.check(file, row);
  if (verdict.problems.length > 0) {
    for (const p of verdict.problems) problems.add({ ...at, ...p });
    refs.rowRejected(file, key);
    return;
  }
  if (verdict.unjudged) {
    refs.rowUnjudged(file, key);
    return;
  }
  writer.write(file, row);
}

/** What a writer tells the summary: counts before and written, rows now, child rows removed. */
export interface SummarisedWriter {
  readonly counts: ReadonlyMap<string, TableCounts>;
  rowCount(file: ExportFile): number | Promise<number>;
  removeRowsMissingFromSnapshot(file: ExportFile): number | Promise<number>;
}

export async function summarise(writer: SummarisedWriter, rowCounts: Map<string, number>): Promise<FileSummary[]> {
  const files: FileSummary[] = [];
  for (const f of EXPORT_FILES) {
    const { before, written } = writer.counts.get(f.name)!;
    const inserted = (await writer.rowCount(f)) - before;
    const removed = await writer.removeRowsMissingFromSnapshot(f);
    const rows = rowCounts.get(f.name) ?? 0;
    files.push({ file: f.name, rows, inserted, updated: written - inserted, unchanged: rows - written, removed });
  }
  return files;
}
