import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the runner with the electron package pointed at a folder we control. */
const runWithElectronIn = (dist: string) =>
  spawnSync('bash', ['scripts/test-electron.sh'], {
    cwd: repository,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist },
  });

describe('the Electron end-to-end runner', () => {
  const tempDir = useTempDirs();

  it('says the tests were skipped, and why, when there is no Electron binary', () => {
    const result = runWithElectronIn(tempDir());
    expect(result.stdout).toMatch(/^Electron end-to-end tests skipped: no Electron binary on this machine/m);
    expect(result.status).toBe(0);
  });

  it('says the tests were skipped when the binary does not start here', () => {
    const dist = tempDir();
    const binary = join(dist, 'electron');
    writeFileSync(binary, '#!/bin/sh\nexit 127\n');
    chmodSync(binary, 0o755);
    const result = runWithElectronIn(dist);
    expect(result.stdout).toMatch(/^Electron end-to-end tests skipped: the Electron binary at .* does not run on this machine/m);
    expect(result.status).toBe(0);
  });
});
