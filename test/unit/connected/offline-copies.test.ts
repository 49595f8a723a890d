/**
 * Granted records copied for offline reading before anyone opens them: a connected desktop (the
 * same ConnectedBroker the browser host and the Electron main process run) with its offline copy in
 * a real encrypted file (key in the real keychain), against real `rab serve` processes on a
 * demonstration store. Server A is the desktop's; server B, on the same store, is the offender
 * manager's and the administrator's, still working while A is stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView, Result } from '../../../shared/contract';
import type { Connection } from '../../../electron/core/auth/sessions';
import { ConnectedBroker } from '../../../electron/core/connected/connected-broker';
import { openOfflineCache } from '../../../electron/core/connected/offline-cache';
import { DEMO_PASSWORD } from '../../../electron/core/demo/create-demo-store';
import type { BrokerClient } from '../../../electron/core/server/broker-client';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { cacheRows } from '../../helpers/offline-cache-file';
import { ADMIN, grantRoshSummary, makeDemoStore, ownersPeople, OWNER, serve, signedInClient, TUTOR, value } from '../../helpers/offline-desktop';
import type { RabServeProcess } from '../../helpers/rab-serve-process';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';

const HOUR = 3_600_000;
const POLL = { timeout: 30_000, interval: 100 };

let dir: string;
let storePath: string;
let certs: TestCertificates;
let serverA: RabServeProcess;
let serverB: RabServeProcess;
let owner: BrokerClient;
let admin: BrokerClient;
let people: Array<{ crn: string; name: string }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rab-offline-copies-'));
  storePath = await makeDemoStore(dir);
  certs = makeTestCertificates(dir);
  serverA = await serve(storePath, certs);
  serverB = await serve(storePath, certs);
  owner = await signedInClient(serverB.address, certs, OWNER);
  admin = await signedInClient(serverB.address, certs, ADMIN);
  const tutorOnB = await signedInClient(serverB.address, certs, TUTOR);
  people = await ownersPeople(tutorOnB, owner);
  tutorOnB.close();
  expect(people.length).toBeGreaterThanOrEqual(3);
}, 300_000);

afterAll(async () => {
  owner?.close();
  admin?.close();
  for (const s of [serverA, serverB]) {
    s?.kill('SIGTERM');
    await s?.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The tutor's desktop on server A; `clock.shift` moves the desktop's clock only. */
function tutorDesktop(cachePath: string, o: { shift?: number; sweepEveryMs?: number } = {}) {
  const clock = { shift: o.shift ?? 0 };
  const now = () => Date.now() + clock.shift;
  const broker = new ConnectedBroker({
    brokerUrl: serverA.address,
    ca: certs.caCert,
    attempts: 2,
    timeoutMs: 10_000,
    retryEveryMs: 200,
    now,
    offlineCache: openOfflineCache(cachePath, new SystemKeyStore()),
    ...(o.sweepEveryMs ? { sweepEveryMs: o.sweepEveryMs } : {}),
  });
  const conn: Connection = { id: crypto.randomUUID(), sessionId: null };
  const call = (channel: string, input: unknown = {}): Promise<Result<unknown>> => broker.dispatch(channel, conn, input);
  return { broker, conn, call, clock, signIn: async () => value(await call('auth.signIn', { username: TUTOR, password: DEMO_PASSWORD })) };
}

/** The broker's audit events of one action about one person. */
const auditOf = async (action: string, crn: string) =>
  value<{ rows: Array<{ at: number; actor: string; crn: string | null }> }>(await admin.call('admin.auditList', { action, crn, offset: 0, limit: 50 })).rows;

