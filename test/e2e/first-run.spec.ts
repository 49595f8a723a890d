/**
 * The desktop's first run, in the browser: the browser host started on an empty user-data folder
 * (--user-data) runs the same first-run code as the Electron main process
 * (electron/main/desktop-broker.ts). "Use this computer only" makes an encrypted store whose key
 * is in the real keychain (the suite runs inside scripts/with-keyring.sh) and the next start opens
 * it without asking; "Connect to your organisation's broker" reaches a real `rab serve` over TLS
 * with a private authority; wrong answers are refused against their field and save nothing.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { SystemKeyStore } from '../../electron/core/store/system-key-store';
import { keychainAccount } from '../../electron/core/store/open-store';
import { offlineCacheAccount } from '../../electron/core/store/open-offline-cache';
import { makeTestCertificates } from '../helpers/test-certificates';
import { expectAccessible } from './support/accessibility';
import { startBrokerCluster, type BrokerCluster } from './support/broker-cluster';
import { TUTOR } from './support/cast';
import { expect, openPage, signIn, test } from './support/fixtures';
import { startTestHost, type TestHost } from './support/test-host';

const SET_UP = 'Set up Records Access Broker';
const CONNECT = /^Connect to your organisation.s broker$/;
const ADMINISTRATOR = 'Use this computer only: create the first administrator';
/** What SQLite writes at the start of a file it keeps in plain text. */
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0');

let scratch: string;
let userData: string;
let hosts: TestHost[] = [];
let cluster: BrokerCluster | null = null;

test.beforeEach(() => {
  // The user-data folder inside a scratch folder: the audit checkpoints are kept beside it.
  scratch = mkdtempSync(join(tmpdir(), 'rab-e2e-first-run-'));
  userData = join(scratch, 'user-data');
  mkdirSync(userData, { mode: 0o700 });
});

test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await cluster?.stop();
  cluster = null;
  // The keys this test's desktop filed: its store's, or its offline copy's.
  const keychain = new SystemKeyStore();
  await keychain.delete(keychainAccount(join(userData, 'broker.db')));
  await keychain.delete(offlineCacheAccount(join(userData, 'offline-cache.db')));
  rmSync(scratch, { recursive: true, force: true });
});

/** Starts the browser host as the desktop app starts, on this test's user-data folder. */
async function startDesktop(): Promise<TestHost> {
  const host = await startTestHost(['--user-data', userData]);
  hosts.push(host);
  return host;
}

async function stopDesktop(host: TestHost): Promise<void> {
  hosts = hosts.filter((h) => h !== host);
  await host.stop();
}

async function openFirstRun(browser: Browser, host: TestHost, violations: string[]): Promise<Page> {
  const { page } = await openPage(browser, host, 'first run', violations);
  await expect(page.getByRole('heading', { level: 1, name: SET_UP })).toBeVisible();
  return page;
}

/** The refusal shows in the GOV.UK error summary and against the field itself. */
async function expectRefused(page: Page, fieldId: string, message: string): Promise<void> {
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('There is a problem');
  await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', `#${fieldId}`);
  await expect(page.locator(`#${fieldId}-error`)).toContainText(message.replace(/^[^:]+: /, ''));
  await expect(page.locator(`#${fieldId}`)).toHaveAttribute('aria-describedby', new RegExp(`${fieldId}-error`));
}

