/**
 * Writes validated rows through the engine (either one), inside the import's transaction: rows are
 * queued and written many to a statement, `INSERT … ON CONFLICT(key) DO UPDATE … WHERE something
 * differs`, so a national import is thousands of statements rather than millions of round trips,
 * and an unchanged row is not rewritten. Like the embedded writer it remembers each snapshot key
 * and at the end removes child rows a newer snapshot no longer contains.
 */
import type { WritableDb } from '../store/engine/engine';
import { sql, sqlDialect, sqlJoin, sqlTrusted, type SqlFragment, type SqlValue } from '../store/sql';
import type { RowWriter } from './import-export-set';
import { ENTITY_FILE, EXPORT_FILES, type ExportFile } from './export-format';
import type { ImportRow } from './row-schemas';
import { SnapshotKeys } from './snapshot-keys';
import type { TableCounts } from './store-writer';

/** Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** Rows queued before the next batch boundary writes them. */
const FLUSH_AT_ROWS = 5_000;

export class BatchedWriter implements RowWriter {
  private readonly queued = new Map<ExportFile, SqlValue[][]>();
  private readonly seen = new SnapshotKeys();
  readonly counts = new Map<string, TableCounts>();
  private queuedRows = 0;

  private constructor(
    private readonly tx: WritableDb,
    private readonly onWritten: (file: ExportFile, row: ImportRow) => void,
  ) {}

  static async start(tx: WritableDb, onWritten: (file: ExportFile, row: ImportRow) => void): Promise<BatchedWriter> {
    const writer = new BatchedWriter(tx, onWritten);
    for (const f of EXPORT_FILES) {
      writer.counts.set(f.name, { before: await writer.rowCount(f), written: 0 });
    }
    return writer;
  }

  noteKey(file: ExportFile, key: string, row: number): void {
    this.seen.claim(file, key, row);
  }

  write(file: ExportFile, row: ImportRow): void {
    let rows = this.queued.get(file);
    if (!rows) this.queued.set(file, (rows = []));
    rows.push(file.columns.map((c) => row[c] ?? null));
    this.queuedRows++;
    this.onWritten(file, row);
  }

  async afterBatch(): Promise<void> {
    if (this.queuedRows >= FLUSH_AT_ROWS) await this.flush();
  }

  /** Writes every queued row, files in import order (so references are written before rows that need them). */
  async flush(): Promise<void> {
    for (const file of EXPORT_FILES) {
      const rows = this.queued.get(file);
      if (!rows?.length) continue;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / file.columns.length));
      const counts = this.counts.get(file.name)!;
      for (let i = 0; i < rows.length; i += perStatement) {
        counts.written += (await this.tx.run(upsert(file, rows.slice(i, i + perStatement)))).changes;
      }
      this.queued.delete(file);
    }
    this.queuedRows = 0;
  }

  async rowCount(file: ExportFile): Promise<number> {
    const row = await this.tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM ${sqlTrusted(file.table)}`);
    return Number(row?.n ?? 0);
  }

  /** As the embedded writer: child rows of owners in the snapshot that the snapshot does not contain. */
  async removeRowsMissingFromSnapshot(file: ExportFile): Promise<number> {
    if (!file.belongsTo) return 0;
    const keys = this.seen.of(file);
    if ((await this.rowCount(file)) === keys.size) return 0;
    const owners = this.seen.of(ENTITY_FILE[file.belongsTo.entity]);
    const table = sqlTrusted(file.table);
    const key = sqlTrusted(file.key);
    const rows = await this.tx.all<{ k: string; o: string }>(sql`SELECT ${key} AS k, ${sqlTrusted(file.belongsTo.column)} AS o FROM ${table}`);
    const missing = rows.filter((r) => owners.has(String(r.o)) && !keys.has(String(r.k))).map((r) => r.k);
    let removed = 0;
    for (let i = 0; i < missing.length; i += MAX_PARAMETERS) {
      const chunk = sqlJoin(missing.slice(i, i + MAX_PARAMETERS));
      removed += (await this.tx.run(sql`DELETE FROM ${table} WHERE ${key} IN (${chunk})`)).changes;
    }
    return removed;
  }
}

/** SQLite's `IS NOT` is PostgreSQL's `IS DISTINCT FROM`: both treat two nulls as equal. */
const isNot = sqlDialect({ sqlite: sql`IS NOT`, postgres: sql`IS DISTINCT FROM` });

function upsert(f: ExportFile, rows: SqlValue[][]): SqlFragment {
  const table = sqlTrusted(f.table);
  const cols = sqlTrusted(f.columns.join(', '));
  const values = sqlJoin(rows.map((r) => sql`(${sqlJoin(r)})`));
  const others = f.columns.filter((c) => c !== f.key);
  const set = sqlTrusted(others.map((c) => `${c} = excluded.${c}`).join(', '));
  const differs = sqlJoin(others.map((c) => sql`${table}.${sqlTrusted(c)} ${isNot} excluded.${sqlTrusted(c)}`), sql` OR `);
  return sql`INSERT INTO ${table} (${cols}) VALUES ${values} ON CONFLICT(${sqlTrusted(f.key)}) DO UPDATE SET ${set} WHERE ${differs}`;
}
