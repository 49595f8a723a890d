/**
 * Playwright configuration for the Electron end-to-end tests (test/electron). Run them through
 * scripts/test-electron.sh, which builds the app, checks that an Electron binary exists and
 * provides a keychain and a display.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  // One app at a time: each test file starts its own Electron with its own user data folder.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/electron',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
