/**
 * What the environment may change at launch, decided once. A packaged app takes nothing from the
 * environment: development mode and a different user-data folder exist only for unpackaged runs
 * (`npm run dev`, `npm start`, the end-to-end tests).
 */
import { isAbsolute } from 'node:path';
import type { PageOrigins } from './trusted-sender';

export interface LaunchEnvironment {
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Development mode: unpackaged, and electron-vite's dev server URL is a loopback http(s) URL. */
export function pageOriginsFor({ isPackaged, env }: LaunchEnvironment): PageOrigins {
  const raw = env['ELECTRON_RENDERER_URL'];
  if (isPackaged || !raw) return { isDev: false, devServerUrl: null };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { isDev: false, devServerUrl: null };
  }
  const loopback = (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  return loopback ? { isDev: true, devServerUrl: url.href } : { isDev: false, devServerUrl: null };
}

/** RAB_USER_DATA_DIR, honoured only unpackaged and only as an absolute path. */
export function userDataOverride({ isPackaged, env }: LaunchEnvironment): string | null {
  const dir = env['RAB_USER_DATA_DIR'];
  if (isPackaged || !dir || !isAbsolute(dir)) return null;
  return dir;
}
