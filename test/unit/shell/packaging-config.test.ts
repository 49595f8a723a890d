import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
const load = (): Promise<Configuration> => getConfig(projectDir, 'electron-builder.yml', null);

describe('electron-builder.yml (packaging cannot run here, so its configuration is checked)', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS', async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('flips the fuses in the afterPack hook, which exists, and not a second time through electronFuses', async () => {
    const config = await load();
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    expect(existsSync(new URL('../../../build/after-pack.cjs', import.meta.url))).toBe(true);
    expect(config.electronFuses).toBeUndefined();
  });

  it('packs the app into an asar (OnlyLoadAppFromAsar needs one) and unpacks native modules', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('rebuilds the native modules for Electron while packaging', async () => {
    const config = await load();
    expect(config.npmRebuild).toBe(true);
  });

  it('ships only the built app, never sources, source maps or the command line', async () => {
    const config = await load();
    expect(config.files).toEqual([{ filter: ['out/**/*', 'package.json', '!out/**/*.map', '!out/cli/**'] }]);
  });

  it('never downloads updates by itself and keeps the store on uninstall', async () => {
    const config = await load();
    expect(config.publish).toBeNull();
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it('signs macOS builds with the hardened runtime', async () => {
    const config = await load();
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(existsSync(new URL(`../../../${config.mac?.entitlements}`, import.meta.url))).toBe(true);
  });
});
