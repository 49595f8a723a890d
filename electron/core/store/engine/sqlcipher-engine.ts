/**
 * The embedded engine: an opened SQLCipher connection (see open-store.ts for keys and refusals)
 * behind the async seam. Statements are prepared once per text and reused. Every read and write
 * takes the connection lock, so one caller's transaction never swallows another caller's work.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { ConnectionLock } from './connection-lock';
import type { Engine, ReadableDb, RunResult, WritableDb } from './engine';
import { renderSql, type SqlFragment } from './sql-fragment';

const engines = new WeakMap<Database, Engine>();

/** The one engine of a connection: everything on a connection shares its lock and its statements. */
export function engineOf(db: Database): Engine {
  let engine = engines.get(db);
  if (!engine) engines.set(db, (engine = sqlcipherEngine(db)));
  return engine;
}

function sqlcipherEngine(db: Database): Engine {
  const lock = new ConnectionLock();
  const statements = new Map<string, Statement>();
  const prepare = (text: string): Statement => {
    let stmt = statements.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      statements.set(text, stmt);
    }
    return stmt;
  };

  const reader: ReadableDb = {
    dialect: 'sqlite',
    async all<T>(query: SqlFragment) {
      const { text, params } = renderSql(query, 'sqlite');
      return prepare(text).all(...params) as T[];
    },
    async one<T>(query: SqlFragment) {
      const { text, params } = renderSql(query, 'sqlite');
      return prepare(text).get(...params) as T | undefined;
    },
  };
  const writer: WritableDb = {
    ...reader,
    async run(query: SqlFragment): Promise<RunResult> {
      const { text, params } = renderSql(query, 'sqlite');
      return { changes: prepare(text).run(...params).changes };
    },
  };

  return {
    dialect: 'sqlite',
    read: (work) => lock.run(() => work(reader)),
    write: (work) =>
      lock.run(async () => {
        if (db.inTransaction) return work(writer);
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(writer);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      }),
    close: async () => {
      await lock.run(async () => db.close());
    },
  };
}
