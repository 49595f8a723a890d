/**
 * Every call is all or nothing. Most calls run, with everything they read and write, inside one
 * write transaction of the store's engine (BEGIN IMMEDIATE on SQLite; SERIALIZABLE on PostgreSQL,
 * where a serialisation failure runs the whole call again). The calls named in OWN_TRANSACTIONS
 * wait on something slow outside the store (a password check, an import): holding a transaction
 * across that would hold up every other caller, so each of their changes is its own transaction,
 * and sign-in hands its session over inside the transaction that records it.
 *
 * - A deliberate refusal (an AppError such as BAD_CREDENTIALS or DUPLICATE_REQUEST) commits what
 *   it recorded, as the lockout rules require for a refused password.
 * - Anything else (a bug answered as INTERNAL, a damaged page, a full or read-only disk) rolls the
 *   whole call back and undoes any session it started, so "nothing was changed" is true.
 *
 * Calls in READ_ONLY run in a read transaction instead: one snapshot, no write lock.
 *
 * When another process holds the embedded store's write lock for long (a `rab import` of a large
 * set), a call waits at most a second for it and then runs statement by statement, so reading stays
 * possible meanwhile.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelName, Result } from '../../../shared/contract';
import type { Connection, SessionService } from '../auth/sessions';
import { WriteLockBusy } from '../store/engine/engine';
import type { Db } from '../store/sql';

/**
 * On PostgreSQL, calls that write take turns (an advisory lock around the transaction), as they do
 * on the embedded store: nearly every one appends to the one audit chain, so two at once conflict
 * anyway, and under load the SERIALIZABLE retries of the losers cost more than waiting in turn.
 */
const CALL_WRITES = 'call-writes';

/** How long a call waits for another process's write lock before running without its own transaction. */
const LOCK_WAIT_MS = 1000;

/** Answers after which the call's changes are rolled back rather than committed. */
const ROLLBACK_CODES = new Set(['INTERNAL', 'STORE_DAMAGED', 'STORE_FULL', 'STORE_READ_ONLY', 'STORE_UNAVAILABLE']);

export const keepsChangesOnFailure = (e: unknown): boolean => e instanceof AppError && !ROLLBACK_CODES.has(e.code);

/** Calls that check a password or run an import: their services keep each change in a transaction of its own. */
export const OWN_TRANSACTIONS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'auth.signIn', 'auth.unlock', 'auth.changePassword', 'emergency.open',
  'admin.createUser', 'admin.setRoles', 'admin.setActive', 'admin.resetPassword', 'admin.updatePolicy', 'admin.runImport',
  'admin.transferCase', 'admin.addLao', 'admin.endLao', 'admin.auditExport', 'admin.acknowledgeClock',
]);

/**
 * Calls that only read: they run in one read transaction (a READ ONLY snapshot on PostgreSQL, which
 * also refuses any write one of them might attempt), never take the write lock, never fail a
 * serialisation check and so never run twice. Reads of record sections are not here: each is
 * audited, a write. A server answers these without an idempotency journal: a read retried reads again.
 */
export const READ_ONLY: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'notifications.list',
  'requests.mine', 'requests.get', 'requests.inbox', 'requests.hubQueue', 'requests.reviewQueue',
  'grants.mine', 'grants.get',
  'people.search', 'people.get', 'people.programme', 'people.myProgrammes',
  'caseload.mine', 'caseload.whoCanSee', 'caseload.listAbsences', 'caseload.listDeputies', 'caseload.findStaff',
  'emergency.reviewQueue',
  'admin.listUsers', 'admin.getPolicy', 'admin.listLao', 'admin.auditList', 'admin.clockStatus',
]);

/**
 * What a server remembers of calls sent with an idempotency key (server/idempotent-calls.ts). Both
 * run inside the call's own transaction, so the answer is kept if and only if the call's changes
 * are: a retry then either finds the first answer or finds that nothing happened.
 */
export interface CallJournal {
  /** Claims the call, or answers the first answer when it already ran. */
  recall(): Promise<Result<unknown> | null>;
  /** Keeps the answer of a call that ran (a success, or a refusal that keeps what it recorded). */
  keep(answer: Result<unknown>): Promise<void>;
}

type Outcome<T> = { value: T } | { refusal: unknown } | { recalled: Result<unknown> };

/** The call's outcome, journaled when a journal is given: a recalled answer stops it before it runs. */
async function journaled<T>(call: () => Promise<T>, journal: CallJournal | undefined): Promise<Outcome<T>> {
  const recalled = journal ? await journal.recall() : null;
  if (recalled) return { recalled };
  try {
    const value = await call();
    await journal?.keep({ ok: true, value });
    return { value };
  } catch (e) {
    if (!keepsChangesOnFailure(e)) throw e;
    await journal?.keep({ ok: false, error: (e as AppError).toShape() });
    return { refusal: e };
  }
}

/** What the caller is answered: the value, the refusal thrown, or the first answer as it was. */
function settle<T>(outcome: Outcome<T>): T | Result<unknown> {
  if ('refusal' in outcome) throw outcome.refusal;
  if ('recalled' in outcome) return outcome.recalled;
  return outcome.value;
}

/** A recalled answer, told apart from a value so dispatch answers it exactly as it was first answered. */
export class Recalled {
  constructor(readonly answer: Result<unknown>) {}
}

/**
 * Runs a call inside one write transaction on `db`, committing or rolling back as described above.
 * While this process's own import holds the embedded store's write lock on its second connection,
 * the call runs statement by statement instead: waiting for that lock would only stall the import.
 */
export async function inCallTransaction<T>(db: Db, conn: Connection, sessions: SessionService, call: () => Promise<T>, o: { otherWriterBusy?: boolean; journal?: CallJournal; readOnly?: boolean } = {}): Promise<T | Recalled> {
  // A read needs no write lock, so another writer (an import) never holds it up; a journal writes.
  if (o.readOnly && !o.journal) return await db.read(() => call());
  const sessionBefore = conn.sessionId;
  const undoSession = () => {
    if (conn.sessionId !== sessionBefore) {
      sessions.end(conn.sessionId);
      conn.sessionId = sessionBefore;
    }
  };
  const answer = (outcome: Outcome<T>): T | Recalled => {
    const settled = settle(outcome);
    return 'recalled' in outcome ? new Recalled(settled as Result<unknown>) : (settled as T);
  };
  if (o.otherWriterBusy) return answer(await journaled(call, o.journal));
  try {
    const outcome = await db.write(async () => {
      // A retried transaction (PostgreSQL) starts from the session the call began with.
      undoSession();
      return journaled(call, o.journal);
    }, { lockWaitMs: LOCK_WAIT_MS, serialise: [CALL_WRITES] });
    return answer(outcome);
  } catch (e) {
    if (e instanceof WriteLockBusy) return answer(await journaled(call, o.journal));
    if (!keepsChangesOnFailure(e)) undoSession();
    throw e;
  }
}
