/**
 * Granted sections readable offline, safely: a connected desktop (the same ConnectedBroker the
 * browser host and the Electron main process run) with its offline copy in a real encrypted file
 * (key in the real keychain), against real `rab serve` processes on a demonstration store. Server A
 * is the desktop's; server B, on the same store, is the rest of the organisation, still working
 * while A is stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordView, Result } from '../../../shared/contract';
import type { Connection } from '../../../electron/core/auth/sessions';
import { ConnectedBroker } from '../../../electron/core/connected/connected-broker';
import { openOfflineCache } from '../../../electron/core/connected/offline-cache';
import { DEMO_PASSWORD } from '../../../electron/core/demo/create-demo-store';
import type { BrokerClient } from '../../../electron/core/server/broker-client';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { cliHarness } from '../cli/cli-harness';
import { cacheFilesHold, cacheRows } from '../../helpers/offline-cache-file';
import { ADMIN, grantRoshSummary, makeDemoStore, ownersPeople, OWNER, serve, signedInClient, TUTOR, value } from '../../helpers/offline-desktop';
import type { RabServeProcess } from '../../helpers/rab-serve-process';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
const HOUR = 3_600_000;

let dir: string;
let storePath: string;
let certs: TestCertificates;
let serverA: RabServeProcess;
let serverB: RabServeProcess;
let owner: BrokerClient;
let people: Array<{ crn: string; name: string }>;

beforeAll(async () => {
  // One folder for the whole file: the store and the servers outlive each test.
  dir = mkdtempSync(join(tmpdir(), 'rab-offline-'));
  storePath = await makeDemoStore(dir);
  certs = makeTestCertificates(join(dir));
  serverA = await serve(storePath, certs);
  serverB = await serve(storePath, certs);
  owner = await signedInClient(serverB.address, certs, OWNER);
  const tutorOnB = await signedInClient(serverB.address, certs, TUTOR);
  people = await ownersPeople(tutorOnB, owner);
  tutorOnB.close();
  expect(people.length).toBeGreaterThanOrEqual(3);
}, 300_000);

afterAll(async () => {
  owner?.close();
  for (const s of [serverA, serverB]) {
    s?.kill('SIGTERM');
    await s?.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The tutor's desktop on server A; `clock.shift` moves the desktop's clock only. */
function tutorDesktop(cachePath: string) {
  const clock = { shift: 0 };
  const broker = new ConnectedBroker({
    brokerUrl: serverA.address,
    ca: certs.caCert,
    attempts: 2,
    timeoutMs: 10_000,
    retryEveryMs: 200,
    now: () => Date.now() + clock.shift,
    offlineCache: openOfflineCache(cachePath, new SystemKeyStore()),
  });
  const conn: Connection = { id: crypto.randomUUID(), sessionId: null };
  const call = (channel: string, input: unknown = {}): Promise<Result<unknown>> => broker.dispatch(channel, conn, input);
  return { broker, conn, call, clock, signIn: async () => value(await call('auth.signIn', { username: TUTOR, password: DEMO_PASSWORD })) };
}

const sectionsOf = (v: RecordView) => ({ frontSheet: v.frontSheet, roshSummary: v.roshSummary, riskManagementPlan: v.riskManagementPlan, fullRecord: v.fullRecord });

