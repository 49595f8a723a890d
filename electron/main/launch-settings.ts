/**
 * What the environment may change at launch, decided once, and the broker chosen at first run. A packaged app takes nothing from the
 * environment: development mode and a different user-data folder exist only for unpackaged runs
 * (`npm run dev`, `npm start`, the end-to-end tests).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
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

/**
 * Where this desktop's broker is, chosen at first run and kept in the user-data folder (private
 * file): its own store ("Use this computer only") or the organisation's broker, with the
 * certificate authority to trust if not the system's. No choice on file but a store present means
 * a desktop set up before the choice existed: its own store.
 */
export type BrokerChoice = { mode: 'embedded' } | { mode: 'connected'; brokerUrl: string; caPem: string | null };

export const BROKER_CHOICE_FILE = 'broker-choice.json';

const brokerChoiceShape = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('embedded') }),
  z.strictObject({ mode: z.literal('connected'), brokerUrl: z.string().min(1), caPem: z.string().nullable() }),
]);

/** The saved choice, or null before first run has made one. A damaged file is an error, never silently "first run". */
export function readBrokerChoice(userData: string): BrokerChoice | null {
  const path = join(userData, BROKER_CHOICE_FILE);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    raw = null;
  }
  const parsed = brokerChoiceShape.safeParse(raw);
  if (!parsed.success) throw new Error(`${path} is not a broker choice this app wrote; move it away to choose again.`);
  return parsed.data;
}

export function saveBrokerChoice(userData: string, choice: BrokerChoice): void {
  const path = join(userData, BROKER_CHOICE_FILE);
  // Written whole under another name, then renamed: a crash never leaves half a choice.
  writeFileSync(`${path}.new`, `${JSON.stringify(choice, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.new`, path);
}
