/**
 * Two broker servers over one database: a change made through server A reaches a desktop whose
 * push connection is on server B. On PostgreSQL, B hears A's commit through LISTEN/NOTIFY (its
 * readiness says "listening"), and hears again after losing that connection; on the embedded store
 * B finds the change by polling, as before.
 */
import type { AddressInfo } from 'node:net';
import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveUpdate } from '../../../shared/contract/live-updates';
import { createBrokerCore } from '../../../electron/core/rpc/broker-core';
import { BrokerClient } from '../../../electron/core/server/broker-client';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import type { Db } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { httpCall } from '../../helpers/broker-http';
import { requestBody } from '../../helpers/broker-requests';
import { adminQuery, secondPoolOn, TEST_ENGINE } from '../../helpers/engines';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Keep-alives (and the session check that comes with them) far beyond any test's time: only an announcement can end a push connection. */
const NO_KEEP_ALIVE_MS = 60 * 60 * 1000;

async function serverOn(fx: BrokerFixture, db: Db, certs: TestCertificates): Promise<string> {
  const core = db === fx.engine ? fx.core : createBrokerCore({ db, clock: fx.clock });
  const app = await buildBrokerServer({ core, tls: { key: certs.serverKey, cert: certs.serverCert }, heartbeatMs: NO_KEEP_ALIVE_MS });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  return `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const readiness = (base: string, ca: Buffer) =>
  new Promise<{ status: string; liveFeed: string }>((resolve, reject) => {
    const req = request(new URL('/readyz', base), { ca, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve(JSON.parse(text) as { status: string; liveFeed: string }));
    });
    req.on('error', reject);
    req.end();
  });

/** Asks readiness again until `pred` holds: the listener reconnects in its own time. */
async function readinessUntil(base: string, ca: Buffer, pred: (r: { liveFeed: string }) => boolean) {
  let last: { status: string; liveFeed: string } | null = null;
  await expect.poll(async () => pred((last = await readiness(base, ca))), { timeout: 120_000, interval: 100 }).toBe(true);
  return last!;
}

async function setUp() {
  const fx = await fixture();
  const certs = makeTestCertificates(tempDir());
  let dbB: Db = fx.engine;
  if (TEST_ENGINE === 'postgres') {
    const pool = secondPoolOn((fx.engine as unknown as { schema: string }).schema);
    cleanups.push(() => pool.close());
    dbB = pool;
  }
  const a = await serverOn(fx, fx.engine, certs);
  const b = await serverOn(fx, dbB, certs);
  const desktop = async (base: string, username: string) => {
    const client = new BrokerClient({ baseUrl: base, ca: certs.caCert });
    cleanups.push(() => client.close());
    expect(await client.call('auth.signIn', { username, password: PASSWORD })).toMatchObject({ ok: true });
    return client;
  };
  /** Opens the desktop's push connection and answers a function that waits for a matching update. */
  const listen = async (client: BrokerClient) => {
    const seen: LiveUpdate[] = [];
    const waiting: (() => void)[] = [];
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const stop = client.subscribe((u) => (seen.push(u), waiting.splice(0).forEach((w) => w())), () => opened());
    cleanups.push(stop);
    await open;
    return async (pred: (u: LiveUpdate) => boolean): Promise<LiveUpdate> => {
      for (;;) {
        const found = seen.find(pred);
        if (found) return found;
        await new Promise<void>((r) => waiting.push(r));
      }
    };
  };
  return { fx, a, b, certs, desktop, listen };
}

const createdId = (answer: unknown) => (answer as { ok: true; value: { results: { request: { id: number } }[] } }).value.results[0]!.request.id;

describe('live updates across servers', () => {
  it("tells the owner's desktop on server B of a request made through server A", async () => {
    const { a, b, certs, desktop, listen } = await setUp();
    if (TEST_ENGINE === 'postgres') expect(await readinessUntil(b, certs.caCert, (r) => r.liveFeed === 'listening')).toMatchObject({ status: 'ready' });
    const ownerUpdate = await listen(await desktop(b, 'olivia'));
    const practitioner = await desktop(a, 'priya');
    const requestId = createdId(await practitioner.call('requests.create', requestBody()));
    const update = await ownerUpdate((u) => u.requestIds.includes(requestId));
    expect(update.views).toContain('inbox');
  });

  it.skipIf(TEST_ENGINE !== 'postgres')('hears other servers again after its LISTEN connection was cut (postgres project)', async () => {
    const { a, b, certs, desktop, listen } = await setUp();
    await readinessUntil(b, certs.caCert, (r) => r.liveFeed === 'listening');
    // Cut every LISTEN connection of this test's database, as a database restart or failover would.
    await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN %' AND pid <> pg_backend_pid()`);
    await readinessUntil(b, certs.caCert, (r) => r.liveFeed === 'listening');
    const ownerUpdate = await listen(await desktop(b, 'olivia'));
    const practitioner = await desktop(a, 'priya');
    const requestId = createdId(await practitioner.call('requests.create', requestBody()));
    expect((await ownerUpdate((u) => u.requestIds.includes(requestId))).views).toContain('inbox');
  });

  it.skipIf(TEST_ENGINE !== 'postgres')('closes a session\'s push connection on server B at once when it signs out through server A (postgres project)', async () => {
    const { a, b, certs } = await setUp();
    await readinessUntil(b, certs.caCert, (r) => r.liveFeed === 'listening');
    const token = (await httpCall(a, certs.caCert, 'auth.signIn', { username: 'olivia', password: PASSWORD })).token!;
    const push = await openPush(b, certs.caCert, token);
    expect((await httpCall(a, certs.caCert, 'auth.signOut', {}, { token })).result).toMatchObject({ ok: true });
    // The keep-alive that would also find the session gone is an hour away: this is the announcement.
    await push.ended;
    expect((await httpCall(b, certs.caCert, 'notifications.list', {}, { token })).status).toBe(401);
  });

  it.skipIf(TEST_ENGINE !== 'postgres')('closes the push connections on server B of an account made inactive through server A (postgres project)', async () => {
    const { a, b, certs } = await setUp();
    await readinessUntil(b, certs.caCert, (r) => r.liveFeed === 'listening');
    const owner = (await httpCall(b, certs.caCert, 'auth.signIn', { username: 'olivia', password: PASSWORD })).token!;
    const pushes = [await openPush(b, certs.caCert, owner), await openPush(b, certs.caCert, owner)];
    const admin = (await httpCall(a, certs.caCert, 'auth.signIn', { username: 'ada', password: PASSWORD })).token!;
    const users = (await httpCall(a, certs.caCert, 'admin.listUsers', {}, { token: admin })).result as { ok: true; value: { rows: { userId: number; username: string }[] } };
    const olivia = users.value.rows.find((u) => u.username === 'olivia')!;
    expect((await httpCall(a, certs.caCert, 'admin.setActive', { userId: olivia.userId, active: false, confirmPassword: PASSWORD }, { token: admin })).result).toMatchObject({ ok: true });
    await Promise.all(pushes.map((p) => p.ended));
  });
});

/** A raw push connection: `ended` settles when the server closes it. */
async function openPush(base: string, ca: Buffer, token: string): Promise<{ ended: Promise<void> }> {
  let ended!: () => void;
  const done = new Promise<void>((r) => (ended = r));
  await new Promise<void>((opened, failed) => {
    const req = request(new URL('/v1/events', base), { ca, agent: false, headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return failed(new Error(`push connection refused: ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (c: string) => c.includes('event: ready') && opened());
      res.on('end', () => ended());
      res.on('close', () => ended());
    });
    req.on('error', failed);
    req.end();
    cleanups.push(() => void req.destroy());
  });
  return { ended: done };
}
