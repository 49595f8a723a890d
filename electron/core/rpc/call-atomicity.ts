/**
 * Every call is all or nothing. Calls run one at a time on the core's connection, each inside one
 * write transaction (held across the awaits of a password check), and the signed-in session a call
 * starts is only kept if the call succeeds.
 *
 * - A deliberate refusal (an AppError such as BAD_CREDENTIALS) commits: what it recorded (a failed
 *   password, its audit event) is part of the answer, as the lockout rules require.
 * - Anything else (a bug answered as INTERNAL, a damaged page, a full or read-only disk) rolls the
 *   whole call back and undoes any session it started, so the caller is told truthfully that
 *   nothing changed.
 *
 * A call that manages its own transaction (an import, all or nothing by itself) runs outside. When
 * another process holds the store's write lock for long (a `rab import` of a large set), a call
 * waits at most a second for it and then runs as calls did before this rule, statement by statement
 * with each change in its own transaction, so reading stays possible meanwhile.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import type { Connection, SessionService } from '../auth/sessions';

/** How long a call waits for another process's write lock before running without its own transaction. */
const LOCK_WAIT_MS = 1000;

/** Starts the call's transaction; false when another process holds the write lock beyond the wait. */
function beginCall(db: Database): boolean {
  const usual = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.min(usual, LOCK_WAIT_MS)}`);
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
    throw e;
  } finally {
    db.pragma(`busy_timeout = ${usual}`);
  }
}

/** Answers after which the call's changes are rolled back rather than committed. */
const ROLLBACK_CODES = new Set(['INTERNAL', 'STORE_DAMAGED', 'STORE_FULL', 'STORE_READ_ONLY']);

export const keepsChangesOnFailure = (e: unknown): boolean => e instanceof AppError && !ROLLBACK_CODES.has(e.code);

/** Runs calls one after another, in the order they arrived. */
export class CallQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private depth = 0;

  run<T>(call: () => Promise<T>): Promise<T> {
    this.depth++;
    const next = this.tail.then(call).finally(() => this.depth--);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** True while a call is running or waiting. */
  get busy(): boolean {
    return this.depth > 0;
  }
}

/**
 * Runs `call` inside one transaction on `db`, committing or rolling back as described above. When
 * the connection already holds a transaction (an import under way), the call joins it as before.
 */
export async function inCallTransaction<T>(db: Database, conn: Connection, sessions: SessionService, call: () => Promise<T>): Promise<T> {
  const owns = !db.inTransaction && beginCall(db);
  const sessionBefore = conn.sessionId;
  let value: T;
  try {
    value = await call();
  } catch (e) {
    if (owns && db.inTransaction) {
      if (keepsChangesOnFailure(e)) commitOrRollBack(db);
      else rollBack(db);
    }
    if (!keepsChangesOnFailure(e) && conn.sessionId !== sessionBefore) {
      sessions.end(conn.sessionId);
      conn.sessionId = sessionBefore;
    }
    throw e;
  }
  if (owns && db.inTransaction) {
    try {
      db.exec('COMMIT');
    } catch (e) {
      // A commit the disk refused (full, read-only, damaged) leaves nothing behind either.
      rollBack(db);
      if (conn.sessionId !== sessionBefore) {
        sessions.end(conn.sessionId);
        conn.sessionId = sessionBefore;
      }
      throw e;
    }
  }
  return value;
}

function commitOrRollBack(db: Database): void {
  try {
    db.exec('COMMIT');
  } catch (e) {
    rollBack(db);
    throw e;
  }
}

function rollBack(db: Database): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // SQLite rolls back by itself when a statement fails this badly; nothing more can be done here.
  }
}
