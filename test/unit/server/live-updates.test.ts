/**
 * The push connection: a change made by one desktop reaches the desktops it concerns, naming the
 * views to refresh (never record contents), and a sign-out ends that desktop's push connection.
 */
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveUpdate } from '../../../shared/contract/live-updates';
import { BrokerClient } from '../../../electron/core/server/broker-client';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import { PASSWORD, useBrokerFixture } from '../../helpers/broker-fixture';
import { requestBody } from '../../helpers/broker-requests';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const running: { app: FastifyInstance; clients: BrokerClient[]; stops: (() => void)[] }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.stops.forEach((s) => s());
    r.clients.forEach((c) => c.close());
    await r.app.close();
  }
});

async function setUp() {
  const fx = await fixture();
  const certs = makeTestCertificates(tempDir());
  const app = await buildBrokerServer({ core: fx.core, tls: { key: certs.serverKey, cert: certs.serverCert } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const r = { app, clients: [] as BrokerClient[], stops: [] as (() => void)[] };
  running.push(r);
  const desktop = async (username: string) => {
    const client = new BrokerClient({ baseUrl: base, ca: certs.caCert });
    r.clients.push(client);
    expect(await client.call('auth.signIn', { username, password: PASSWORD })).toMatchObject({ ok: true });
    return client;
  };
  /** Subscribes and resolves once the push connection is open; `next(pred)` waits for a matching update. */
  const listen = async (client: BrokerClient) => {
    const seen: LiveUpdate[] = [];
    const waiters: { pred: (u: LiveUpdate) => boolean; resolve: (u: LiveUpdate) => void }[] = [];
    let opened!: () => void;
    const open = new Promise<void>((res) => (opened = res));
    r.stops.push(
      client.subscribe(
        (u) => {
          seen.push(u);
          for (const w of waiters.filter((x) => x.pred(u))) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(u);
          }
        },
        () => opened(),
      ),
    );
    await open;
    return {
      seen,
      next: (pred: (u: LiveUpdate) => boolean) =>
        new Promise<LiveUpdate>((resolve) => {
          const already = seen.find(pred);
          if (already) resolve(already);
          else waiters.push({ pred, resolve });
        }),
    };
  };
  return { fx, desktop, listen, base, certs };
}

describe('live updates over the push connection', () => {
  it("tells the owner's desktop at once that a new request is in their inbox", async () => {
    const { desktop, listen } = await setUp();
    const owner = await listen(await desktop('olivia'));
    const practitioner = await desktop('priya');
    const created = await practitioner.call('requests.create', requestBody());
    expect(created.ok).toBe(true);
    const requestId = (created as { ok: true; value: { results: { request: { id: number } }[] } }).value.results[0]!.request.id;
    const update = await owner.next((u) => u.views.includes('inbox'));
    expect(update.requestIds).toContain(requestId);
    expect(update.views).toContain('notifications');
    expect(JSON.stringify(update)).not.toMatch(/Walker|justification|appointment/i);
  });

  it("tells the holder's desktop to close the record when the owner revokes the access", async () => {
    const { desktop, listen } = await setUp();
    const practitioner = await desktop('priya');
    const owner = await desktop('olivia');
    const created = (await practitioner.call('requests.create', requestBody())) as { ok: true; value: { results: { request: { id: number } }[] } };
    const approved = (await owner.call('requests.approve', { requestId: created.value.results[0]!.request.id })) as { ok: true; value: { grantId: number } };
    expect(approved.ok).toBe(true);
    const holder = await listen(practitioner);
    expect(await owner.call('grants.revoke', { grantId: approved.value.grantId, reason: 'Case transferred to another team today.' })).toMatchObject({ ok: true });
    const update = await holder.next((u) => u.views.includes('record'));
    expect(update.views).toEqual(expect.arrayContaining(['myAccess', 'record']));
    expect(update.grantIds).toContain(approved.value.grantId);
  });

  it("ends a desktop's push connection when it signs out, and refuses one without a valid session", async () => {
    const { base, certs } = await setUp();
    const post = (path: string, body: unknown, token?: string) =>
      new Promise<{ status: number; token: string | null }>((resolve, reject) => {
        const req = request(new URL(path, base), { method: 'POST', ca: certs.caCert, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, token: (res.headers['broker-session-token'] as string | undefined) ?? null }));
        });
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
    const events = (token: string) =>
      new Promise<{ status: number; ended: Promise<string> }>((resolve, reject) => {
        const req = request(new URL('/v1/events', base), { method: 'GET', ca: certs.caCert, headers: { authorization: `Bearer ${token}` } }, (res) => {
          let text = '';
          const ended = new Promise<string>((done) => res.on('end', () => done(text)));
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          resolve({ status: res.statusCode ?? 0, ended });
        });
        req.on('error', reject);
        req.end();
      });
    const signedIn = await post('/v1/calls/auth.signIn', { input: { username: 'priya', password: PASSWORD } });
    const stream = await events(signedIn.token!);
    expect(stream.status).toBe(200);
    expect((await post('/v1/calls/auth.signOut', {}, signedIn.token!)).status).toBe(200);
    expect(await stream.ended).toContain('event: ready');
    expect((await events(signedIn.token!)).status).toBe(401);
    expect((await events('B'.repeat(43))).status).toBe(401);
  });
});
