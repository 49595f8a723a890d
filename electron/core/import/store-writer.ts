/**
 * Writes validated rows into the store inside the import's transaction: upserts by natural key,
 * remembers which keys the snapshot holds (a temporary in-memory table, which also catches
 * duplicate keys), and at the end removes the child rows a newer snapshot no longer contains.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { EXPORT_FILES, ENTITY_FILE, type ExportFile } from './export-format';
import type { ImportRow } from './row-schemas';

const SEEN = 'temp.import_snapshot_keys';

export interface TableCounts {
  before: number;
  /** Rows inserted or changed (an identical row is left alone and not counted). */
  written: number;
}

export class StoreWriter {
  private readonly upserts = new Map<string, Statement>();
  private readonly markSeen: Statement;
  private readonly firstSeenRow: Statement;
  readonly counts = new Map<string, TableCounts>();

  constructor(private readonly db: Database) {
    db.exec(`CREATE TEMP TABLE import_snapshot_keys (file TEXT NOT NULL, key TEXT NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (file, key)) WITHOUT ROWID`);
    this.markSeen = db.prepare(`INSERT INTO ${SEEN} (file, key, row) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
    this.firstSeenRow = db.prepare(`SELECT row FROM ${SEEN} WHERE file = ? AND key = ?`).pluck();
    for (const f of EXPORT_FILES) {
      this.upserts.set(f.name, db.prepare(upsertSql(f)));
      const before = db.prepare(`SELECT count(*) FROM ${f.table}`).pluck().get() as number;
      this.counts.set(f.name, { before, written: 0 });
    }
  }

  /** Records the key as part of the snapshot; returns the row that already had it, if any. */
  claimKey(file: ExportFile, key: string, row: number): number | null {
    if (this.markSeen.run(file.name, key, row).changes === 1) return null;
    return this.firstSeenRow.get(file.name, key) as number;
  }

  write(file: ExportFile, row: ImportRow): void {
    const counts = this.counts.get(file.name)!;
    const params: Record<string, string | number | null> = {};
    for (const c of file.columns) params[c] = row[c] ?? null;
    counts.written += this.upserts.get(file.name)!.run(params).changes;
  }

  /**
   * Child rows of a person or staff member in the snapshot that the snapshot does not contain are
   * removed. People and staff themselves are never removed: requests and audit refer to them.
   */
  removeRowsMissingFromSnapshot(file: ExportFile): number {
    if (!file.belongsTo) return 0;
    const owners = ENTITY_FILE[file.belongsTo.entity].name;
    return this.db
      .prepare(
        `DELETE FROM ${file.table}
          WHERE ${file.belongsTo.column} IN (SELECT key FROM ${SEEN} WHERE file = ?)
            AND ${file.key} NOT IN (SELECT key FROM ${SEEN} WHERE file = ?)`,
      )
      .run(owners, file.name).changes;
  }

  rowCount(file: ExportFile): number {
    return this.db.prepare(`SELECT count(*) FROM ${file.table}`).pluck().get() as number;
  }

  dispose(): void {
    this.db.exec(`DROP TABLE IF EXISTS ${SEEN}`);
  }
}

/** `INSERT … ON CONFLICT(key) DO UPDATE … WHERE something differs`, so an unchanged row is not rewritten. */
function upsertSql(f: ExportFile): string {
  const cols = f.columns.join(', ');
  const params = f.columns.map((c) => `@${c}`).join(', ');
  const others = f.columns.filter((c) => c !== f.key);
  const set = others.map((c) => `${c} = excluded.${c}`).join(', ');
  const differs = others.map((c) => `${f.table}.${c} IS NOT excluded.${c}`).join(' OR ');
  return `INSERT INTO ${f.table} (${cols}) VALUES (${params}) ON CONFLICT(${f.key}) DO UPDATE SET ${set} WHERE ${differs}`;
}
