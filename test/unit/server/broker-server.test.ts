/**
 * `rab serve`'s HTTP layer against a real encrypted store, over real TLS: sessions as bearer
 * tokens, idempotent retries, limits, headers, and every channel's bad input answered as a typed
 * error through HTTP as through IPC.
 */
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/contract';
import { ERROR_CODES } from '../../../shared/errors';
import { BrokerClient } from '../../../electron/core/server/broker-client';
import { buildBrokerServer, type SignInLimits } from '../../../electron/core/server/broker-server';
import { one, sql } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { requestBody } from '../../helpers/broker-requests';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const servers: FastifyInstance[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

interface Running {
  fx: BrokerFixture;
  certs: TestCertificates;
  base: string;
  logs: string[];
  client(): BrokerClient;
}

async function serve(limits?: SignInLimits, trustProxy?: string[]): Promise<Running> {
  const fx = await fixture();
  const certs = makeTestCertificates(tempDir());
  const logs: string[] = [];
  const app = await buildBrokerServer({
    core: fx.core,
    tls: { key: certs.serverKey, cert: certs.serverCert },
    log: true,
    logStream: new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }),
    ...(limits ? { signInLimits: limits } : {}),
    ...(trustProxy ? { trustProxy } : {}),
  });
  servers.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { fx, certs, base, logs, client: () => new BrokerClient({ baseUrl: base, ca: certs.caCert, attempts: 2 }) };
}

