/**
 * Builds what the browser host serves: the renderer (the same Vite build as the desktop app's,
 * without Electron) and the bridge as one classic script. The output goes under node_modules/.cache,
 * outside out/, so nothing of the host can end up in the packaged app.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
export const BROWSER_HOST_BUILD = resolve(ROOT, 'node_modules/.cache/rab-browser-host');

export async function buildForBrowserHost(outDir = BROWSER_HOST_BUILD): Promise<string> {
  await build({
    configFile: false,
    root: resolve(ROOT, 'renderer'),
    base: '/',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, sourcemap: true, reportCompressedSize: false },
  });
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      sourcemap: true,
      reportCompressedSize: false,
      lib: { entry: resolve(import.meta.dirname, 'bridge/bridge.ts'), formats: ['iife'], name: 'brokerBridge', fileName: () => 'bridge.js' },
    },
  });
  return outDir;
}
