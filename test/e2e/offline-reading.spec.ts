/**
 * Granted sections readable offline, in the browser: a connected desktop (browser host with its
 * offline copy in an encrypted file, key in the keychain) on server A, and the rest of the
 * organisation on server B over the same database. The practitioner reads a granted record; A stops;
 * the record still reads, marked as an offline copy, and the read is in the local chain; the owner
 * revokes through B meanwhile; A is back (the session with it): the revoked record is
 * gone from the cache file before any further read, the offline read is in the server's audit
 * chain with its original time, and the chain verifies. The cache file never holds the surname.
 * While A is down, a second window signs in offline and reads the copy; that sign-in is audited too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFilesHold, cacheRows } from '../helpers/offline-cache-file';
import { startBrokerCluster, type BrokerCluster } from './support/broker-cluster';
import { ADMIN, discoverCast, OWNER, TUTOR } from './support/cast';
import { expectAccessible } from './support/accessibility';
import { expect, navTo, openPerson, test } from './support/fixtures';

let cluster: BrokerCluster | null = null;
let scratch: string | null = null;
test.afterEach(async () => {
  await cluster?.stop();
  cluster = null;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('a granted record reads offline, marked and audited; a revocation made meanwhile deletes it before any further read', async ({ browser, cspViolations }) => {
  test.setTimeout(480_000);
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
  const readFromMyAccess = async () => {
    await navTo(practitioner.page, 'My access');
    await practitioner.page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: /^Read/ }).click();
  };
  try {
    await readFromMyAccess();
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toBeVisible();
    await expect(practitioner.page.getByTestId('offline-copy')).toHaveCount(0);
    const online = await practitioner.page.getByTestId('record-viewer').innerText();

    // Server A stops: the record still reads, from the offline copy, marked so, with the same sections.
    await serverA.stop();
    await readFromMyAccess();
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
      await navTo(offlineWindow.page, 'My access');
      await offlineWindow.page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: /^Read/ }).click();
      await expect(offlineWindow.page.getByTestId('offline-copy')).toBeVisible();
      await expectAccessible(offlineWindow.page, 'a record read after signing in offline');
      expect(await cacheRows(cachePath, 'offline_reads', "kind = 'signIn' AND uploaded = 0")).toBe(1);
    } finally {
      await offlineWindow.context.close();
    }

    // The owner revokes through server B while the desktop is offline.
    await desktopB.as(OWNER).call('grants.revoke', { grantId: approved.grantId, reason: 'The group has moved to another provider.' });

    // Server A is back, and the session with it (sessions are kept in the database): the desktop notices
    // by itself, learns of the revocation and deletes the record before anything is read, then uploads.
    await serverA.start();
    await expect.poll(() => cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => cacheRows(cachePath, 'offline_reads', 'uploaded = 0'), { timeout: 60_000 }).toBe(0);
    expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn)).toBe(0);

    const events = await desktopB.as(ADMIN).call<{ rows: Array<{ actor: string; crn: string }> }>('admin.auditList', { action: 'record.read.offline', crn: person.crn, offset: 0, limit: 10 });
    expect(events.rows).toEqual([expect.objectContaining({ actor: TUTOR, crn: person.crn }), expect.objectContaining({ actor: TUTOR, crn: person.crn })]);
    const signIns = await desktopB.as(ADMIN).call<{ rows: Array<{ actor: string }> }>('admin.auditList', { action: 'auth.signIn.offline', offset: 0, limit: 10 });
    expect(signIns.rows).toEqual([expect.objectContaining({ actor: TUTOR })]);
    expect(await desktopB.as(ADMIN).call('admin.auditVerify', {})).toMatchObject({ ok: true });
  } finally {
    await practitioner.context.close();
  }
});
