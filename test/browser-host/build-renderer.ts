/**
 * Builds what the browser host serves: the renderer (the same Vite build as the desktop app's,
 * without Electron) and the bridge as one classic script. The output goes under node_modules/.cache,
 * outside out/, so nothing of the host can end up in the packaged app.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, createLogger, type Logger } from 'vite';
import { HOST_CHANNELS } from './bridge/host-channels';

const ROOT = resolve(import.meta.dirname, '../..');
export const BROWSER_HOST_BUILD = resolve(ROOT, 'node_modules/.cache/rab-browser-host');

/**
 * GOV.UK Frontend's compiled CSS names font and icon files by absolute /assets/ paths the app does
 * not use (it uses Arial, see renderer/src/styles/app.css), and carries an old IE media hack that
 * esbuild remarks on; zod carries comments Rollup drops. Those known remarks are left out.
 */
const KNOWN_NOISE = [/\/assets\/(fonts|images)\/.* didn't resolve at build time/, /css-syntax-error|@media screen\\0/, /contains an annotation that Rollup cannot interpret/];

function quietLogger(): Logger {
  const logger = createLogger('warn');
  const warn = logger.warn.bind(logger);
  const warnOnce = logger.warnOnce.bind(logger);
  const known = (message: string) => KNOWN_NOISE.some((noise) => noise.test(message));
  logger.warn = (message, options) => (known(message) ? undefined : warn(message, options));
  logger.warnOnce = (message, options) => (known(message) ? undefined : warnOnce(message, options));
  return logger;
}

export async function buildForBrowserHost(outDir = BROWSER_HOST_BUILD): Promise<string> {
  await build({
    configFile: false,
    root: resolve(ROOT, 'renderer'),
    base: '/',
    customLogger: quietLogger(),
    plugins: [react()],
    build: { outDir, emptyOutDir: true, sourcemap: true, reportCompressedSize: false },
  });
  await build({
    configFile: false,
    root: ROOT,
    customLogger: quietLogger(),
    define: { __HOST_CHANNELS__: JSON.stringify(HOST_CHANNELS) },
    build: {
      outDir,
      emptyOutDir: false,
      sourcemap: true,
      reportCompressedSize: false,
      rollupOptions: { onwarn: (warning, warn) => (warning.code === 'INVALID_ANNOTATION' ? undefined : warn(warning)) },
      lib: { entry: resolve(import.meta.dirname, 'bridge/bridge.ts'), formats: ['iife'], name: 'brokerBridge', fileName: () => 'bridge.js' },
    },
  });
  return outDir;
}
