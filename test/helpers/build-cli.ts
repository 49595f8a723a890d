/**
 * vitest global setup: the command-line tests run the real launcher (bin/rab.mjs), which runs the
 * compiled out/cli/rab.mjs; this rebuilds it first whenever a source it is built from is newer, so
 * the tests never exercise a stale build. Once per test run, before any test file starts, so no two
 * builds race.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
const OUTPUT = join(ROOT, 'out/cli/rab.mjs');
const SOURCES = ['electron/core', 'shared', 'vite.cli.config.ts', 'package.json'];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

export default async function buildCliIfStale(): Promise<void> {
  const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
  if (Math.max(...SOURCES.map((s) => newestChange(join(ROOT, s)))) <= built) return;
  await build({ configFile: join(ROOT, 'vite.cli.config.ts'), logLevel: 'warn' });
}
