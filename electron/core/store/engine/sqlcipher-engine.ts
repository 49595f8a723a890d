/**
 * The embedded engine: an opened SQLCipher connection (see open-store.ts for keys and refusals)
 * behind the async seam. Statements are prepared once per text and reused. Every read and write
 * takes the connection lock, so one caller's transaction never swallows another caller's work.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { ConnectionLock } from './connection-lock';
import { WriteLockBusy, type Engine, type ReadableDb, type RunResult, type WritableDb } from './engine';
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

  /** BEGIN IMMEDIATE, waiting at most `waitMs` (when given) for another process's write lock. */
  const begin = (waitMs?: number): void => {
    if (waitMs === undefined) {
      db.exec('BEGIN IMMEDIATE');
      return;
    }
    const usual = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma(`busy_timeout = ${Math.min(usual, waitMs)}`);
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new WriteLockBusy();
      throw e;
    } finally {
      db.pragma(`busy_timeout = ${usual}`);
    }
  };

  let savepoints = 0;
  /** Work inside the connection's transaction, undone alone if it fails. */
  const inSavepoint = async <T>(work: () => Promise<T>): Promise<T> => {
    const name = `nested_${++savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (e) {
      if (db.inTransaction) {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
      }
      throw e;
    } finally {
      savepoints--;
    }
  };

  return {
    dialect: 'sqlite',
    read: (work, options) =>
      lock.run(async () => {
        if (options?.oneStatement || db.inTransaction) return work(reader);
        // A deferred transaction: one snapshot for every statement, even while another process writes.
        db.exec('BEGIN');
        try {
          return await work(reader);
        } finally {
          if (db.inTransaction) db.exec('COMMIT');
        }
      }),
    write: (work, options) =>
      lock.run(async () => {
        if (db.inTransaction) return options?.oneStatement ? work(writer) : inSavepoint(() => work(writer));
        if (options?.oneStatement) return work(writer);
        begin(options?.lockWaitMs);
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
