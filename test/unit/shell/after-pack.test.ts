import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { executableName: string; appInfo: { productFilename: string } };
}
interface AfterPackModule {
  afterPack(context: PackContext): Promise<void>;
  default(context: PackContext): Promise<void>;
  FUSES: Record<string, boolean>;
  fuseConfig(fuses: unknown, platform: string, arch: number): Record<string | number, unknown>;
  electronBinaryPath(context: PackContext, pathJoin: (...parts: string[]) => string): string;
}

const hook = createRequire(import.meta.url)('../../../build/after-pack.cjs') as AfterPackModule;
const fusesModule = { FuseV1Options, FuseVersion };
const ARCH = { x64: 1, arm64: 3, universal: 4 };
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 49;
const DISABLE = 48;
const INHERIT = 144;

const context = (appOutDir: string, electronPlatformName: string, arch = ARCH.x64): PackContext => ({
  appOutDir,
  electronPlatformName,
  arch,
  packager: { executableName: 'records-access-broker', appInfo: { productFilename: 'Records Access Broker' } },
});

describe('Electron fuses flipped at package time (SECURITY.md item 14)', () => {
  it('decides each fuse as the security bar requires', () => {
    expect(hook.FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });

  it('leaves no fuse that @electron/fuses knows to its default', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(hook.FUSES).sort()).toEqual(known.sort());
  });

  it('builds the @electron/fuses configuration by fuse index, strictly', () => {
    const config = hook.fuseConfig(fusesModule, 'linux', ARCH.x64);
    expect(config).toEqual({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.WasmTrapHandlers]: true,
    });
  });

  it('redoes the ad-hoc signature only for Apple silicon and universal macOS builds', () => {
    expect(hook.fuseConfig(fusesModule, 'darwin', ARCH.arm64).resetAdHocDarwinSignature).toBe(true);
    expect(hook.fuseConfig(fusesModule, 'darwin', ARCH.universal).resetAdHocDarwinSignature).toBe(true);
    expect(hook.fuseConfig(fusesModule, 'darwin', ARCH.x64).resetAdHocDarwinSignature).toBe(false);
    expect(hook.fuseConfig(fusesModule, 'win32', ARCH.arm64).resetAdHocDarwinSignature).toBe(false);
  });

  it('refuses a fuse name @electron/fuses does not know', () => {
    expect(() => hook.fuseConfig({ FuseVersion, FuseV1Options: { RunAsNode: 0 } }, 'linux', ARCH.x64)).toThrow(/does not know the fuse/);
  });

  it.each([
    ['linux', '/dist/linux-unpacked/records-access-broker'],
    ['win32', '/dist/win-unpacked/Records Access Broker.exe'],
    ['darwin', '/dist/mac/Records Access Broker.app'],
  ])('finds the %s binary', (platform, expected) => {
    const outDir = expected.slice(0, expected.lastIndexOf('/'));
    expect(hook.electronBinaryPath(context(outDir, platform), join)).toBe(expected);
  });
});

describe('the afterPack hook on a binary', () => {
  const tempDir = useTempDirs();

  it('writes every fuse into the wire and leaves the rest of the file alone', async () => {
    const outDir = join(tempDir(), 'linux-unpacked');
    mkdirSync(outDir);
    const before = Buffer.concat([
      Buffer.from('ELF code before'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 9, ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, INHERIT, ENABLE, DISABLE]),
      Buffer.from('code after'),
    ]);
    const binary = join(outDir, 'records-access-broker');
    writeFileSync(binary, before);

    await hook.default(context(outDir, 'linux'));

    const wire = await getCurrentFuseWire(binary);
    expect(wire).toMatchObject({
      [FuseV1Options.RunAsNode]: DISABLE,
      [FuseV1Options.EnableCookieEncryption]: ENABLE,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: DISABLE,
      [FuseV1Options.EnableNodeCliInspectArguments]: DISABLE,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ENABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: ENABLE,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: DISABLE,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: DISABLE,
      [FuseV1Options.WasmTrapHandlers]: ENABLE,
    });
    const after = readFileSync(binary);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, wireStart)).toEqual(before.subarray(0, wireStart));
    expect(after.subarray(wireStart + 9)).toEqual(before.subarray(wireStart + 9));
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const outDir = join(tempDir(), 'linux-unpacked');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'records-access-broker'), 'not electron');
    await expect(hook.afterPack(context(outDir, 'linux'))).rejects.toThrow(/sentinel/);
  });

  it('fails the build when Electron has a fuse this hook does not decide', async () => {
    const outDir = join(tempDir(), 'linux-unpacked');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'records-access-broker'), Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 10, ...Array(10).fill(INHERIT)])]));
    await expect(hook.afterPack(context(outDir, 'linux'))).rejects.toThrow(/strictlyRequireAllFuses|not long enough|Missing explicit/);
  });
});
