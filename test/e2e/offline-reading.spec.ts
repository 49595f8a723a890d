/**
 * Granted sections readable offline, in the browser: a connected desktop (browser host with its
 * offline copy in an encrypted file, key in the keychain) on server A, and the rest of the
 * organisation on server B over the same database. The practitioner reads a granted record; A stops;
 * the record still reads, marked as an offline copy, and the read is in the local chain; the owner
 * revokes through B meanwhile; A is back (the session with it) and the practitioner at once tries to
 * read the record again: the window no longer shows the revoked sections, no offline read of it
 * follows the revocation, the revoked record is gone from the cache file, the offline reads are in
 * the server's audit chain with their original times, and `rab audit verify` passes on the database.
 * The cache file never holds the surname. While A is down, a second window signs in offline and
 * reads the copy; that sign-in is audited too.
 *
 * A second test moves the desktop's own clock (the browser host's dev.* channels) past the offline
 * window while its broker is down: the cached sections are deleted from the file (opened with its
 * key to check) and the window says the record is not in the offline copy.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { cacheFilesHold, cacheRows, offlineReadTimes } from '../helpers/offline-cache-file';
import { startBrokerCluster, type BrokerCluster } from './support/broker-cluster';
import { ADMIN, discoverCast, OWNER, TUTOR } from './support/cast';
import { expectAccessible } from './support/accessibility';
import { expect, navTo, openPerson, test } from './support/fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const HOUR_MINUTES = 60;

let cluster: BrokerCluster | null = null;
let scratch: string | null = null;
test.afterEach(async () => {
  await cluster?.stop();
  cluster = null;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

type AuditRow = { seq: number; at: number; actor: string; crn: string | null };

/** Opens the person's record from My access, as the practitioner would. */
async function readFromMyAccess(page: Page, crn: string): Promise<void> {
  await navTo(page, 'My access');
  await page.getByTestId('my-grants').getByRole('row', { name: new RegExp(crn) }).getByRole('link', { name: /^Read/ }).click();
}

/** Opens the record page by its address (as a bookmark or the back button would), from another page. */
async function openRecordPage(page: Page, crn: string): Promise<void> {
  await navTo(page, 'My access');
  await page.goto(`${new URL(page.url()).origin}/#/records/${crn}`);
  await expect(page.getByTestId('record-viewer').or(page.getByTestId('record-refused'))).toBeVisible();
}

/** `rab audit verify` run as an operator would, beside the servers, on their database. */
async function rabAuditVerify(backing: BrokerCluster['backing']): Promise<string> {
  const target = backing.kind === 'database' ? ['--database', backing.url] : ['--store', backing.path];
  const { stdout } = await promisify(execFile)(process.execPath, ['bin/rab.mjs', 'audit', 'verify', ...target], { cwd: ROOT, timeout: 120_000 });
  return stdout;
}