test('"Use this computer only" makes an encrypted store with its key in the keychain, and the next start opens it without asking', async ({ browser, cspViolations }) => {
  const first = await startDesktop();
  const page = await openFirstRun(browser, first, cspViolations);
  await expectAccessible(page, 'first run');

  await page.getByLabel(ADMINISTRATOR).check();
  await page.getByLabel('Username').fill('alice.admin');
  await page.getByLabel('Full name').fill('Alice Admin');
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await page.getByLabel('Confirm password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectRefused(page, 'admin-confirm', 'Confirm password: the two passwords do not match');
  await expectAccessible(page, 'first run, the administrator refused');
  expect(readdirSync(userData)).toEqual([]);

  await page.getByLabel('Confirm password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(page, 'alice.admin', 'correct horse battery');
  await expect(page.getByTestId('signed-in-user')).toContainText('Alice Admin');

  // Encrypted: no plain SQLite header, and the keychain holds a 256-bit key and the file's salt.
  const storePath = join(userData, 'broker.db');
  const header = readFileSync(storePath).subarray(0, 16);
  expect(header.equals(PLAIN_SQLITE_HEADER)).toBe(false);
  const key = await new SystemKeyStore().get(keychainAccount(storePath));
  expect(key?.keyHex).toMatch(/^[0-9a-f]{64}$/);
  expect(key?.saltHex).toBe(header.toString('hex'));
  expect(JSON.parse(readFileSync(join(userData, 'broker-choice.json'), 'utf8'))).toEqual({ mode: 'embedded' });

  // The next start opens the same store: the sign-in screen, not first run.
  await stopDesktop(first);
  const next = await startDesktop();
  const { page: again } = await openPage(browser, next, 'next start', cspViolations);
  await expect(again.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(again, 'alice.admin', 'correct horse battery');
  await expect(again.getByTestId('signed-in-user')).toContainText('Alice Admin');
  expect(readFileSync(storePath).subarray(0, 16).equals(header)).toBe(true);
});

test('"Connect to your organisation\'s broker" reaches rab serve over TLS with the authority given, and a person signs in through it', async ({ browser, cspViolations }) => {
  test.setTimeout(480_000);
  cluster = await startBrokerCluster(1);
  const [server] = cluster.servers;
  const host = await startDesktop();
  const page = await openFirstRun(browser, host, cspViolations);

  await page.getByLabel(CONNECT).check();
  await page.getByLabel('Broker address').fill(server!.url);
  await page.getByLabel('Certificate authority (optional)').setInputFiles(cluster.certs.paths.caCert);
  await expectAccessible(page, 'first run, connecting to a broker');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(page, TUTOR);
  expect(JSON.parse(readFileSync(join(userData, 'broker-choice.json'), 'utf8'))).toEqual({ mode: 'connected', brokerUrl: server!.url, caPem: cluster.certs.caCert.toString('utf8') });
  // No store on this computer: only the choice and the connected desktop's offline copy.
  expect(readdirSync(userData)).not.toContain('broker.db');
});

test('wrong broker details are refused against their field, and nothing is saved', async ({ browser, cspViolations }) => {
  test.setTimeout(480_000);
  cluster = await startBrokerCluster(1);
  const [server] = cluster.servers;
  const otherAuthority = makeTestCertificates(mkdtempSync(join(scratch, 'other-ca-')));
  const notACertificate = join(scratch, 'not-a-certificate.pem');
  writeFileSync(notACertificate, 'This is the address list, not a certificate.\n');
  const first = await startDesktop();
  const page = await openFirstRun(browser, first, cspViolations);
  await page.getByLabel(CONNECT).check();
  const address = page.getByLabel('Broker address');
  const authority = page.getByLabel('Certificate authority (optional)');
  const tryIt = () => page.getByRole('button', { name: 'Continue' }).click();

  await address.fill('broker at the office');
  await tryIt();
  await expectRefused(page, 'broker-url', 'Broker address: must be a web address such as https://broker.example.org:8443');
  await expectAccessible(page, 'first run, an address that is not one');

  await address.fill('http://broker.probation.example:8443');
  await tryIt();
  await expectRefused(page, 'broker-url', 'Broker address: must start with https:// (http:// only for a broker on this computer)');

  await address.fill(server!.url);
  await authority.setInputFiles(notACertificate);
  await tryIt();
  await expectRefused(page, 'broker-ca', 'Certificate authority: must be a PEM certificate (-----BEGIN CERTIFICATE-----)');
  await expectAccessible(page, 'first run, a file that is not a certificate');

  await authority.setInputFiles(otherAuthority.paths.caCert);
  await tryIt();
  await expectRefused(page, 'broker-ca', 'Certificate authority: the broker’s certificate is not signed by this certificate authority');
  await expectAccessible(page, 'first run, a broker this authority did not sign');
  await expect(page.getByRole('heading', { level: 1, name: SET_UP })).toBeVisible();

  // Nothing was saved: the folder is still empty and the next start is first run again.
  expect(readdirSync(userData)).toEqual([]);
  await stopDesktop(first);
  const next = await startDesktop();
  await openFirstRun(browser, next, cspViolations);
});
