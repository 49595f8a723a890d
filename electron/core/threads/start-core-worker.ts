/**
 * Starts a worker thread on one of the core's worker modules, named relative to the module that
 * starts it. The `rab` build (vite.cli.config.ts) compiles each worker module to its own
 * `<name>.mjs` beside rab.mjs and its chunks; run from source (tests, `tsx` scripts) the module is
 * still TypeScript, so the thread first registers tsx's loader hooks for itself.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startCoreWorker(callerUrl: string, name: string, workerData: unknown, options: Pick<WorkerOptions, 'resourceLimits'> = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL('./' + name + '.mjs', callerUrl), { ...options, workerData });
  // require() resolves tsx's API to its CommonJS build, whose register() fails inside a thread;
  // the ES module build (the package's import condition) sits beside it.
  const tsxApi = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./' + name + '.ts', callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, workerData });
}