describe('granted records copied for offline reading', () => {
  it('copies a grant approved while the practitioner is signed in, never opened, audited as a copy; it reads offline after the broker stops, marked offline and chained', async () => {
    const person = people[0]!;
    const cachePath = join(dir, 'copies-1.db');
    const desk = tutorDesktop(cachePath);
    let stopped = false;
    try {
      await desk.signIn();
      // The window listens, so the push connection is held: the approval is heard without any call.
      const stop = desk.broker.subscribe(desk.conn, () => undefined);
      const grantId = await grantRoshSummary(desk.call, owner, person.crn);
      await expect.poll(() => cacheRows(cachePath, 'cached_records', 'crn = ? AND grant_id = ?', person.crn, grantId), POLL).toBe(1);
      // On the broker: a copy for this desktop, by the tutor, and no read.
      expect(await auditOf('record.copy.offline', person.crn)).toMatchObject([{ actor: TUTOR, crn: person.crn }]);
      expect(await auditOf('record.read', person.crn)).toEqual([]);
      stop();

      serverA.kill('SIGTERM');
      await serverA.exited;
      stopped = true;
      const offline = value<RecordView>(await desk.call('records.read', { crn: person.crn }));
      expect(offline.offline?.lastCheckedAt).toBeGreaterThan(0);
      expect(offline.access).toMatchObject({ grantId, scope: 'ROSH_SUMMARY', route: 'GRANT' });
      expect(offline.roshSummary).not.toBeNull();
      // The read went into the local chain, waiting to be sent.
      expect(await cacheRows(cachePath, 'offline_reads', 'crn = ? AND uploaded = 0', person.crn)).toBe(1);

      // Back: the offline read is sent on reconnection and joins the broker's chain as an offline read.
      serverA = await serve(storePath, certs, Number(new URL(serverA.address).port));
      stopped = false;
      value(await desk.call('grants.mine', { filter: 'CURRENT' }));
      expect(await cacheRows(cachePath, 'offline_reads', 'uploaded = 0')).toBe(0);
      expect(await auditOf('record.read.offline', person.crn)).toMatchObject([{ actor: TUTOR, at: offline.readAt }]);
      expect(await auditOf('record.read', person.crn)).toEqual([]);
      await desk.broker.copiesSettled(desk.conn);
    } finally {
      desk.broker.close();
      if (stopped) serverA = await serve(storePath, certs, Number(new URL(serverA.address).port));
    }
  });

  it('copies at sign-in the grants already held, but not emergency access, nor a record read by allocation', async () => {
    const granted = people[1]!;
    const urgent = people[2]!;
    const cachePath = join(dir, 'copies-2.db');
    const desk = tutorDesktop(cachePath);
    try {
      // Made on another desktop, before this one signs in.
      const elsewhere = tutorDesktop(join(dir, 'copies-2-elsewhere.db'));
      await elsewhere.signIn();
      const grantId = await grantRoshSummary(elsewhere.call, owner, granted.crn);
      const asked = value<{ results: Array<{ request?: { id: number } }> }>(
        await elsewhere.call('requests.create', { crns: [urgent.crn], scope: 'ROSH_SUMMARY', purpose: 'APPOINTMENT_SAFETY', justification: 'They are in reception now.', urgency: 'ROUTINE', durationDays: 1, neededBy: Date.now() + HOUR }),
      );
      value(await elsewhere.call('emergency.open', { requestId: asked.results[0]!.request!.id, password: DEMO_PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' }));
      await elsewhere.broker.copiesSettled(elsewhere.conn);
      elsewhere.broker.close();

      await desk.signIn();
      // The same grants learned again from a grants.mine answer: nothing is asked twice.
      const current = value<{ rows: Array<{ crn: string; kind: string }> }>(await desk.call('grants.mine', { filter: 'CURRENT' }));
      expect(current.rows.some((g) => g.crn === urgent.crn && g.kind === 'EMERGENCY')).toBe(true);
      await desk.broker.copiesSettled(desk.conn);
      expect(await cacheRows(cachePath, 'cached_records', 'crn = ? AND grant_id = ?', granted.crn, grantId)).toBe(1);
      expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', urgent.crn)).toBe(0);
      expect(await auditOf('record.copy.offline', urgent.crn)).toEqual([]);
      // Read online by the tutor's allocation (a programme place): shown, but never kept.
      const byAllocation = value<RecordView>(await desk.call('records.read', { crn: people[3]?.crn ?? urgent.crn }));
      expect(byAllocation.access.route).not.toBe('GRANT');
      expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', byAllocation.crn)).toBe(0);
      expect(await auditOf('record.read', granted.crn)).toEqual([]);
    } finally {
      desk.broker.close();
    }
  });

  it('deletes a copy past its limit from the file with no call made: on the timer while the desktop runs, and when the copy is opened', async () => {
    const cachePath = join(dir, 'copies-3.db');
    const desk = tutorDesktop(cachePath, { sweepEveryMs: 200 });
    try {
      await desk.signIn();
      // Run on its own, the tutor holds no grant yet: one is made (it is copied when the list is learned).
      if (value<{ total: number }>(await desk.call('grants.mine', { filter: 'CURRENT' })).total === 0) {
        await grantRoshSummary(desk.call, owner, people[1]!.crn);
        value(await desk.call('grants.mine', { filter: 'CURRENT' }));
      }
      await desk.broker.copiesSettled(desk.conn);
      expect(await cacheRows(cachePath, 'cached_records')).toBeGreaterThanOrEqual(1);
      // The offline window (8 hours since the last contact) passes on the desktop's clock; nothing is called.
      desk.clock.shift = 8 * HOUR + 60_000;
      await expect.poll(() => cacheRows(cachePath, 'cached_records'), POLL).toBe(0);
      expect(await cacheRows(cachePath, 'cached_grants')).toBe(0);
    } finally {
      desk.broker.close();
    }

    const again = tutorDesktop(cachePath);
    try {
      await again.signIn();
      await again.broker.copiesSettled(again.conn);
      expect(await cacheRows(cachePath, 'cached_records')).toBeGreaterThanOrEqual(1);
    } finally {
      again.broker.close();
    }
    // The desktop starts again after the window: the copy is swept as it opens, before any call (the timer is an hour away).
    const later = tutorDesktop(cachePath, { shift: 8 * HOUR + 60_000, sweepEveryMs: HOUR });
    try {
      await expect.poll(() => cacheRows(cachePath, 'cached_records'), POLL).toBe(0);
    } finally {
      later.broker.close();
    }
  });

  it('copies nothing while offline reading is off (a window of 0 hours)', async () => {
    const cachePath = join(dir, 'copies-4.db');
    const policy = value<{ offlineWindowHours: number }>(await admin.call('admin.getPolicy', {}));
    value(await admin.call('admin.updatePolicy', { policy: { ...policy, offlineWindowHours: 0 }, confirmPassword: DEMO_PASSWORD }));
    const desk = tutorDesktop(cachePath);
    try {
      const copiesBefore = (await auditOf('record.copy.offline', people[0]!.crn)).length + (await auditOf('record.copy.offline', people[1]!.crn)).length;
      await desk.signIn();
      const current = value<{ total: number }>(await desk.call('grants.mine', { filter: 'CURRENT' }));
      expect(current.total).toBeGreaterThanOrEqual(1);
      await desk.broker.copiesSettled(desk.conn);
      expect(await cacheRows(cachePath, 'cached_records')).toBe(0);
      expect((await auditOf('record.copy.offline', people[0]!.crn)).length + (await auditOf('record.copy.offline', people[1]!.crn)).length).toBe(copiesBefore);
    } finally {
      desk.broker.close();
      value(await admin.call('admin.updatePolicy', { policy, confirmPassword: DEMO_PASSWORD }));
    }
  });
});
