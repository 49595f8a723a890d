/**
 * Every call is all or nothing. A call whose handler is synchronous (most of them) runs inside one
 * write transaction; a call that awaits (a password check, an import) keeps each of its changes in
 * one transaction of its own, and sign-in hands its session over inside the transaction that
 * records it. Calls are never queued behind one another, so a slow password check holds nobody up.
 *
 * - A deliberate refusal (an AppError such as BAD_CREDENTIALS or DUPLICATE_REQUEST) commits what
 *   it recorded, as the lockout rules require for a refused password.
 * - Anything else (a bug answered as INTERNAL, a damaged page, a full or read-only disk) rolls the
 *   whole call back and undoes any session it started, so "nothing was changed" is true.
 *
 * When another process holds the store's write lock for long (a `rab import` of a large set), a call
 * waits at most a second for it and then runs statement by statement, as calls did before this
 * rule, so reading stays possible meanwhile.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import type { Connection, SessionService } from '../auth/sessions';

/** Answers after which the call's changes are rolled back rather than committed. */
const ROLLBACK_CODES = new Set(['INTERNAL', 'STORE_DAMAGED', 'STORE_FULL', 'STORE_READ_ONLY']);

export const keepsChangesOnFailure = (e: unknown): boolean => e instanceof AppError && !ROLLBACK_CODES.has(e.code);

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

/** A handler declared `async` awaits: it cannot hold the connection's one transaction across its awaits. */
export const awaitsInside = (fn: unknown): boolean => typeof fn === 'function' && fn.constructor.name === 'AsyncFunction';

/**
 * Runs a synchronous call inside one transaction on `db`, committing or rolling back as described
 * above. When the connection already holds a transaction (an import under way), the call joins it.
 */
export function inCallTransaction<T>(db: Database, conn: Connection, sessions: SessionService, call: () => T, o: { otherWriterBusy?: boolean } = {}): T {
  // While this process's own import holds the write lock on its second connection, waiting for that
  // lock would only stall the import (the wait blocks the one thread both run on): go straight on.
  const owns = !db.inTransaction && !o.otherWriterBusy && beginCall(db);
  const sessionBefore = conn.sessionId;
  const undoSession = () => {
    if (conn.sessionId !== sessionBefore) {
      sessions.end(conn.sessionId);
      conn.sessionId = sessionBefore;
    }
  };
  let value: T;
  try {
    value = call();
    if (value instanceof Promise) throw new Error('A synchronous handler returned a promise.');
  } catch (e) {
    if (owns && db.inTransaction) {
      if (keepsChangesOnFailure(e)) commitOrRollBack(db);
      else rollBack(db);
    }
    if (!keepsChangesOnFailure(e)) undoSession();
    throw e;
  }
  if (owns && db.inTransaction) {
    try {
      db.exec('COMMIT');
    } catch (e) {
      // A commit the disk refused (full, read-only, damaged) leaves nothing behind either.
      rollBack(db);
      undoSession();
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
