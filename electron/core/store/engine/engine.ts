/**
 * The data-access seam every service is written against, the same for both engines. Reads and
 * writes are distinct types, so a read-only path cannot write (as in Signal's `ReadableDB` and
 * `WritableDB`). A write is always one transaction; on PostgreSQL it runs SERIALIZABLE and is run
 * again from the start after a serialisation failure, so its function must not act outside the
 * database (send mail, push events) until it has returned.
 */
import type { Dialect, SqlFragment } from './sql-fragment';

export interface RunResult {
  changes: number;
}

export interface ReadableDb {
  readonly dialect: Dialect;
  all<T>(query: SqlFragment): Promise<T[]>;
  one<T>(query: SqlFragment): Promise<T | undefined>;
}

export interface WritableDb extends ReadableDb {
  run(query: SqlFragment): Promise<RunResult>;
}

export interface WriteOptions {
  /**
   * Named locks held from before the transaction starts until it has ended, for writes that must
   * follow one another (appends to the audit chain's head). SQLite already has one writer.
   * PostgreSQL takes session advisory locks before BEGIN: taken inside a SERIALIZABLE transaction
   * they would come after its snapshot, and every waiter would then fail and retry.
   */
  serialise?: readonly string[];
}

export interface Engine {
  readonly dialect: Dialect;
  /** A consistent read: every statement inside sees the same committed state. */
  read<T>(work: (db: ReadableDb) => Promise<T>): Promise<T>;
  /** One transaction; nested calls inside it join the outer transaction. */
  write<T>(work: (tx: WritableDb) => Promise<T>, options?: WriteOptions): Promise<T>;
  close(): Promise<void>;
}