test('a granted record reads offline, marked and audited; a revocation made meanwhile deletes it before any further read', async ({ browser, cspViolations }) => {
  test.setTimeout(600_000);
  scratch = mkdtempSync(join(tmpdir(), 'rab-e2e-offline-'));
  const cachePath = join(scratch, 'offline-cache.db');
  cluster = await startBrokerCluster(2);
  const [serverA, serverB] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
  const desktopA = await cluster.desktop(serverA, ['--offline-cache', cachePath]);
  const desktopB = await cluster.desktop(serverB);
  const cast = await discoverCast(desktopB);
  const person = cast.ownersPeople[0]!;

  // The practitioner holds a grant of the RoSH summary (asked and approved through server B).
  const created = await desktopB.as(TUTOR).call<{ results: Array<{ request: { id: number } }> }>('requests.create', {
    crns: [person.crn], scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY', justification: 'Group session on Thursday; I need the risk summary first.', urgency: 'ROUTINE', durationDays: 3,
  });
  const approved = await desktopB.as(OWNER).call<{ grantId: number }>('requests.approve', { requestId: created.results[0]!.request.id });

  const practitioner = await openPerson(browser, desktopA, TUTOR, cspViolations);
  const openFromMyAccess = () => readFromMyAccess(practitioner.page, person.crn);
  try {
    await openFromMyAccess();
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toBeVisible();
    await expect(practitioner.page.getByTestId('offline-copy')).toHaveCount(0);
    const online = await practitioner.page.getByTestId('record-viewer').innerText();

    // Server A stops: the record still reads, from the offline copy, marked so, with the same sections.
    await serverA.stop();
    await openFromMyAccess();
    await expect(practitioner.page.getByTestId('offline-copy')).toContainText(/Offline copy, last checked with the broker at \d\d:\d\d/);
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toBeVisible();
    await expect(practitioner.page.getByTestId('watermark')).toHaveCount(1);
    const offline = await practitioner.page.getByTestId('record-viewer').innerText();
    expect(offline).toContain(online.split('\n').find((line) => line.includes('Who is at risk')) ?? person.name);
    expect(await cacheRows(cachePath, 'offline_reads', 'crn = ? AND uploaded = 0', person.crn)).toBe(1);
    expect(cacheFilesHold(cachePath, person.name.split(' ').slice(-1)[0]!)).toBe(false);

    // A second window opened while the broker is down: the same person signs in offline (against the
    // copy's password verifier), is told only the offline copy can be read, and reads it.
    const offlineWindow = await openPerson(browser, desktopA, TUTOR, cspViolations);
    try {
      await expect(offlineWindow.page.getByTestId('signed-in-offline')).toContainText('while the broker could not be reached');
      await readFromMyAccess(offlineWindow.page, person.crn);
      await expect(offlineWindow.page.getByTestId('offline-copy')).toBeVisible();
      await expectAccessible(offlineWindow.page, 'a record read after signing in offline');
      expect(await cacheRows(cachePath, 'offline_reads', "kind = 'signIn' AND uploaded = 0")).toBe(1);
    } finally {
      await offlineWindow.context.close();
    }

    // Both offline reads (one in each window) are in the local chain, with the times they were made.
    const readOfflineAt = await offlineReadTimes(cachePath, person.crn);
    expect(readOfflineAt).toHaveLength(2);

    // The owner revokes through server B while the desktop is offline.
    await desktopB.as(OWNER).call('grants.revoke', { grantId: approved.grantId, reason: 'The group has moved to another provider.' });
    const revoked = await desktopB.as(ADMIN).call<{ rows: AuditRow[] }>('admin.auditList', { action: 'grant.revoke', crn: person.crn, offset: 0, limit: 10 });
    expect(revoked.rows).toHaveLength(1);
    const revokedAt = revoked.rows[0]!.at;

    // Server A is back, and the session with it (sessions are kept in the database). Straight away the
    // practitioner tries to read the record again, from My access and from the record page: the desktop
    // learns of the revocation before it answers, so the revoked summary is not shown, online or as a copy.
    const backAt = Date.now();
    await serverA.start();
    await navTo(practitioner.page, 'My access');
    await expect(practitioner.page.getByRole('heading', { name: 'My access', level: 1 })).toBeVisible();
    await expect(practitioner.page.getByTestId(`grant-${approved.grantId}`)).toHaveCount(0);
    await openRecordPage(practitioner.page, person.crn);
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toHaveCount(0);
    await expect(practitioner.page.getByTestId('offline-copy')).toHaveCount(0);
    expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn)).toBe(0);
    // No offline read of it was made after the revocation (uploaded reads leave the local chain; none is later).
    expect(await cacheRows(cachePath, 'offline_reads', "kind = 'read' AND crn = ? AND at >= ?", person.crn, revokedAt)).toBe(0);

    // The desktop uploads what it read offline; the server appends it to the one audit chain.
    await expect.poll(() => cacheRows(cachePath, 'offline_reads', 'uploaded = 0'), { timeout: 60_000 }).toBe(0);
    const events = await desktopB.as(ADMIN).call<{ rows: AuditRow[] }>('admin.auditList', { action: 'record.read.offline', crn: person.crn, offset: 0, limit: 10 });
    expect(events.rows).toEqual([expect.objectContaining({ actor: TUTOR, crn: person.crn }), expect.objectContaining({ actor: TUTOR, crn: person.crn })]);
    // Each keeps the time it was read offline (not the upload's), and none follows the revocation.
    expect(events.rows.map((e) => e.at).sort((a, b) => a - b)).toEqual(readOfflineAt);
    for (const e of events.rows) {
      expect(e.at).toBeLessThan(revokedAt);
      expect(e.at).toBeLessThan(backAt);
      expect(e.seq).toBeGreaterThan(revoked.rows[0]!.seq);
    }
    const signIns = await desktopB.as(ADMIN).call<{ rows: Array<{ actor: string }> }>('admin.auditList', { action: 'auth.signIn.offline', offset: 0, limit: 10 });
    expect(signIns.rows).toEqual([expect.objectContaining({ actor: TUTOR })]);
    expect(await desktopB.as(ADMIN).call('admin.auditVerify', {})).toMatchObject({ ok: true });
    expect(await rabAuditVerify(cluster.backing)).toMatch(/^Audit chain verified: \d+ events, every hash follows from the one before\.$/m);
  } finally {
    await practitioner.context.close();
  }
});

