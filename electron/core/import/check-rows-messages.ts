/** What the importer and its row-checking threads (check-rows-worker.ts) say to each other. */
import type { CheckedEvent, FileEnd } from './check-file-rows';

export type CheckRowsRequest =
  /** Check this file (one of EXPORT_FILES, by name); `index` is its place in import order. */
  | { kind: 'check'; index: number; path: string; file: string }
  /** The importer has taken one batch: the thread may send one more. */
  | { kind: 'credit' };

export type CheckRowsReply =
  | { kind: 'events'; index: number; events: CheckedEvent[] }
  | { kind: 'end'; index: number; end: FileEnd }
  | { kind: 'failed'; index: number; message: string };
