/* global module */
'use strict';
/**
 * electron-builder afterPack hook: flips the Electron fuses in the packaged binary (SECURITY.md
 * item 14). It runs after the app is copied into place and before signing, which is the only
 * moment that works: flipping fuses changes the binary, so it must happen before the signature.
 *
 * The fuses turn off every way of running the packaged binary as something other than this app:
 * as plain Node (RunAsNode), with injected Node options or a debugger (NODE_OPTIONS, --inspect),
 * or with app code from outside the signed, integrity-checked app.asar.
 */

/**
 * Fuse name → wanted state. Every fuse Electron 45 has is listed, so none is left to its default.
 * WasmTrapHandlers (new in the wire since Electron 41) stays on, as Electron ships it: it is how V8
 * bounds-checks WebAssembly memory, and turning it off only makes those checks slower.
 */
const FUSES = Object.freeze({
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

/** electron-builder's Arch enum values for which macOS needs its ad-hoc signature redone. */
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

/**
 * The @electron/fuses configuration for a platform. `fuses` is the @electron/fuses module, passed in
 * so this stays a pure function of its inputs.
 */
function fuseConfig(fuses, electronPlatformName, arch) {
  const config = {
    version: fuses.FuseVersion.V1,
    // Fail the build if Electron adds a fuse this file does not decide.
    strictlyRequireAllFuses: true,
    // Apple silicon refuses to start an unsigned binary whose ad-hoc signature no longer matches.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' && (arch === ARCH_ARM64 || arch === ARCH_UNIVERSAL),
  };
  for (const [name, on] of Object.entries(FUSES)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse "${name}".`);
    config[index] = on;
  }
  return config;
}

/** Where the Electron binary holding the fuse wire is, inside electron-builder's output folder. */
function electronBinaryPath(context, pathJoin) {
  const { appOutDir, electronPlatformName, packager } = context;
  const join = (name) => pathJoin(appOutDir, name);
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(`${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(`${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(packager.executableName);
    default:
      throw new Error(`No fuse settings for platform "${electronPlatformName}".`);
  }
}

async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const { join } = await import('node:path');
  const binary = electronBinaryPath(context, join);
  await fuses.flipFuses(binary, fuseConfig(fuses, context.electronPlatformName, context.arch));
}

module.exports = { default: afterPack, afterPack, FUSES, fuseConfig, electronBinaryPath };
