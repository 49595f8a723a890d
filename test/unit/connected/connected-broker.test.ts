/**
 * Connected mode: the desktop's broker forwards each call to the real server (Fastify over real
 * TLS, on a real encrypted store), holds the session token itself, answers a typed error while the
 * server cannot be reached, resumes by itself when it is back, and never acts twice on a retry.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent, BrokerConnectionStatus } from '../../../shared/contract/broker-connection';
import { LIVE_VIEWS } from '../../../shared/contract/live-updates';
import type { Connection } from '../../../electron/core/auth/sessions';
import { ConnectedBroker, SIGNED_IN_AT_BROKER } from '../../../electron/core/connected/connected-broker';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import { run, sql } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { requestBody } from '../../helpers/broker-requests';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Hook = (app: FastifyInstance) => void;

/**
 * The server for one test. `cut()` and `restore()` take it off the network and put it back on the
 * same port, as an outage between the desktop and the broker would; the server keeps its sessions.
 * (A restarted `rab serve` forgets its tokens until sessions are kept in the database.)
 */
async function brokerServer(fx: BrokerFixture, certs: TestCertificates, hook?: Hook) {
  const app = await buildBrokerServer({ core: fx.core, tls: { key: certs.serverKey, cert: certs.serverCert } });
  hook?.(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  cleanups.push(() => app.close());
  const cut = () =>
    new Promise<void>((resolve) => {
      app.server.close(() => resolve());
      app.server.closeAllConnections();
    });
  const restore = () => new Promise<void>((resolve) => app.server.listen({ host: '127.0.0.1', port }, () => resolve()));
  return { cut, restore, certs, url: `https://127.0.0.1:${port}` };
}

async function setUp(hook?: Hook, now?: () => number) {
  const fx = await fixture();
  const certs = makeTestCertificates(tempDir());
  const server = await brokerServer(fx, certs, hook);
  const broker = new ConnectedBroker({ brokerUrl: server.url, ca: certs.caCert, attempts: 3, timeoutMs: 10_000, retryEveryMs: 100, ...(now ? { now } : {}) });
  cleanups.push(() => broker.close());
  const window = (): Connection => ({ id: crypto.randomUUID(), sessionId: null });
  const signIn = async (conn: Connection, username: string) => {
    const answer = await broker.dispatch('auth.signIn', conn, { username, password: PASSWORD });
    expect(answer).toMatchObject({ ok: true });
    return answer;
  };
  return { fx, broker, server, window, signIn };
}

/** Collects a window's bridge events; `next(pred)` resolves with the first (past or future) that matches. */
function listen(broker: ConnectedBroker, conn: Connection) {
  const seen: BridgeEvent[] = [];
  const waiters: { pred: (e: BridgeEvent) => boolean; resolve: (e: BridgeEvent) => void }[] = [];
  cleanups.push(
    broker.subscribe(conn, (event) => {
      seen.push(event);
      for (const w of waiters.filter((x) => x.pred(event))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }),
  );
  const next = (pred: (e: BridgeEvent) => boolean, after = 0) =>
    new Promise<BridgeEvent>((resolve) => {
      const already = seen.slice(after).find(pred);
      if (already) resolve(already);
      else waiters.push({ pred, resolve });
    });
  return { seen, next };
}

const isStatus = (pred: (s: BrokerConnectionStatus) => boolean) => (e: BridgeEvent) => e.kind === 'connection' && pred(e.status);
const unreachable = isStatus((s) => s.mode === 'connected' && !s.reachable);
const reachable = isStatus((s) => s.mode === 'connected' && s.reachable);

describe('a connected desktop', () => {
  it('forwards calls to the broker and keeps the session token in the main process', async () => {
    const { broker, window, signIn } = await setUp();
    const desk = window();
    expect(await broker.dispatch('requests.mine', desk, {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    const signedIn = await signIn(desk, 'priya');
    // The answer the window gets holds no token: only the broker client has it.
    expect(JSON.stringify(signedIn)).not.toMatch(/[A-Za-z0-9_-]{43}/);
    expect(desk.sessionId).toBe(SIGNED_IN_AT_BROKER);
    expect(await broker.dispatch('requests.mine', desk, {})).toMatchObject({ ok: true, value: { total: 0 } });
    // Another window of the same desktop is a different session: it is not signed in.
    expect(await broker.dispatch('requests.mine', window(), {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await broker.dispatch('auth.signOut', desk, {})).toMatchObject({ ok: true });
    expect(desk.sessionId).toBeNull();
  });

  it('answers BROKER_UNAVAILABLE and shows since when while the broker is down, and resumes by itself when it is back', async () => {
    let clock = Date.parse('2026-03-02T10:42:00Z');
    const { broker, server, window, signIn } = await setUp(undefined, () => clock);
    const desk = window();
    await signIn(desk, 'priya');
    const events = listen(broker, desk);
    expect(events.seen[0]).toEqual({ kind: 'connection', status: { mode: 'connected', reachable: true } });

    await server.cut();
    const down = await broker.dispatch('requests.mine', desk, {});
    expect(down).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
    expect(await events.next(unreachable)).toEqual({ kind: 'connection', status: { mode: 'connected', reachable: false, since: Date.parse('2026-03-02T10:42:00Z') } });
    expect(broker.status).toMatchObject({ reachable: false });

    clock += 60_000;
    const mark = events.seen.length;
    await server.restore();
    // Nobody calls: the desktop's own retries notice the broker is back and clear the banner.
    await events.next(reachable, mark);
    expect(await broker.dispatch('requests.mine', desk, {})).toMatchObject({ ok: true, value: { total: 0 } });
    // The push connection is back too, and since updates may have been missed the window refreshes everything.
    const refresh = await events.next((e) => e.kind === 'update' && e.update.views.length === LIVE_VIEWS.length, mark);
    expect(refresh).toMatchObject({ kind: 'update', update: { views: [...LIVE_VIEWS] } });
  });

  it('retries a lost answer with the same idempotency key, so the request is made once', async () => {
    let dropped = 0;
    const { broker, window, signIn } = await setUp((app) => {
      // The first answer to requests.create is lost on the way back: the call has run, the desktop hears nothing.
      app.addHook('onSend', async (req, reply, payload) => {
        if (req.url.endsWith('/requests.create') && dropped === 0) {
          dropped++;
          reply.raw.socket?.destroy();
        }
        return payload;
      });
    });
    const desk = window();
    await signIn(desk, 'priya');
    const created = await broker.dispatch('requests.create', desk, requestBody());
    expect(dropped).toBe(1);
    expect(created).toMatchObject({ ok: true, value: { results: [{ outcome: 'CREATED' }] } });
    expect(await broker.dispatch('requests.mine', desk, {})).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it("tells the owner's window which views changed when a request reaches their inbox", async () => {
    const { broker, window, signIn } = await setUp();
    const owner = window();
    const practitioner = window();
    await signIn(owner, 'olivia');
    await signIn(practitioner, 'priya');
    const events = listen(broker, owner);
    // The push connection is open once the broker says so (it asks for a full refresh then).
    await events.next((e) => e.kind === 'update' && e.update.views.length > 3);
    const created = (await broker.dispatch('requests.create', practitioner, requestBody())) as { ok: true; value: { results: { request: { id: number } }[] } };
    const requestId = created.value.results[0]!.request.id;
    const update = await events.next((e) => e.kind === 'update' && e.update.requestIds.includes(requestId));
    expect(update).toMatchObject({ kind: 'update', update: { views: expect.arrayContaining(['inbox']) } });
  });

  it('tells the window at once when a restarted broker no longer knows its session (its store lost it)', async () => {
    const { fx, broker, server, window, signIn } = await setUp();
    const desk = window();
    await signIn(desk, 'priya');
    const events = listen(broker, desk);
    await events.next((e) => e.kind === 'update');
    await server.cut();
    // A new server process on the same address, over a store that no longer holds the session (its
    // row gone, as after a restore from backup): servers otherwise keep sessions across restarts.
    await run(fx.engine, sql`DELETE FROM server_sessions`);
    const { certs } = server;
    const restarted = await buildBrokerServer({ core: fx.core, tls: { key: certs.serverKey, cert: certs.serverCert } });
    cleanups.push(() => restarted.close());
    await restarted.listen({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    expect(await events.next((e) => e.kind === 'session')).toEqual({ kind: 'session' });
    expect(await broker.dispatch('requests.mine', desk, {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(desk.sessionId).toBeNull();
  });

  it('refuses a broker address that is not https (except on this computer)', () => {
    expect(() => new ConnectedBroker({ brokerUrl: 'http://broker.example.org:8443' })).toThrow(/must start with https:\/\//);
  });
});
