/**
 * A worker thread of `rab audit verify`: opens its own read-only connection to the store with the
 * key its parent hands it (never written anywhere), then checks each range of the chain it is sent
 * against the stored hash just before that range, reading rows raw and hashing in one pass.
 * Started by verify-chain-in-workers.ts; compiled to out/cli/chain-range-worker.mjs for `rab`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbeddedConnection } from '../store/embedded-connection';
import { openReadOnlyConnection } from '../store/open-store';
import { hashBefore, verifyRange } from './verify-chain';
import type { ChainRangeReply, ChainRangeRequest, ChainWorkerData } from './chain-range-messages';

// A one-pass scan never reads a page twice: the app's large page cache would only cost memory.
const SCAN_CACHE_KIB = 8 * 1024;

const port = parentPort!;
// A driver error loses its message crossing to the parent as a thread error, so failures are sent as replies.
const failed = (e: unknown): ChainRangeReply => ({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });

let db: EmbeddedConnection | null = null;
try {
  const { path, keyHex } = workerData as ChainWorkerData;
  db = openReadOnlyConnection(path, keyHex);
  db.pragma(`cache_size=-${SCAN_CACHE_KIB}`);
} catch (e) {
  port.postMessage(failed(e));
}

port.on('message', (request: ChainRangeRequest) => {
  if (request.kind === 'stop' || !db) {
    db?.close();
    port.close();
    return;
  }
  try {
    // An event missing just before the range is named by the range before; '' then fails this range's first link harmlessly.
    const start = hashBefore(db, request.from) ?? '';
    port.postMessage({ kind: 'checked', index: request.index, ...verifyRange(db, request.from, request.to, start) } satisfies ChainRangeReply);
  } catch (e) {
    port.postMessage(failed(e));
  }
});
