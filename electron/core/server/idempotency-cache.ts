/**
 * A retried call with the same idempotency key gets the first call's answer instead of acting
 * again: a desktop that lost an answer (a dropped connection, a timeout) retries safely. Calls
 * still running are shared, so a retry that arrives before the first answer waits for it. Keys are
 * scoped to the caller (their token's hash, or the address for calls made before signing in) so
 * one caller can never read another's answer. Kept in the server's memory for a bounded time and
 * number; see docs/deployment.md for what this does not cover.
 */
const DEFAULT_TTL_MS = 15 * 60 * 1000;
const DEFAULT_MAX_ENTRIES = 50_000;

/** Keys are what clients generate: UUIDs or similar, 16–128 safe characters. */
export const IDEMPOTENCY_KEY_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

interface Entry<T> {
  answer: Promise<T>;
  storedAt: number;
}

export class IdempotencyCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** The answer for `key`: the stored one if this key was seen, otherwise `work()`'s, remembered. */
  run(scope: string, key: string, work: () => Promise<T>): Promise<T> {
    const id = `${scope}\u0000${key}`;
    const at = this.now();
    const found = this.entries.get(id);
    if (found && at - found.storedAt < this.ttlMs) return found.answer;
    const answer = work();
    this.entries.set(id, { answer, storedAt: at });
    // A call that failed to answer at all (thrown, not a Result) may be retried for real.
    answer.catch(() => this.entries.delete(id));
    this.evict(at);
    return answer;
  }

  private evict(at: number): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && at - entry.storedAt < this.ttlMs) break;
      this.entries.delete(id);
    }
  }
}
