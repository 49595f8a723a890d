/**
 * A worker thread of the import: reads and checks the files it is sent, one after another
 * (check-file-rows.ts), and posts each batch of events to the importer, which keys, checks
 * references and writes them in its own thread. It runs at most BATCHES_AHEAD batches ahead of the
 * importer, so a thread that reads faster than the store is written holds little memory.
 * Started by check-rows-in-workers.ts; compiled to out/cli/check-rows-worker.mjs for `rab`.
 */
import { parentPort } from 'node:worker_threads';
import { checkFileRows } from './check-file-rows';
import type { CheckRowsReply, CheckRowsRequest } from './check-rows-messages';
import { EXPORT_FILES } from './export-format';

const BATCHES_AHEAD = 4;

const port = parentPort!;
const queue: Extract<CheckRowsRequest, { kind: 'check' }>[] = [];
let inFlight = 0;
let wake: (() => void) | null = null;
let running = false;

const post = (reply: CheckRowsReply) => port.postMessage(reply);

port.on('message', (request: CheckRowsRequest) => {
  if (request.kind === 'credit') {
    inFlight--;
    const w = wake;
    wake = null;
    w?.();
    return;
  }
  queue.push(request);
  void run();
});

async function run(): Promise<void> {
  if (running) return;
  running = true;
  for (let request = queue.shift(); request; request = queue.shift()) {
    try {
      const file = EXPORT_FILES.find((f) => f.name === request!.file);
      if (!file) throw new Error(`${request.file} is not an export file`);
      const rows = checkFileRows(request.path, file);
      for (let next = await rows.next(); ; next = await rows.next()) {
        if (next.done) {
          post({ kind: 'end', index: request.index, end: next.value });
          break;
        }
        while (inFlight >= BATCHES_AHEAD) await new Promise<void>((resolveWait) => (wake = resolveWait));
        inFlight++;
        post({ kind: 'events', index: request.index, events: next.value });
      }
    } catch (e) {
      // An error loses its message crossing to the parent as a thread error, so it is sent as a reply.
      post({ kind: 'failed', index: request.index, message: e instanceof Error ? e.message : String(e) });
    }
  }
  running = false;
}
