/**
 * Builds the `rab` command line (electron/core/cli/main.ts) to one JavaScript module,
 * out/cli/rab.mjs, which bin/rab.mjs runs: no TypeScript compiler at run time. Vite's server-side
 * build leaves every package in node_modules (two are native), and targets Node 20, the oldest Node
 * the command line supports.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'electron/core/cli/main.ts'),
    target: 'node20',
    outDir: resolve(import.meta.dirname, 'out/cli'),
    emptyOutDir: true,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'rab.mjs', inlineDynamicImports: true } },
  },
  logLevel: 'warn',
});