test('past the offline window the cached sections are deleted from the file, and the window says the record is not in the offline copy', async ({ browser, cspViolations }) => {
  test.setTimeout(600_000);
  scratch = mkdtempSync(join(tmpdir(), 'rab-e2e-offline-'));
  const cachePath = join(scratch, 'offline-cache.db');
  cluster = await startBrokerCluster(1);
  const server = cluster.servers[0]!;
  const desktop = await cluster.desktop(server, ['--offline-cache', cachePath]);
  const cast = await discoverCast(desktop);
  const person = cast.ownersPeople[0]!;
  const surname = person.name.split(' ').slice(-1)[0]!;
  const { offlineWindowHours } = await desktop.as(ADMIN).call<{ offlineWindowHours: number }>('admin.getPolicy', {});
  expect(offlineWindowHours).toBeGreaterThan(0);

  const created = await desktop.as(TUTOR).call<{ results: Array<{ request: { id: number } }> }>('requests.create', {
    crns: [person.crn], scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY', justification: 'Group session on Thursday; I need the risk summary first.', urgency: 'ROUTINE', durationDays: 3,
  });
  await desktop.as(OWNER).call('requests.approve', { requestId: created.results[0]!.request.id });

  const practitioner = await openPerson(browser, desktop, TUTOR, cspViolations);
  try {
    // Read online: the copy is kept, encrypted (the surname is nowhere in the cache's files).
    await readFromMyAccess(practitioner.page, person.crn);
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toBeVisible();
    await expect.poll(() => cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn)).toBe(1);
    expect(cacheFilesHold(cachePath, surname)).toBe(false);

    // The broker stops; within the window the record reads from the copy.
    await server.stop();
    await readFromMyAccess(practitioner.page, person.crn);
    await expect(practitioner.page.getByTestId('offline-copy')).toBeVisible();
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toBeVisible();

    // The desktop's clock passes the window (last contact + offlineWindowHours), the broker still down.
    await desktop.advanceClock(offlineWindowHours * HOUR_MINUTES + 1);

    // In the window: My access can no longer be answered from the copy, and the record page says the
    // record is not in the offline copy.
    await navTo(practitioner.page, 'My access');
    await expect(practitioner.page.getByRole('alert').filter({ hasText: 'This could not be shown' })).toContainText('Cannot reach the broker');
    await openRecordPage(practitioner.page, person.crn);
    await expect(practitioner.page.getByTestId('record-refused')).toContainText('this record is not in your offline copy');
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toHaveCount(0);
    await expectAccessible(practitioner.page, 'a record past the offline window');

    // In the file, opened with its key: the sections and the grant are gone, the offline read is not
    // (the window deletes sections, never the audit), and the surname is still nowhere in plain.
    expect(await cacheRows(cachePath, 'cached_records')).toBe(0);
    expect(await cacheRows(cachePath, 'cached_grants')).toBe(0);
    expect(await cacheRows(cachePath, 'offline_reads', "kind = 'read' AND crn = ? AND uploaded = 0", person.crn)).toBe(1);
    expect(cacheFilesHold(cachePath, surname)).toBe(false);
  } finally {
    await practitioner.context.close();
  }
});
