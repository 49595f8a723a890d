/**
 * Where an import's checked rows come from: the importer's own thread, or worker threads that
 * read and check files while the importer writes (check-rows-worker.ts). Either way each file's
 * events arrive in file order and files are taken in import order, so the import's report is
 * the same. A thread that stops (a crash, running out of memory) fails the import with
 * IMPORT_CHECK_FAILED; the importer then rolls back, so nothing is committed.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { startCoreWorker } from '../threads/start-core-worker';
import { checkFileRows, type CheckedEvent, type FileEnd } from './check-file-rows';
import type { CheckRowsReply, CheckRowsRequest } from './check-rows-messages';
import type { ExportFile } from './export-format';

export interface RowSource {
  /** One file's events, in file order; returns how the file ended. Call for each file in import order. */
  check(file: ExportFile): AsyncGenerator<CheckedEvent[], FileEnd>;
  /** Stops any threads; safe to call more than once. */
  close(): Promise<void>;
}

/** Reads and checks each file in the importer's own thread, as it is asked for. */
export function rowsInThisThread(folder: string): RowSource {
  return { check: (file) => checkFileRows(join(folder, file.name), file), close: async () => {} };
}

export interface WorkerOptions {
  threads: number;
  /** The most each thread's heap may grow to, so a national import keeps within its memory goal. */
  heapMiB: number;
}

type Mailbox = { replies: CheckRowsReply[]; wake: (() => void) | null };

/**
 * Starts `threads` worker threads and hands them the files in import order, each the next file
 * when it finishes one, so later files are read while earlier ones are written.
 */
export function rowsInWorkers(folder: string, files: readonly ExportFile[], opts: WorkerOptions): RowSource {
  const mailboxes = files.map((): Mailbox => ({ replies: [], wake: null }));
  const ownerOf = new Map<number, Worker>();
  let nextFile = 0;
  let failure: AppError | null = null;
  let closing = false;

  const wakeAll = () => {
    for (const m of mailboxes) {
      const w = m.wake;
      m.wake = null;
      w?.();
    }
  };
  const fail = (why: string) => {
    if (closing) return;
    failure ??= new AppError('IMPORT_CHECK_FAILED', `A thread checking the import files stopped (${why}). Nothing was imported.`);
    wakeAll();
  };
  const dispatch = (worker: Worker) => {
    if (nextFile >= files.length) return;
    const index = nextFile++;
    ownerOf.set(index, worker);
    worker.postMessage({ kind: 'check', index, path: join(folder, files[index]!.name), file: files[index]!.name } satisfies CheckRowsRequest);
  };

  const workers = Array.from({ length: Math.max(1, opts.threads) }, () => {
    const worker = startCoreWorker(import.meta.url, 'check-rows-worker', undefined, {
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMiB },
    });
    worker.on('message', (reply: CheckRowsReply) => {
      if (reply.kind === 'failed') return fail(reply.message);
      const box = mailboxes[reply.index]!;
      box.replies.push(reply);
      if (reply.kind === 'end') dispatch(worker);
      const w = box.wake;
      box.wake = null;
      w?.();
    });
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`it exited with code ${code}`));
    return worker;
  });
  for (const w of workers) dispatch(w);

  async function* check(file: ExportFile): AsyncGenerator<CheckedEvent[], FileEnd> {
    const index = files.indexOf(file);
    const box = mailboxes[index];
    if (!box) throw new Error(`${file.name} is not one of the files being checked`);
    for (;;) {
      if (failure) throw failure;
      const reply = box.replies.shift();
      if (!reply) {
        await new Promise<void>((resolveWait) => (box.wake = resolveWait));
        continue;
      }
      if (reply.kind === 'end') return reply.end;
      if (reply.kind === 'events') {
        // Taken: the thread may read one batch further while this one is written.
        ownerOf.get(index)!.postMessage({ kind: 'credit' } satisfies CheckRowsRequest);
        yield reply.events;
      }
    }
  }

  return {
    check,
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
