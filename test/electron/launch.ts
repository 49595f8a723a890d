/**
 * Starts the built desktop app (out/main/index.js) with a user-data folder of its own, so each
 * test file begins from first run and never touches anyone's real store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';

const repository = fileURLToPath(new URL('../../', import.meta.url));

export interface LaunchedApp {
  app: ElectronApplication;
  window: Page;
  userData: string;
  close(): Promise<void>;
}

export async function launchDesktopApp(userData = mkdtempSync(join(tmpdir(), 'rab-e2e-'))): Promise<LaunchedApp> {
  const app = await electron.launch({
    // Chromium refuses to start as root with its OS sandbox (CI containers); the renderer is
    // still sandboxed by webPreferences, which the start-up test checks.
    args: [join(repository, 'out', 'main', 'index.js'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: repository,
    env: { ...process.env, RAB_USER_DATA_DIR: userData, ELECTRON_RENDERER_URL: '' },
  });
  const window = await app.firstWindow();
  return {
    app,
    window,
    userData,
    close: async () => {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
