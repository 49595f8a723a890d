/**
 * Part of `npm run bench`: times the compiled `rab audit verify` on the benchmark's encrypted store,
 * as an administrator runs it (its own process, the key from the keychain, a cold page cache),
 * walking the chain in one thread and in worker threads (one per core). CPU is the child's user and
 * system time from /proc (Linux): on a shared machine, the work itself without the waiting.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import buildCliIfStale from '../test/helpers/build-cli';

const RAB = resolve(import.meta.dirname, '../bin/rab.mjs');

export interface VerifyRun {
  workers: number;
  events: number;
  wallS: number;
  /** CPU seconds of the child (all its threads), or NaN where /proc is not there. */
  cpuS: number;
}

/** User + system seconds of this process's waited-for children (fields 16 and 17 of /proc/self/stat). */
function childrenCpuS(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function verifyOnce(storePath: string, workers: number): Promise<VerifyRun> {
  const cpuFrom = childrenCpuS();
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [RAB, 'audit', 'verify', '--store', storePath, '--workers', String(workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      const events = Number(/verified: (\d+) events/.exec(out)?.[1]);
      if (code !== 0 || !events) return fail(new Error(`rab audit verify --workers ${workers} failed (${code}): ${out}`));
      done({ workers, events, wallS, cpuS: childrenCpuS() - cpuFrom });
    });
  });
}

/** One walk in a single thread, then one in a thread per core. */
export async function benchAuditVerify(storePath: string): Promise<{ single: VerifyRun; threads: VerifyRun }> {
  await buildCliIfStale();
  const single = await verifyOnce(storePath, 1);
  const threads = await verifyOnce(storePath, Math.max(2, availableParallelism()));
  return { single, threads };
}
