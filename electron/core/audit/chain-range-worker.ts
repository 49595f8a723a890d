/**
 * A worker thread of `rab audit verify`: opens its own read-only connection to the store with the
 * key its parent hands it (never written anywhere), then checks each range of the chain it is sent
 * against the stored hash just before that range, reading rows raw and hashing in one pass.
 * Started by verify-chain-in-workers.ts; compiled to out/cli/chain-range-worker.mjs for `rab`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyConnection } from '../store/open-store';
import { hashBefore, verifyRange } from './verify-chain';
import type { ChainRangeReply, ChainRangeRequest, ChainWorkerData } from './chain-range-messages';

// A one-pass scan never reads a page twice: the app's large page cache would only cost memory.
const SCAN_CACHE_KIB = 8 * 1024;

const { path, keyHex } = workerData as ChainWorkerData;
const db = openReadOnlyConnection(path, keyHex);
db.pragma(`cache_size=-${SCAN_CACHE_KIB}`);
const port = parentPort!;

port.on('message', (request: ChainRangeRequest) => {
  // An event missing just before the range is named by the range before; '' then fails this range's first link harmlessly.
  const start = hashBefore(db, request.from) ?? '';
  const reply: ChainRangeReply = { index: request.index, ...verifyRange(db, request.from, request.to, start) };
  port.postMessage(reply);
});
