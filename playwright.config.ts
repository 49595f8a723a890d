/**
 * End-to-end tests on Chromium through the browser host (scripts/test-browser.sh builds the
 * renderer first). The system Chromium is used; Playwright never downloads a browser. Each test
 * starts its own host, so two workers never share a store or a clock.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  workers: 2,
  fullyParallel: true,
  retries: 0,
  // Scaled for a 2-core machine shared with other builds: a step that takes 2 s alone can take 20.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--lang=en-GB'],
    },
  },
});
