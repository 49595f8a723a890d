/**
 * Builds the `rab` command line (electron/core/cli/main.ts) to out/cli/rab.mjs, which bin/rab.mjs
 * runs, with its worker threads' modules and shared chunks beside it: no TypeScript compiler at
 * run time. Vite's server-side build leaves every package in node_modules (two are native), and targets Node 20, the oldest Node
 * the command line supports.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(import.meta.dirname, 'out/cli'),
    emptyOutDir: true,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      // Worker threads start from a file of their own (electron/core/threads/start-core-worker.ts):
      // each worker module is an entry beside rab.mjs, and code they share goes into chunks there.
      input: {
        rab: resolve(import.meta.dirname, 'electron/core/cli/main.ts'),
        'chain-range-worker': resolve(import.meta.dirname, 'electron/core/audit/chain-range-worker.ts'),
        'check-rows-worker': resolve(import.meta.dirname, 'electron/core/import/check-rows-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
  logLevel: 'warn',
});
