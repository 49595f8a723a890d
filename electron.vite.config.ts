/**
 * Builds the three parts of the desktop app into out/: the main process (ESM, dependencies left in
 * node_modules because two of them are native), the preload (one self-contained CommonJS file,
 * because a sandboxed preload can require nothing but 'electron'), and the renderer.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import {
  CONTENT_SECURITY_POLICY,
  DEVELOPMENT_CONTENT_SECURITY_POLICY,
} from './electron/main/content-security-policy';

/** Under `electron-vite dev` only: the dev server needs inline script and style (see the policy). */
const developmentCsp = (): Plugin => ({
  name: 'rab:development-csp',
  apply: 'serve',
  transformIndexHtml(html) {
    if (!html.includes(CONTENT_SECURITY_POLICY)) {
      throw new Error('renderer/index.html must carry CONTENT_SECURITY_POLICY in its meta tag.');
    }
    return html.replace(CONTENT_SECURITY_POLICY, DEVELOPMENT_CONTENT_SECURITY_POLICY);
  },
});

export default defineConfig({
  main: {
    build: {
      // Dependencies are loaded from node_modules; keytar too, though it is only optional (it reads
      // store keys left by earlier versions, electron/core/store/keytar-entries.ts).
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Bundle zod and the contract in: nothing may be required from node_modules at run time.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
    plugins: [react(), developmentCsp()],
  },
});
