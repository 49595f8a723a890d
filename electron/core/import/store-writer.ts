/**
 * Writes validated rows into the store inside the import's transaction: upserts by natural key,
 * remembers which keys the snapshot holds, and at the end
 * removes the child rows a newer snapshot no longer contains.
 *
 * The keys are held in memory, a few tens of bytes each (~100 MB for a national set): a temporary
 * table did the same job at several times the cost per row. A first import keeps none (nothing
 * can be missing from a store with no records); duplicates are caught as rows are checked.
 *
 * A table that is empty when the import starts (a first import) is bulk loaded: plain inserts (the
 * keys were already checked unique in memory) with its secondary indexes dropped, and built again
 * in one pass by `finishLoading` before the import commits. Both happen inside the import's
 * transaction, so a failed import rolls the indexes back with everything else.
 */
import type { EmbeddedConnection as Database, EmbeddedStatement as Statement } from '../store/embedded-connection';
import { EXPORT_FILES, ENTITY_FILE, type ExportFile } from './export-format';
import type { ImportRow } from './row-schemas';
import { SnapshotKeys } from './snapshot-keys';

export interface TableCounts {
  before: number;
  /** Rows inserted or changed (an identical row is left alone and not counted). */
  written: number;
}

export class StoreWriter {
  private readonly upserts = new Map<string, Statement>();
  private readonly seen = new SnapshotKeys();
  readonly counts = new Map<string, TableCounts>();
  /** CREATE INDEX statements of the indexes dropped for bulk loading, to build again at the end. */
  private readonly droppedIndexes: string[] = [];
  private readonly firstImport: boolean;

  constructor(private readonly db: Database) {
    for (const f of EXPORT_FILES) {
      const before = db.prepare(`SELECT count(*) FROM ${f.table}`).pluck().get() as number;
      this.counts.set(f.name, { before, written: 0 });
      if (before === 0) {
        this.dropSecondaryIndexes(f.table);
        this.upserts.set(f.name, db.prepare(insertSql(f)));
      } else {
        this.upserts.set(f.name, db.prepare(upsertSql(f)));
      }
    }
    this.firstImport = [...this.counts.values()].every((c) => c.before === 0);
  }

  private dropSecondaryIndexes(table: string): void {
    const indexes = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
      .all(table) as { name: string; sql: string }[];
    for (const i of indexes) {
      this.db.exec(`DROP INDEX "${i.name}"`);
      this.droppedIndexes.push(i.sql);
    }
  }

  /** Builds again every index dropped for bulk loading. Call once, after the last row. */
  finishLoading(): void {
    for (const create of this.droppedIndexes.splice(0)) this.db.exec(create);
  }

  /**
   * Records the key as part of the snapshot, which says what a newer snapshot no longer holds.
   * Into a store with no records yet nothing can be missing, so no key is kept: the largest part
   * of a first national import's memory otherwise.
   */
  noteKey(file: ExportFile, key: string, row: number): void {
    if (this.firstImport) return;
    this.seen.claim(file, key, row);
  }

  write(file: ExportFile, row: ImportRow): void {
    const counts = this.counts.get(file.name)!;
    // Bound by position: cheaper than by name, at a few million rows.
    const params = new Array<string | number | null>(file.columns.length);
    for (let i = 0; i < params.length; i++) params[i] = row[file.columns[i]!] ?? null;
    counts.written += this.upserts.get(file.name)!.run(params).changes;
  }

  /**
   * Child rows of a person or staff member in the snapshot that the snapshot does not contain are
   * removed. People and staff themselves are never removed: requests and audit refer to them.
   */
  removeRowsMissingFromSnapshot(file: ExportFile): number {
    if (!file.belongsTo || this.firstImport) return 0;
    const keys = this.seen.of(file);
    // Every key of the snapshot is in the table, so equal counts mean nothing else is: the usual
    // case (a first import, or the same set again) costs nothing.
    if (this.rowCount(file) === keys.size) return 0;
    const owners = this.seen.of(ENTITY_FILE[file.belongsTo.entity]);
    const remove = this.db.prepare(`DELETE FROM ${file.table} WHERE ${file.key} = ?`);
    let removed = 0;
    const rows = this.db.prepare(`SELECT ${file.key}, ${file.belongsTo.column} FROM ${file.table}`).raw().all() as [string, string][];
    for (const [key, owner] of rows) {
      if (owners.has(owner) && !keys.has(key)) removed += remove.run(key).changes;
    }
    return removed;
  }

  rowCount(file: ExportFile): number {
    return this.db.prepare(`SELECT count(*) FROM ${file.table}`).pluck().get() as number;
  }
}

/** A plain insert, for a table that was empty: every key was checked unique before it is written. */
function insertSql(f: ExportFile): string {
  return `INSERT INTO ${f.table} (${f.columns.join(', ')}) VALUES (${f.columns.map(() => '?').join(', ')})`;
}

/** `INSERT … ON CONFLICT(key) DO UPDATE … WHERE something differs`, so an unchanged row is not rewritten. */
function upsertSql(f: ExportFile): string {
  const cols = f.columns.join(', ');
  const params = f.columns.map(() => '?').join(', ');
  const others = f.columns.filter((c) => c !== f.key);
  const set = others.map((c) => `${c} = excluded.${c}`).join(', ');
  const differs = others.map((c) => `${f.table}.${c} IS NOT excluded.${c}`).join(' OR ');
  return `INSERT INTO ${f.table} (${cols}) VALUES (${params}) ON CONFLICT(${f.key}) DO UPDATE SET ${set} WHERE ${differs}`;
}
