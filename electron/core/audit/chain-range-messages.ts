/** What `rab audit verify` and its worker threads say to each other. */
import type { RangeCheck } from './verify-chain';

export interface ChainWorkerData {
  /** The store file, already opened and proven by the parent. */
  path: string;
  /** The store's key, from the parent's memory. */
  keyHex: string;
}

/** Check events `from` to `to`; the thread is ended by its parent once every range needed is checked. */
export interface ChainRangeRequest {
  index: number;
  from: number;
  to: number;
}

export type ChainRangeReply = RangeCheck & { index: number };
