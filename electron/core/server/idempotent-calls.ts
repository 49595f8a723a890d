/**
 * A retried call with the same idempotency key gets the first call's answer instead of acting
 * again, whichever server the retry reaches and even after a restart: answers are kept in the
 * database (`idempotent_calls`, migration 0009), found by the SHA-256 of the caller's scope and the
 * key. The scope is the caller's token hash (or, before sign-in, their address), so one caller can
 * never read another's answer; a key sent again with a different call is refused.
 *
 * - Most calls run in one transaction: the claim, the call's changes and its answer commit together
 *   (CallJournal), so a retry finds either the first answer or no trace at all. A retry racing the
 *   first call on another server waits on the claimed row and then reads the answer.
 * - Calls that check a password keep their changes in transactions of their own (call-atomicity.ts),
 *   so they claim the key first, answer afterwards, and a retry meanwhile waits for that answer.
 *   The server running the call renews its claim every quarter of ABANDONED_MS, so however long the
 *   call takes (a large import) a retry waits for it; a claim nobody renewed for ABANDONED_MS was
 *   left by a server that died mid-call, and the retry takes it over and runs the call.
 * - A sign-in's answer carries a new session token: it is kept encrypted under a key derived from
 *   the idempotency key, which only the caller holds, never in the clear.
 * - Answers are kept for KEEP_MS (far longer than any client retries), then deleted by `forgetOld`.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Result } from '../../../shared/contract';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { CallJournal } from '../rpc/call-atomicity';
import { one, run, sql, type Db } from '../store/sql';

/** Keys are what clients generate: UUIDs or similar, 16–128 safe characters. */
export const IDEMPOTENCY_KEY_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
/** How long an answer is kept for retries. */
export const KEEP_MS = 24 * 60 * 60 * 1000;
/** A claim without an answer, not renewed for this long, was left by a server that stopped mid-call. */
export const ABANDONED_MS = 2 * 60 * 1000;
/** Answers after which nothing was changed: a retry may act for real, so they are not kept. */
const NOT_KEPT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL', 'STORE_DAMAGED', 'STORE_FULL', 'STORE_READ_ONLY', 'STORE_UNAVAILABLE']);

export interface CallIdentity {
  /** `token:<token hash>` or `address:<ip>`. */
  scope: string;
  key: string;
  channel: string;
  input: unknown;
}

export interface CallAnswer {
  result: Result<unknown>;
  /** A session token handed out by this call (sign-in), sent in a header, never in the body. */
  issuedToken: string | null;
}

interface Row {
  channel: string;
  input_hash: string;
  claimed_at: number;
  answer: string | null;
  sealed_token: string | null;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const callHashOf = (id: CallIdentity): string => sha256(`${id.scope}\u0000${id.key}`);
const inputHashOf = (id: CallIdentity): string => sha256(`${id.channel}\u0000${JSON.stringify(id.input ?? null)}`);

const sealingKey = (id: CallIdentity): Buffer => Buffer.from(hkdfSync('sha256', id.key, id.scope, 'rab sign-in token', 32));

function seal(token: string, id: CallIdentity): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(id), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function unseal(sealed: string, id: CallIdentity): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(id), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}

const refusal = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: new AppError(code, message).toShape() });
const REUSED_KEY = refusal('INVALID_INPUT', 'This Idempotency-Key was first sent with a different call. Use a new key for a new call; nothing was done.');

/** Whether an answer should be kept: anything but a failure that changed nothing. */
export const isKept = (result: Result<unknown>): boolean => result.ok || !NOT_KEPT.has(result.error.code as ErrorCode);

export class IdempotentCalls {
  /** Calls under way on this server, so a retry arriving meanwhile waits for the same answer. */
  private readonly inFlight = new Map<string, Promise<CallAnswer>>();

