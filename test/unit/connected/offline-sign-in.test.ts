/**
 * Signing in while the broker cannot be reached, against a real `rab serve` on a demonstration
 * store and a real encrypted cache file (key in the real keychain): the practitioner signed in
 * online and read a granted record; the broker goes and the window's idle lock holds offline until
 * the password is given (checked against the cache's verifier); the desktop is restarted while the
 * broker is down; they sign in
 * offline with their password (checked against the cache's verifier, a wrong one counted and
 * chained), read their offline copy and nothing else; when the broker is back the offline session
 * ends, they sign in online, and the offline sign-in, the failed attempt and the read join the
 * audit chain, which verifies. The reports count the offline read apart, `rab report` as the screen.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView, Result } from '../../../shared/contract';
import type { SessionStatus } from '../../../shared/contract/auth';
import type { Report } from '../../../shared/contract/reports';
import { reportTables } from '../../../shared/contract/report-tables';
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

let dir: string;
let storePath: string;
let certs: TestCertificates;
let server: RabServeProcess;
let owner: BrokerClient;
let people: Array<{ crn: string; name: string }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rab-offline-sign-in-'));
  storePath = await makeDemoStore(dir);
  certs = makeTestCertificates(dir);
  server = await serve(storePath, certs);
  owner = await signedInClient(server.address, certs, OWNER);
  const tutor = await signedInClient(server.address, certs, TUTOR);
  people = await ownersPeople(tutor, owner);
  tutor.close();
  expect(people.length).toBeGreaterThanOrEqual(1);
}, 300_000);

afterAll(async () => {
  owner?.close();
  server?.kill('SIGTERM');
  await server?.exited;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A desktop started on the cache file: a new one stands for the app started again. */
function desktop(cachePath: string) {
  const broker = new ConnectedBroker({
    brokerUrl: server.address,
    ca: certs.caCert,
    attempts: 2,
    timeoutMs: 10_000,
    retryEveryMs: 200,
    offlineCache: openOfflineCache(cachePath, new SystemKeyStore()),
  });
  const conn: Connection = { id: crypto.randomUUID(), sessionId: null };
  const call = (channel: string, input: unknown = {}): Promise<Result<unknown>> => broker.dispatch(channel, conn, input);
  return { broker, conn, call };
}

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