describe('granted sections readable offline', () => {
  it('reads offline from the copy, marked and chained; learns a revocation on reconnection before any read; and the offline reads join the audit chain, which verifies', async () => {
    const person = people[0]!;
    const cachePath = join(dir, 'offline-1.db');
    const desk = tutorDesktop(cachePath);
    try {
      await desk.signIn();
      const grantId = await grantRoshSummary(desk.call, owner, person.crn);
      value(await desk.call('grants.mine', { filter: 'CURRENT' }));
      const online = value<RecordView>(await desk.call('records.read', { crn: person.crn }));
      expect(online.offline).toBeNull();
      expect(online.roshSummary).not.toBeNull();
      expect(await cacheRows(cachePath, 'cached_records')).toBe(1);
      // The copy is encrypted: the person's surname is nowhere in the cache's files.
      const surname = person.name.split(' ').slice(-1)[0]!;
      expect(cacheFilesHold(cachePath, surname)).toBe(false);

      // Server A stops: the record still reads, from the copy, with the same sections in the same order, marked offline.
      serverA.kill('SIGTERM');
      await serverA.exited;
      const offline = value<RecordView>(await desk.call('records.read', { crn: person.crn }));
      expect(offline.offline?.lastCheckedAt).toBeGreaterThan(0);
      expect(JSON.stringify(sectionsOf(offline))).toBe(JSON.stringify(sectionsOf(online)));
      expect(offline.access).toMatchObject({ grantId, scope: 'ROSH_SUMMARY', route: 'GRANT' });
      expect(offline.access.until).toBeLessThanOrEqual(online.access.until!);
      expect(await cacheRows(cachePath, 'offline_reads', 'crn = ? AND uploaded = 0', person.crn)).toBe(1);
      // The lists are read-only copies; decisions and emergency access need the broker; a withdrawal waits in the outbox.
      expect(value<{ rows: Array<{ id: number }> }>(await desk.call('grants.mine', { filter: 'CURRENT' })).rows.map((g) => g.id)).toContain(grantId);
      expect(await desk.call('requests.approve', { requestId: 1 })).toMatchObject({ ok: false, error: { code: 'NEEDS_BROKER' } });
      expect(await desk.call('emergency.open', { requestId: 1, reason: 'IMMINENT_APPOINTMENT', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'NEEDS_BROKER' } });
      expect(await desk.call('requests.create', { crns: [people[2]!.crn], scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY', justification: 'Asked while the broker was down.', urgency: 'ROUTINE', durationDays: 2 })).toMatchObject({ ok: false, error: { code: 'OFFLINE_QUEUED' } });
      expect(await cacheRows(cachePath, 'outbox')).toBe(1);

      // The owner revokes on server B while the desktop is offline.
      value(await owner.call('grants.revoke', { grantId, reason: 'The group has moved to another provider.' }));

      // Server A is back, and the session with it (sessions are kept in the database). The reconnection
      // steps run before the first call is answered: the revoked sections leave the file, the offline
      // reads and the outbox are sent, and only then is the record read, online, with what is left:
      // the front sheet the tutor's allocation gives, not the revoked summary.
      serverA = await serve(storePath, certs, Number(new URL(serverA.address).port));
      const after = value<RecordView>(await desk.call('records.read', { crn: person.crn }));
      expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn)).toBe(0);
      expect(await cacheRows(cachePath, 'offline_reads', 'uploaded = 0')).toBe(0);
      expect(await cacheRows(cachePath, 'outbox')).toBe(0);
      expect(after.offline).toBeNull();
      expect(after.roshSummary).toBeNull();
      expect(after.access.route).not.toBe('GRANT');

      // The offline read is in the one audit chain with its original time, and the chain verifies.
      const admin = await signedInClient(serverB.address, certs, ADMIN);
      const events = value<{ rows: Array<{ at: number; actor: string; crn: string | null }> }>(await admin.call('admin.auditList', { action: 'record.read.offline', crn: person.crn, offset: 0, limit: 10 }));
      expect(events.rows).toHaveLength(1);
      expect(events.rows[0]).toMatchObject({ actor: TUTOR, crn: person.crn, at: offline.readAt });
      expect(value<{ ok: boolean }>(await admin.call('admin.auditVerify', {}))).toMatchObject({ ok: true });
      admin.close();
      const verify = await cliHarness(new SystemKeyStore()).rab(['audit', 'verify', '--store', storePath]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      // The request made offline was sent on reconnection, once.
      const mine = value<{ rows: Array<{ crn: string }> }>(await desk.call('requests.mine', { filter: 'ALL' }));
      expect(mine.rows.filter((r) => r.crn === people[2]!.crn)).toHaveLength(1);
    } finally {
      desk.broker.close();
    }
  });

  it('deletes the cached sections from the file past the offline window, and when the desktop clock goes back', async () => {
    const person = people[1]!;
    const cachePath = join(dir, 'offline-2.db');
    const desk = tutorDesktop(cachePath);
    try {
      await desk.signIn();
      await grantRoshSummary(desk.call, owner, person.crn);
      value(await desk.call('records.read', { crn: person.crn }));
      expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn)).toBe(1);

      // The desktop's clock goes back by more than the tolerance: every cached section is deleted.
      desk.clock.shift = -10 * 60_000;
      await desk.call('auth.status');
      expect(await cacheRows(cachePath, 'cached_records')).toBe(0);

      // Read again online (the clock right again), then the broker is stopped and the window (8 hours) passes.
      desk.clock.shift = 0;
      value(await desk.call('records.read', { crn: person.crn }));
      expect(await cacheRows(cachePath, 'cached_records')).toBe(1);
      serverA.kill('SIGTERM');
      await serverA.exited;
      expect(value<RecordView>(await desk.call('records.read', { crn: person.crn })).offline).not.toBeNull();
      desk.clock.shift = 8 * HOUR + 60_000;
      expect(await desk.call('records.read', { crn: person.crn })).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
      expect(await cacheRows(cachePath, 'cached_records')).toBe(0);
      expect(await cacheRows(cachePath, 'cached_grants')).toBe(0);
      // The read shown offline is still waiting to be uploaded: the window deletes sections, never the audit.
      expect(await cacheRows(cachePath, 'offline_reads', 'uploaded = 0')).toBe(1);
    } finally {
      desk.broker.close();
      serverA = await serve(storePath, certs, Number(new URL(serverA.address).port));
    }
  });

  it('shows offline every page of My requests and My access that was loaded online, not only the first', async () => {
    const cachePath = join(dir, 'offline-lists.db');
    const desk = tutorDesktop(cachePath);
    let stopped = false;
    try {
      await desk.signIn();
      // At least two grants, so My access has two pages of one (people already asked about are skipped;
      // the first person is left for the push test).
      for (const p of people.slice(1).reverse()) {
        const { total } = value<{ total: number }>(await desk.call('grants.mine', { filter: 'CURRENT', limit: 1 }));
        if (total >= 2) break;
        const made = await grantRoshSummary(desk.call, owner, p.crn).catch((e: unknown) => {
          expect(String(e)).toContain('DUPLICATE_REQUEST');
          return null;
        });
        if (made !== null) continue;
        // Already asked (the request kept offline earlier): the owner approves it.
        const open = value<{ rows: Array<{ id: number; crn: string }> }>(await desk.call('requests.mine', { filter: 'OPEN', limit: 100 }));
        const pending = open.rows.find((r) => r.crn === p.crn);
        if (pending) value(await owner.call('requests.approve', { requestId: pending.id }));
      }
      expect(value<{ total: number }>(await desk.call('grants.mine', { filter: 'CURRENT', limit: 1 })).total).toBeGreaterThanOrEqual(2);
      // My requests, page after page (of one, so there are several), as the screen loads them; then all of My access.
      const requestPages: Array<{ input: unknown; answer: { rows: unknown[]; total: number } }> = [];
      for (let offset = 0; ; offset += 1) {
        const input = { filter: 'ALL', offset, limit: 1 };
        const answer = value<{ rows: unknown[]; total: number }>(await desk.call('requests.mine', input));
        requestPages.push({ input, answer });
        if (offset + 1 >= answer.total) break;
      }
      expect(requestPages.length).toBeGreaterThanOrEqual(2);
      const current = [0, 1].map((offset) => ({ input: { filter: 'CURRENT', offset, limit: 1 } }));
      const currentOnline = await Promise.all(current.map(async (p) => value<{ rows: Array<{ id: number }> }>(await desk.call('grants.mine', p.input)).rows));
      const allAccess = value<{ rows: unknown[] }>(await desk.call('grants.mine', { filter: 'ALL', limit: 500 }));

      serverA.kill('SIGTERM');
      await serverA.exited;
      stopped = true;
      for (const page of requestPages) expect(value(await desk.call('requests.mine', page.input))).toEqual(page.answer);
      for (const [i, page] of current.entries()) expect(value<{ rows: Array<{ id: number }> }>(await desk.call('grants.mine', page.input)).rows.map((g) => g.id)).toEqual(currentOnline[i]!.map((g) => g.id));
      expect(value(await desk.call('grants.mine', { filter: 'ALL', limit: 500 }))).toEqual(allAccess);
      // A page never loaded online is not made up.
      expect(await desk.call('requests.mine', { filter: 'OPEN', offset: 0, limit: 2 })).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
    } finally {
      desk.broker.close();
      if (stopped) serverA = await serve(storePath, certs, Number(new URL(serverA.address).port));
    }
  });

  it('drops a record revoked elsewhere from an online desktop\'s copy within seconds, told by the push connection', async () => {
    const person = people[0]!;
    const cachePath = join(dir, 'offline-3.db');
    const desk = tutorDesktop(cachePath);
    try {
      await desk.signIn();
      const heard: string[] = [];
      const stop = desk.broker.subscribe(desk.conn, (event) => heard.push(event.kind));
      const grantId = await grantRoshSummary(desk.call, owner, person.crn);
      value(await desk.call('records.read', { crn: person.crn }));
      expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn)).toBe(1);
      // Revoked through server B; the desktop on A hears of it by push and makes no call itself.
      value(await owner.call('grants.revoke', { grantId, reason: 'No longer in the group.' }));
      await vi.waitFor(async () => expect(await cacheRows(cachePath, 'cached_records', 'crn = ?', person.crn)).toBe(0), { timeout: 30_000, interval: 200 });
      expect(heard).toContain('update');
      stop();
    } finally {
      desk.broker.close();
    }
  });
});
