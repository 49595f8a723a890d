/**
 * `rab audit verify` on an embedded store, in parallel: the chain is cut into consecutive ranges,
 * and worker threads (one per core by default), each on its own read-only connection, check them.
 * A range is checked against the stored hash of the event just before it, and that event's own
 * hash is checked by the range before, so the ranges together prove exactly what one walk from the
 * first event proves, and the first bad event and the count before it come out the same.
 * Ranges are handed out in order and none after a broken one is started.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { startCoreWorker } from '../threads/start-core-worker';
import type { ChainRangeReply, ChainRangeRequest, ChainWorkerData } from './chain-range-messages';
import { verifyStoreAuditChain, type AuditChainResult, type RangeCheck } from './verify-chain';

/** Below this many events, starting threads costs more than it saves: the chain is walked here. */
export const PARALLEL_FROM_EVENTS = 200_000;
/** Ranges per worker: enough that a thread slowed by a busy machine does not hold up the end. */
const RANGES_PER_WORKER = 4;

export interface ParallelVerifyOptions {
  /** Worker threads; by default one per core. 1 walks the chain in this thread. */
  workers?: number;
  /** Events per range; by default the chain split evenly, RANGES_PER_WORKER ranges per worker. */
  rangeSize?: number;
  /** Verify in threads whatever the chain's length (tests, `--workers`). */
  always?: boolean;
}

/** Cuts [1, last] into consecutive ranges of `size` events. */
export function chainRanges(last: number, size: number): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  for (let from = 1; from <= last; from += size) ranges.push({ from, to: Math.min(last, from + size - 1) });
  return ranges;
}

/**
 * `db` is the caller's connection to the store at `path` (opened and proven with `keyHex`), used to
 * find the chain's end; each worker opens its own.
 */
export async function verifyStoreAuditChainInWorkers(db: Database, path: string, keyHex: string, o: ParallelVerifyOptions = {}): Promise<AuditChainResult> {
  const workers = Math.max(1, Math.floor(o.workers ?? availableParallelism()));
  const last = (db.prepare('SELECT ifnull(max(seq), 0) FROM audit_events').pluck().get() as number) ?? 0;
  if (last === 0 || (!o.always && (workers === 1 || last < PARALLEL_FROM_EVENTS))) return verifyStoreAuditChain(db);
  const size = Math.max(1, Math.floor(o.rangeSize ?? Math.ceil(last / (workers * RANGES_PER_WORKER))));
  const ranges = chainRanges(last, size);
  const results = await checkRanges(ranges, Math.min(workers, ranges.length), { path, keyHex });
  return combine(results);
}

/** The ranges' checks in order, up to and including the first broken one. */
function combine(results: RangeCheck[]): AuditChainResult {
  let checked = 0;
  for (const r of results) {
    checked += r.checked;
    if (r.bad) return { ok: false, checked, firstBadSeq: r.bad.seq, problem: r.bad.problem };
  }
  return { ok: true, checked };
}

function checkRanges(ranges: { from: number; to: number }[], threads: number, data: ChainWorkerData): Promise<RangeCheck[]> {
  return new Promise((resolve, reject) => {
    const results: (RangeCheck | undefined)[] = ranges.map(() => undefined);
    const pool: Worker[] = [];
    let next = 0;
    /** The first broken range so far: nothing after it needs checking. */
    let brokenAt = ranges.length;
    let settled = false;

    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      // A thread still checking a range finishes it, then stops.
      for (const w of pool) w.postMessage({ kind: 'stop' } satisfies ChainRangeRequest);
      // An error thrown in a thread may arrive as a plain object with only a code (a SqliteError cannot cross).
      const { message, code } = (error ?? {}) as { message?: string; code?: string };
      if (error) reject(new Error(`An audit verification thread failed: ${message ?? code ?? String(error)}`));
      else resolve(results.slice(0, brokenAt + 1).filter((r): r is RangeCheck => r !== undefined));
    };
    const allBeforeBreakDone = () => results.slice(0, Math.min(brokenAt + 1, ranges.length)).every((r) => r !== undefined);
    const send = (w: Worker) => {
      if (next > brokenAt || next >= ranges.length) return;
      const index = next++;
      const request: ChainRangeRequest = { kind: 'range', index, ...ranges[index]! };
      w.postMessage(request);
    };

    for (let i = 0; i < threads; i++) {
      const w = startCoreWorker(import.meta.url, 'chain-range-worker', data satisfies ChainWorkerData);
      pool.push(w);
      w.on('message', (reply: ChainRangeReply) => {
        if (reply.kind === 'failed') return finish(new Error(reply.message));
        const { index, kind: _kind, ...check } = reply;
        results[index] = check;
        if (check.bad && index < brokenAt) brokenAt = index;
        if (allBeforeBreakDone()) finish();
        else send(w);
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`it stopped (exit code ${code}) before its work was done`));
      });
      send(w);
    }
  });
}