describe('signing in while the broker cannot be reached', () => {
  it('locks and unlocks offline, lets the person who signed in here sign in again and read their offline copy and nothing else, and audits it all on reconnection', async () => {
    const person = people[0]!;
    const cachePath = join(dir, 'offline-sign-in.db');
    const first = desktop(cachePath);
    let online: RecordView;
    try {
      value(await first.call('auth.signIn', { username: TUTOR, password: DEMO_PASSWORD }));
      await grantRoshSummary(first.call, owner, person.crn);
      online = value<RecordView>(await first.call('records.read', { crn: person.crn }));
      value(await first.call('grants.mine', { filter: 'CURRENT' }));

      // The broker goes; the window locks (the idle lock) and holds locked offline until the password is given.
      server.kill('SIGTERM');
      await server.exited;
      expect(value(await first.call('auth.lock'))).toMatchObject({ state: 'LOCKED', user: { username: TUTOR } });
      expect(await first.call('records.read', { crn: person.crn })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
      expect(value(await first.call('auth.status'))).toMatchObject({ state: 'LOCKED' });
      expect(await first.call('auth.unlock', { password: 'not the password at all' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
      expect(value(await first.call('auth.unlock', { password: DEMO_PASSWORD }))).toMatchObject({ state: 'SIGNED_IN' });
      expect(value<RecordView>(await first.call('records.read', { crn: person.crn })).offline).not.toBeNull();
    } finally {
      // The app stops without signing out (closed by the system, a restart): the copy stays.
      first.broker.close();
    }
    // The verifier is kept, never the password.
    expect(cacheFilesHold(cachePath, DEMO_PASSWORD)).toBe(false);

    const desk = desktop(cachePath);
    try {
      // The app starts with the broker down: it offers the sign-in screen rather than "not available".
      expect(value(await desk.call('setup.status'))).toMatchObject({ state: 'READY' });
      expect(value(await desk.call('auth.status'))).toEqual({ state: 'SIGNED_OUT' });
      // Someone who never signed in here cannot sign in offline; a wrong password is counted and chained.
      expect(await desk.call('auth.signIn', { username: OWNER, password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
      expect(await desk.call('auth.signIn', { username: TUTOR, password: 'not the password at all' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
      expect(await cacheRows(cachePath, 'offline_reads', "kind = 'signInFailed' AND uploaded = 0")).toBe(1);

      const status = value<Extract<SessionStatus, { state: 'SIGNED_IN' }>>(await desk.call('auth.signIn', { username: TUTOR, password: DEMO_PASSWORD }));
      expect(status).toMatchObject({ state: 'SIGNED_IN', signedInOffline: true, user: { username: TUTOR } });
      expect(await cacheRows(cachePath, 'offline_reads', "kind = 'signIn' AND uploaded = 0")).toBe(1);
      expect(desk.conn.sessionId).not.toBeNull();

      // The offline copy reads, marked, and the read is chained; the lists are there.
      const offline = value<RecordView>(await desk.call('records.read', { crn: person.crn }));
      expect(offline.offline).not.toBeNull();
      expect(offline.roshSummary).toEqual(online.roshSummary);
      expect(await cacheRows(cachePath, 'offline_reads', "kind = 'read' AND uploaded = 0")).toBe(2);
      expect(value<{ rows: unknown[] }>(await desk.call('grants.mine', { filter: 'CURRENT' })).rows.length).toBeGreaterThan(0);
      expect(value(await desk.call('auth.status'))).toMatchObject({ signedInOffline: true });
      // Everything else needs the broker, even what an online session would keep in the outbox.
      for (const [channel, input] of [
        ['requests.create', { crns: [person.crn], scope: 'FULL_RECORD', purpose: 'PROGRAMME_DELIVERY', justification: 'Asked while signed in offline.', urgency: 'ROUTINE', durationDays: 2 }],
        ['requests.approve', { requestId: 1 }],
        ['people.search', { query: 'a' }],
      ] as const) {
        expect(await desk.call(channel, input), channel).toMatchObject({ ok: false, error: { code: 'NEEDS_BROKER' } });
      }
      expect(await cacheRows(cachePath, 'outbox')).toBe(0);

      // The broker is back: the offline session ends at the next call; signing in online uploads the chain.
      server = await serve(storePath, certs, Number(new URL(server.address).port));
      expect(await desk.call('grants.mine', { filter: 'CURRENT' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      expect(value(await desk.call('auth.status'))).toEqual({ state: 'SIGNED_OUT' });
      value(await desk.call('auth.signIn', { username: TUTOR, password: DEMO_PASSWORD }));
      expect(await cacheRows(cachePath, 'offline_reads', 'uploaded = 0')).toBe(0);

      const admin = await signedInClient(server.address, certs, ADMIN);
      try {
        const events = value<{ rows: Array<{ action: string; at: number }> }>(await admin.call('admin.auditList', { actor: TUTOR, offset: 0, limit: 50 }));
        const offlineEvents = events.rows.filter((e) => e.action.includes('offline')).map((e) => e.action).sort();
        expect(offlineEvents).toEqual(['auth.signIn.offline', 'auth.signIn.offline.fail', 'auth.unlock.offline', 'auth.unlock.offline.fail', 'record.read.offline', 'record.read.offline']);
        expect(events.rows.find((e) => e.action === 'auth.signIn.offline')?.at).toBe(status.now);
        expect(value<{ ok: boolean }>(await admin.call('admin.auditVerify', {}))).toMatchObject({ ok: true });

        // The reports count the offline read apart from the online ones; `rab report` writes the same figures.
        const day = londonToday();
        const report = value<Report>(await admin.call('reports.build', { from: day, to: day }));
        expect(report.reads.offline).toBe(2);
        expect(report.reads.online).toBeGreaterThanOrEqual(1);
        const out = join(dir, 'report');
        const cli = cliHarness(new SystemKeyStore());
        const written = await cli.rab(['report', '--store', storePath, '--from', day, '--to', day, '--out', out]);
        expect(written.code, written.stderr).toBe(0);
        for (const table of reportTables(report).filter((t) => t.id === 'record-reads-by-team' || t.id === 'offline-upload-delays')) {
          const rows = parse(readFileSync(join(out, `${table.id}.csv`))) as string[][];
          expect(rows, table.id).toEqual([table.columns, ...table.rows.map((row) => row.map((c) => (c === null ? '' : String(c))))]);
        }
        const verify = await cli.rab(['audit', 'verify', '--store', storePath]);
        expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      } finally {
        admin.close();
      }
    } finally {
      desk.broker.close();
    }
  });
});
