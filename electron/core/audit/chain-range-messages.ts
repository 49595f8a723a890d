/** What `rab audit verify` and its worker threads say to each other. */
import type { RangeCheck } from './verify-chain';

export interface ChainWorkerData {
  /** The store file, already opened and proven by the parent. */
  path: string;
  /** The store's key, from the parent's memory. */
  keyHex: string;
}

/**
 * Check events `from` to `to`; or stop: close the connection and end the thread. Threads are
 * never terminated from outside: ending a thread inside a driver call can abort the whole process.
 */
export type ChainRangeRequest = { kind: 'range'; index: number; from: number; to: number } | { kind: 'stop' };

export type ChainRangeReply = (RangeCheck & { kind: 'checked'; index: number }) | { kind: 'failed'; message: string };
