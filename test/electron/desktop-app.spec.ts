/**
 * The desktop app end to end, in Electron itself: start-up on a fresh machine, first run with
 * demonstration data, sign-in with a demo account and one access request. Run by
 * scripts/test-electron.sh when an Electron binary is present.
 *
 * Callbacks passed to evaluate() run in the page; they reach the page's globals through
 * `globalThis` because this file is type-checked without the DOM library.
 */
import { expect, test } from '@playwright/test';
import { launchDesktopApp, type LaunchedApp } from './launch';

interface Answer<T> {
  ok: boolean;
  value: T;
}
interface PageGlobals {
  require?: unknown;
  process?: unknown;
  open(url: string, target: string): unknown;
  location: { href: string; hash: string };
  broker: {
    auth: { status(input: object): Promise<Answer<{ state: string; user?: { username: string } }>> };
    people: {
      myProgrammes(input: object): Promise<Answer<Array<{ programmeCode: string }>>>;
      programme(input: { programmeCode: string }): Promise<Answer<{ people: Array<{ crn: string }> }>>;
    };
  };
}

test.describe.configure({ mode: 'serial' });

let launched: LaunchedApp;

test.beforeAll(async () => {
  launched = await launchDesktopApp();
});

test.afterAll(async () => {
  await launched?.close();
});

test('starts on the first-run screen in a locked-down window', async () => {
  const { app, window: page } = launched;
  await expect(page.getByRole('heading', { name: 'Set up Records Access Broker' })).toBeVisible();
  expect(page.url()).toBe('app://renderer/index.html');

  // DevTools cannot be opened in a built app, even when the main process asks.
  const devTools = await app.evaluate(async ({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    windows[0]?.webContents.openDevTools();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { windows: windows.length, opened: windows[0]?.webContents.isDevToolsOpened() };
  });
  expect(devTools).toEqual({ windows: 1, opened: false });

  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { require: typeof g.require, process: typeof g.process, brokerAreas: Object.keys(g.broker).sort() };
  });
  expect(globals.require).toBe('undefined');
  expect(globals.process).toBe('undefined');
  expect(globals.brokerAreas).toContain('auth');
  expect(globals.brokerAreas).toContain('setup');
  expect(globals.brokerAreas).not.toContain('dev');
});

test('refuses to navigate away or open windows', async () => {
  const { app, window: page } = launched;
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.open('https://example.org/', '_blank');
    g.location.href = 'https://example.org/';
  });
  await expect(page.getByRole('heading', { name: 'Set up Records Access Broker' })).toBeVisible();
  expect(page.url()).toBe('app://renderer/index.html');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('loads demonstration data and offers the demo accounts on the sign-in screen', async () => {
  const { window: page } = launched;
  await page.getByLabel('Load demonstration data').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
  // A header row and one row per role's account.
  await expect(page.getByTestId('demo-accounts').getByRole('row')).toHaveCount(7);
});

test('signs in with the demo CRC practitioner account', async () => {
  const { window: page } = launched;
  const practitioner = page.getByTestId('demo-accounts').getByRole('row').filter({ hasText: 'crc.practitioner' });
  await practitioner.getByRole('button', { name: /^Use/ }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeHidden();
  const status = await page.evaluate(() => (globalThis as unknown as PageGlobals).broker.auth.status({}));
  expect(status.ok && status.value.state).toBe('SIGNED_IN');
  expect(status.value.user?.username).toBe('crc.practitioner');
});

test('sends one access request', async () => {
  const { window: page } = launched;
  // Someone in the practitioner's own programme group: the demonstration puts NPS cases there.
  const crn = await page.evaluate(async () => {
    const { broker } = globalThis as unknown as PageGlobals;
    const programmes = await broker.people.myProgrammes({});
    const first = programmes.value[0];
    if (!first) return null;
    const group = await broker.people.programme({ programmeCode: first.programmeCode });
    return group.value.people[0]?.crn ?? null;
  });
  expect(crn).toMatch(/^X\d{6}$/);

  // In-page navigation, as the app's own links do.
  await page.evaluate((target) => {
    (globalThis as unknown as PageGlobals).location.hash = `#/people/${target}/request`;
  }, crn);
  await expect(page.getByRole('heading', { name: 'Request access to a record' })).toBeVisible();
  await page.getByLabel('RoSH summary').check();
  await page.getByLabel('What do you need it for?').selectOption('PROGRAMME_DELIVERY');
  await page.getByLabel('Why do you need it?').fill('The group programme starts on Monday and I run the sessions alone.');
  await page.getByLabel('Routine').check();
  await page.getByLabel('For how many days?').fill('14');
  await page.getByTestId('send-request').click();

  await expect(page.getByTestId('request-sent')).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/renderer\/index\.html#\/requests\/\d+\?sent=1$/);
});