/** A raw HTTPS call, for what the client would never send. */
function raw(r: Running, path: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(new URL(path, r.base), { method: o.method ?? 'POST', ca: r.certs.caCert, headers: o.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('the broker server: sessions', () => {
  it('refuses a session channel without a token, and answers it once signed in with the token it issued', async () => {
    const r = await serve();
    const client = r.client();
    expect(await client.call('people.search', { query: 'Smith' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await client.call('auth.signIn', { username: 'priya', password: PASSWORD })).toMatchObject({ ok: true });
    expect(client.signedIn).toBe(true);
    expect(await client.call('notifications.list', {})).toMatchObject({ ok: true });
    client.close();
  });

  it('refuses a made-up token, and ends a token at sign-out while another user\'s stays valid', async () => {
    const r = await serve();
    const forged = await raw(r, '/v1/calls/notifications.list', { headers: { 'content-type': 'application/json', authorization: `Bearer ${'A'.repeat(43)}` }, body: '{}' });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });

    const capture = async (username: string) => {
      const answer = await raw(r, '/v1/calls/auth.signIn', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { username, password: PASSWORD } }) });
      expect(answer.status).toBe(200);
      return String(answer.headers['broker-session-token']);
    };
    const priya = await capture('priya');
    const olivia = await capture('olivia');
    const asUser = (token: string, channel: string) =>
      raw(r, `/v1/calls/${channel}`, { headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
    expect((await asUser(priya, 'auth.signOut')).status).toBe(200);
    expect((await asUser(priya, 'notifications.list')).status).toBe(401);
    const stillIn = await asUser(olivia, 'notifications.list');
    expect(stillIn.status).toBe(200);
    expect(JSON.parse(stillIn.body)).toMatchObject({ ok: true });
  });

  it('never writes a token or a password into its logs', async () => {
    const r = await serve();
    const client = r.client();
    await client.call('auth.signIn', { username: 'priya', password: PASSWORD });
    await client.call('notifications.list', {});
    const logged = r.logs.join('');
    expect(logged).toContain('"url":"/v1/calls/notifications.list"');
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toMatch(/Bearer [A-Za-z0-9_-]{43}/);
    client.close();
  });
});

describe('the broker server: retries and limits', () => {
  it('acts once for a retried call: the same idempotency key gets the first answer', async () => {
    const r = await serve();
    const client = r.client();
    await client.call('auth.signIn', { username: 'priya', password: PASSWORD });
    const key = 'retry-after-lost-answer-0001';
    const first = await client.call('requests.create', requestBody(), key);
    const retried = await client.call('requests.create', requestBody(), key);
    expect(first.ok).toBe(true);
    expect(retried).toEqual(first);
    expect(await one(r.fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: 1 });
    client.close();
  });

  it('limits sign-in attempts per account (ACCOUNT_LOCKED, HTTP 429) while other accounts can still sign in', async () => {
    const r = await serve({ perAccount: 3, perAddress: 50, windowMs: 60_000 });
    const client = r.client();
    for (let i = 0; i < 3; i++) expect(await client.call('auth.signIn', { username: 'olivia', password: 'wrong password!' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await client.call('auth.signIn', { username: 'olivia', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(await client.call('auth.signIn', { username: 'priya', password: PASSWORD })).toMatchObject({ ok: true });
    client.close();
  });

  it('limits sign-in attempts per address across accounts', async () => {
    const r = await serve({ perAccount: 50, perAddress: 2, windowMs: 60_000 });
    const client = r.client();
    await client.call('auth.signIn', { username: 'a.one', password: 'x' });
    await client.call('auth.signIn', { username: 'b.two', password: 'x' });
    expect(await client.call('auth.signIn', { username: 'priya', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    client.close();
  });

  it('behind a trusted load balancer counts each desktop\'s address from X-Forwarded-For, and ignores the header from anyone else', async () => {
    const signIn = (r: Running, from: string, username: string, password = 'x') =>
      raw(r, '/v1/calls/auth.signIn', { headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ input: { username, password } }) });
    const behind = await serve({ perAccount: 50, perAddress: 2, windowMs: 60_000 }, ['127.0.0.1']);
    await signIn(behind, '203.0.113.1', 'a.one');
    await signIn(behind, '203.0.113.1', 'b.two');
    expect((await signIn(behind, '203.0.113.1', 'priya', PASSWORD)).status).toBe(429);
    // Another desktop behind the same balancer is not held back by the first one's attempts.
    expect((await signIn(behind, '203.0.113.2', 'priya', PASSWORD)).status).toBe(200);

    // Not trusted: a caller cannot pick a fresh address for each attempt.
    const direct = await serve({ perAccount: 50, perAddress: 2, windowMs: 60_000 });
    await signIn(direct, '203.0.113.1', 'a.one');
    await signIn(direct, '203.0.113.2', 'b.two');
    expect((await signIn(direct, '203.0.113.3', 'priya', PASSWORD)).status).toBe(429);
  });

  it('refuses oversized, non-JSON and non-object bodies, and bad idempotency keys, with clear answers', async () => {
    const r = await serve();
    const json = { 'content-type': 'application/json' };
    expect((await raw(r, '/v1/calls/auth.status', { headers: json, body: JSON.stringify({ input: 'x'.repeat(1_100_000) }) })).status).toBe(413);
    expect((await raw(r, '/v1/calls/auth.status', { headers: { 'content-type': 'text/plain' }, body: 'hello' })).status).toBe(415);
    const notJson = await raw(r, '/v1/calls/auth.status', { headers: json, body: '{not json' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A "__proto__" key is refused by the parser itself, in the contract's shape too.
    const poisoned = await raw(r, '/v1/calls/auth.status', { headers: json, body: '{"input":{"a":{"__proto__":{"x":1}}}}' });
    expect(poisoned.status).toBe(400);
    expect(JSON.parse(poisoned.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const tooLarge = await raw(r, '/v1/calls/auth.status', { headers: json, body: JSON.stringify({ input: 'x'.repeat(1_100_000) }) });
    expect(JSON.parse(tooLarge.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const array = await raw(r, '/v1/calls/auth.status', { headers: json, body: '[1,2]' });
    expect(array.status).toBe(400);
    expect(JSON.parse(array.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const badKey = await raw(r, '/v1/calls/auth.status', { headers: { ...json, 'idempotency-key': 'short' }, body: '{}' });
    expect(badKey.status).toBe(400);
    expect(JSON.parse(badKey.body).error.message).toContain('Idempotency-Key');
  });
});

describe('the broker server: transport', () => {
  it('speaks TLS only, and a client that does not trust its authority cannot call it', async () => {
    const r = await serve();
    const untrusting = new BrokerClient({ baseUrl: r.base, attempts: 1 });
    expect(await untrusting.call('auth.status', {})).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
    untrusting.close();
    const plain = new BrokerClient({ baseUrl: r.base.replace('https:', 'http:'), attempts: 1 });
    expect(await plain.call('auth.status', {})).toMatchObject({ ok: false, error: { code: 'BROKER_UNAVAILABLE' } });
    plain.close();
  });

  it('sends security headers, and answers health and readiness', async () => {
    const r = await serve();
    const health = await raw(r, '/healthz', { method: 'GET' });
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await raw(r, '/readyz', { method: 'GET' })).status).toBe(200);
  });

  it('answers every channel given random input with a typed error or a value, never a crash', async () => {
    const r = await serve();
    const client = r.client();
    await client.call('auth.signIn', { username: 'hana', password: PASSWORD });
    const known = new Set(Object.keys(ERROR_CODES));
    const channels = CHANNEL_NAMES.filter((c) => c !== 'auth.signOut' && c !== 'auth.lock');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), fc.anything(), async (channel, input) => {
        const answer = await client.call(channel, input);
        if (!answer.ok) expect(known.has(answer.error.code)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(r.fx.internalErrors).toEqual([]);
    client.close();
  });
});
