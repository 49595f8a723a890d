/**
 * Turns what SQLite and the file system throw into the store's own typed answers, so a damaged
 * page, a full disk or a read-only folder is never answered as "INTERNAL".
 *
 * - The cipher's HMAC check failing on a page, "database disk image is malformed" and "file is not
 *   a database" all mean the file is damaged: STORE_DAMAGED, after which the store is refused.
 * - SQLITE_FULL and ENOSPC mean the disk (or the store's size limit) is full: STORE_FULL. Space can be
 *   freed, so this does not refuse the store.
 * - SQLITE_READONLY, EROFS and EACCES mean the store cannot be written where it is: STORE_READ_ONLY.
 * - A PostgreSQL that cannot be reached, is shutting down or dropped the connection mid-call means
 *   the database is out of reach for now: STORE_UNAVAILABLE. The transaction never committed, so
 *   nothing was half-written, and the call may be tried again once the database is back.
 */
import { AppError } from '../../../shared/errors';

const DAMAGED_CODES = /^SQLITE_(CORRUPT|NOTADB)/;
const DAMAGED_MESSAGES = /malformed|not a database|hmac|corrupt/i;

function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function isDamage(e: unknown): boolean {
  if (e instanceof AppError) return e.code === 'STORE_DAMAGED';
  return DAMAGED_CODES.test(codeOf(e)) || (codeOf(e).startsWith('SQLITE_') && DAMAGED_MESSAGES.test(messageOf(e)));
}

/** The typed answer for a store failure, or null when `e` is not one (a bug, answered as INTERNAL). */
/** Connection refused or reset, and PostgreSQL's class 08 (connection exception) and 57P01–57P03 (shutting down, cannot connect now). */
const UNREACHABLE_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|08...|57P0[123])$/;
/** What node-postgres throws, without a code, when the server closes a connection under it. */
const UNREACHABLE_MESSAGES = /^(Connection terminated|Client has encountered a connection error|Connection ended|terminating connection)/;

export const isUnreachable = (e: unknown): boolean => UNREACHABLE_CODES.test(codeOf(e)) || (!codeOf(e) && e instanceof Error && UNREACHABLE_MESSAGES.test(e.message));

export function storeFailureOf(e: unknown): AppError | null {
  if (e instanceof AppError) return ['STORE_DAMAGED', 'STORE_FULL', 'STORE_READ_ONLY', 'STORE_UNAVAILABLE'].includes(e.code) ? e : null;
  const code = codeOf(e);
  if (isUnreachable(e)) return new AppError('STORE_UNAVAILABLE');
  // PostgreSQL's serialisation failure or deadlock still there after the engine's retries: writers
  // contending for the same rows. Nothing was committed; the desktop retries with the same key.
  if (code === '40001' || code === '40P01') return new AppError('STORE_UNAVAILABLE', 'The broker is too busy to finish this just now. Nothing was changed: try again shortly.');
  if (isDamage(e)) return new AppError('STORE_DAMAGED');
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') return new AppError('STORE_FULL');
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new AppError('STORE_READ_ONLY');
  // SQLite reports a failed write as an I/O error; the operating system's reason tells which one.
  if (code.startsWith('SQLITE_IOERR') && /no space|disk is full/i.test(messageOf(e))) return new AppError('STORE_FULL');
  return null;
}
