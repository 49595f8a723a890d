/**
 * How services speak to the store, the same on both engines: SQL written as SQL in a tagged
 * template (see engine/sql-fragment.ts), run through the engine's async seam. A statement run
 * inside a write transaction joins it (the engines track that per call); outside one, a read is its
 * own consistent read and a change its own transaction.
 */
import type { Engine, RunResult } from './engine/engine';
import type { SqlFragment } from './engine/sql-fragment';

export { emptySql, sql, sqlAnd, sqlDialect, sqlFlag, sqlGreatest, sqlILike, sqlJoin, sqlLeast, sqlList, sqlTrusted, SqlFragment, type Dialect, type SqlValue } from './engine/sql-fragment';
export type { Engine, RunResult } from './engine/engine';

/** The store as services see it: either engine, behind one interface. */
export type Db = Engine;

const ONE = { oneStatement: true } as const;

export const all = <T>(db: Db, q: SqlFragment): Promise<T[]> => db.read((r) => r.all<T>(q), ONE);
export const one = <T>(db: Db, q: SqlFragment): Promise<T | undefined> => db.read((r) => r.one<T>(q), ONE);
export const run = (db: Db, q: SqlFragment): Promise<RunResult> => db.write((w) => w.run(q), ONE);

/** Inserts one row and answers its id; `q` must end in `RETURNING id` (both engines support it). */
export async function insertId(db: Db, q: SqlFragment): Promise<number> {
  const row = await db.write((w) => w.one<{ id: number }>(q), ONE);
  if (!row) throw new Error('An insert returned no id.');
  return Number(row.id);
}

/** One column of one row (the first), or undefined when there is no row. */
export async function value<T>(db: Db, q: SqlFragment): Promise<T | undefined> {
  const row = await one<Record<string, T>>(db, q);
  return row === undefined ? undefined : Object.values(row)[0];
}
