/** A second start with the same user data hands over to the open window and exits. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { launchDesktopApp } from './launch';

const repository = fileURLToPath(new URL('../../', import.meta.url));
/** The binary's path; read when the test runs, because require('electron') throws without one. */
const electronBinary = (): string => createRequire(import.meta.url)('electron') as string;

test('a second instance exits at once and the first keeps its one window', async () => {
  const first = await launchDesktopApp();
  try {
    await expect(first.window.getByRole('heading', { name: 'Set up Records Access Broker' })).toBeVisible();
    const second = spawnSync(electronBinary(), [join(repository, 'out', 'main', 'index.js'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])], {
      env: { ...process.env, RAB_USER_DATA_DIR: first.userData, ELECTRON_RENDERER_URL: '' },
      timeout: 30_000,
    });
    expect(second.status).toBe(0);
    expect(await first.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await first.close();
  }
});
