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
  /**
   * The work is one statement: atomic by itself, so it needs no transaction of its own (outside
   * one) and no savepoint (inside one).
   */
  oneStatement?: boolean;
  /**
   * Embedded store only: how long to wait for another process's write lock before giving up with
   * WriteLockBusy (the caller may then go on without a transaction of its own).
   */
  lockWaitMs?: number;
}

/** Another process held the embedded store's write lock for longer than the write would wait. */
export class WriteLockBusy extends Error {
  constructor() {
    super('Another process holds the store\'s write lock.');
    this.name = 'WriteLockBusy';
  }
}

export interface ReadOptions {
  /** The work is one statement, consistent by itself: it needs no snapshot transaction. */
  oneStatement?: boolean;
}

export interface Engine {
  readonly dialect: Dialect;
  /** A consistent read: every statement inside sees the same committed state. Inside a write, it reads that write's state. */
  read<T>(work: (db: ReadableDb) => Promise<T>, options?: ReadOptions): Promise<T>;
  /**
   * One transaction. A write inside another runs in a savepoint of the outer transaction: if it
   * fails, its own changes are undone and the outer transaction carries on (or fails) as it decides.
   */
  write<T>(work: (tx: WritableDb) => Promise<T>, options?: WriteOptions): Promise<T>;
  close(): Promise<void>;
}
