/**
 * What every end-to-end test gets: its own browser host, and a browser context per person (each
 * signed in through the sign-in screen, as they would be). Any Content Security Policy violation
 * in any page fails the test.
 */
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, startTestHost, type TestHost } from './test-host';

export interface Person {
  username: string;
  page: Page;
  context: BrowserContext;
  /** Signs in again after the session ended (for example when the clock moved a day). */
  signInAgain(): Promise<void>;
}

export interface OpenOptions {
  /** Give the page a clock the test can move (Playwright's fake timers), installed before it loads. */
  fakeClock?: boolean;
}

interface Fixtures {
  host: TestHost;
  people: { open(username: string, options?: OpenOptions): Promise<Person> };
  cspViolations: string[];
}

/** Signs in through the sign-in screen (with the demonstration password unless another is given). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

/** A page of its own on the host, not yet signed in; `who` names it in any CSP violation. */
export async function openPage(browser: Browser, host: TestHost, who: string, violations: string[], options: OpenOptions = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (options.fakeClock) await page.clock.install();
  // Runs in the page before its own scripts (as text: this folder is type-checked without the DOM).
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));",
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) violations.push(`${who}: ${text}`);
  });
  await page.goto(host.url);
  return { page, context };
}

export async function openPerson(browser: Browser, host: TestHost, username: string, violations: string[], options: OpenOptions = {}): Promise<Person> {
  const { page, context } = await openPage(browser, host, username, violations, options);
  await signIn(page, username);
  return {
    username,
    page,
    context,
    signInAgain: async () => {
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await signIn(page, username);
    },
  };
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  cspViolations: async ({}, use) => {
    const violations: string[] = [];
    await use(violations);
    expect(violations, 'Content Security Policy violations').toEqual([]);
  },
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startTestHost();
    await use(host);
    await host.stop();
  },
  people: async ({ browser, host, cspViolations }, use) => {
    const opened: Person[] = [];
    await use({
      open: async (username, options) => {
        const person = await openPerson(browser, host, username, cspViolations, options);
        opened.push(person);
        return person;
      },
    });
    for (const p of opened) await p.context.close();
  },
});

export { expect };

/** A link in the primary navigation (back links may share its words). */
export const navTo = (page: Page, name: string) => page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name, exact: true }).click();