  /**
   * `abandonedMs`: how long an unanswered claim that nobody renews is waited for (ABANDONED_MS; a
   * server renews the claims of its calls under way every quarter of it).
   */
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly abandonedMs: number = ABANDONED_MS,
  ) {}

  /**
   * The answer to a call run in one transaction: `work` gets the journal to pass to dispatch and
   * answers what dispatch answered (a recalled answer included).
   */
  inOneTransaction(id: CallIdentity, work: (journal: CallJournal) => Promise<CallAnswer>): Promise<CallAnswer> {
    return this.shared(id, async (callHash) => {
      const journal: CallJournal = {
        recall: async () => {
          if (await this.claim(id, callHash)) return null;
          const row = await this.rowOf(callHash);
          if (!row || row.input_hash !== inputHashOf(id)) return REUSED_KEY;
          // Unanswered here means a password call holds the key: another call, however alike.
          return row.answer === null ? REUSED_KEY : (JSON.parse(row.answer) as Result<unknown>);
        },
        keep: async (answer) => void (await run(this.db, sql`UPDATE idempotent_calls SET answer = ${JSON.stringify(answer)} WHERE call_hash = ${callHash}`)),
      };
      const answer = await work(journal);
      // A failure that rolled the call back also rolled back the claim, except where the call ran
      // statement by statement (another writer held the embedded store): clear that claim too.
      if (!isKept(answer.result)) await this.forget(callHash).catch(() => undefined);
      return answer;
    });
  }

  /** The answer to a call that keeps its own transactions (sign-in, unlock…): claimed, run, answered. */
  claimedFirst(id: CallIdentity, work: () => Promise<CallAnswer>): Promise<CallAnswer> {
    return this.shared(id, async (callHash) => {
      for (let pause = 25; ; pause = Math.min(pause * 2, 500)) {
        if (await this.claim(id, callHash)) break;
        const row = await this.rowOf(callHash);
        if (row) {
          if (row.input_hash !== inputHashOf(id)) return { result: REUSED_KEY, issuedToken: null };
          if (row.answer !== null) return { result: JSON.parse(row.answer) as Result<unknown>, issuedToken: row.sealed_token ? unseal(row.sealed_token, id) : null };
          const takenOver = await run(this.db, sql`UPDATE idempotent_calls SET claimed_at = ${this.now()} WHERE call_hash = ${callHash} AND answer IS NULL AND claimed_at = ${row.claimed_at} AND claimed_at <= ${this.now() - this.abandonedMs}`);
          if (takenOver.changes === 1) break;
        }
        // Another server is running this very call: its answer is written when it finishes.
        await new Promise((r) => setTimeout(r, pause));
      }
      // Renewed while the call runs: a call outliving abandonedMs is still this server's to answer.
      const renewal = setInterval(() => void this.renew(callHash).catch(() => undefined), this.abandonedMs / 4);
      let answer: CallAnswer;
      try {
        answer = await work();
      } catch (e) {
        await this.forget(callHash).catch(() => undefined);
        throw e;
      } finally {
        clearInterval(renewal);
      }
      if (!isKept(answer.result)) await this.forget(callHash).catch(() => undefined);
      else {
        const sealed = answer.issuedToken ? seal(answer.issuedToken, id) : null;
        await run(this.db, sql`UPDATE idempotent_calls SET answer = ${JSON.stringify(answer.result)}, sealed_token = ${sealed} WHERE call_hash = ${callHash}`);
      }
      return answer;
    });
  }

  /** Deletes answers older than KEEP_MS; answers how many. */
  async forgetOld(): Promise<number> {
    return (await run(this.db, sql`DELETE FROM idempotent_calls WHERE claimed_at < ${this.now() - KEEP_MS}`)).changes;
  }

  private shared(id: CallIdentity, work: (callHash: string) => Promise<CallAnswer>): Promise<CallAnswer> {
    const callHash = callHashOf(id);
    const running = this.inFlight.get(callHash);
    if (running) return running;
    const answer = work(callHash).finally(() => this.inFlight.delete(callHash));
    this.inFlight.set(callHash, answer);
    return answer;
  }

  /** True when this call now holds the key (nobody had sent it before). */
  private async claim(id: CallIdentity, callHash: string): Promise<boolean> {
    const claimed = await run(this.db, sql`INSERT INTO idempotent_calls (call_hash, channel, input_hash, claimed_at) VALUES (${callHash}, ${id.channel}, ${inputHashOf(id)}, ${this.now()}) ON CONFLICT (call_hash) DO NOTHING`);
    return claimed.changes === 1;
  }

  private rowOf(callHash: string): Promise<Row | undefined> {
    return one<Row>(this.db, sql`SELECT channel, input_hash, claimed_at, answer, sealed_token FROM idempotent_calls WHERE call_hash = ${callHash}`);
  }

  private async renew(callHash: string): Promise<void> {
    await run(this.db, sql`UPDATE idempotent_calls SET claimed_at = ${this.now()} WHERE call_hash = ${callHash} AND answer IS NULL`);
  }

  private async forget(callHash: string): Promise<void> {
    await run(this.db, sql`DELETE FROM idempotent_calls WHERE call_hash = ${callHash} AND answer IS NULL`);
  }
}
