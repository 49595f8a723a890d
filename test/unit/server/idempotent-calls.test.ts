/**
 * Idempotency keys and sessions kept in the database: two broker servers over one database (two
 * pools over one PostgreSQL in the postgres project; two cores over one embedded store otherwise)
 * act as one. A retry that reaches the other server gets the first answer and never acts twice; a
 * token issued by one server is honoured by the other; neither token nor answer leaks to others.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrokerCore } from '../../../electron/core/rpc/broker-core';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import { IdempotentCalls, KEEP_MS } from '../../../electron/core/server/idempotent-calls';
import { all, one, sql, type Db } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { httpCall, valueOf } from '../../helpers/broker-http';
import { requestBody } from '../../helpers/broker-requests';
import { secondPoolOn, TEST_ENGINE } from '../../helpers/engines';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Created = { results: { outcome: string; request: { id: number } }[] };

async function serverOn(fx: BrokerFixture, db: Db, certs: ReturnType<typeof makeTestCertificates>): Promise<string> {
  const core = db === fx.engine ? fx.core : createBrokerCore({ db, clock: fx.clock });
  const app: FastifyInstance = await buildBrokerServer({ core, tls: { key: certs.serverKey, cert: certs.serverCert }, now: () => fx.clock.now() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  return `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Server A on the fixture's database, server B on a second pool over the same database. */
async function twoServers() {
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
  const call = (base: string, channel: string, input: unknown, o: { token?: string; key?: string } = {}) => httpCall(base, certs.caCert, channel, input, o);
  const signIn = async (base: string, username: string) => (await call(base, 'auth.signIn', { username, password: PASSWORD })).token!;
  const requestCount = async () => (await one<{ n: number }>(fx.engine, sql`SELECT count(*) AS n FROM requests`))!.n;
  return { fx, a, b, call, signIn, requestCount };
}

describe('idempotency keys and sessions kept in the database', () => {
  it('gives a retry that reaches another server the first answer, and creates the request once', async () => {
    const { a, b, call, signIn, requestCount } = await twoServers();
    const token = await signIn(a, 'priya');
    const key = 'lost-answer-retried-elsewhere-1';
    const first = await call(a, 'requests.create', requestBody(), { token, key });
    const retried = await call(b, 'requests.create', requestBody(), { token, key });
    expect(valueOf<Created>(first).results[0]!.outcome).toBe('CREATED');
    expect(retried.result).toEqual(first.result);
    expect(await requestCount()).toBe(1);
  });

  it('lets the same call sent to both servers at once act exactly once', async () => {
    const { a, b, call, signIn, requestCount } = await twoServers();
    const token = await signIn(a, 'priya');
    const keys = Array.from({ length: 6 }, (_, i) => `sent-to-both-servers-at-once-${i}`);
    const answers = await Promise.all(keys.flatMap((key) => [call(a, 'requests.create', requestBody(), { token, key }), call(b, 'requests.create', requestBody(), { token, key })]));
    for (let i = 0; i < keys.length; i++) {
      expect(answers[2 * i]!.status).toBe(200);
      expect(answers[2 * i + 1]!.result).toEqual(answers[2 * i]!.result);
    }
    // Same person and scope: the first is created and the other five are refused as duplicates, once each.
    expect(await requestCount()).toBe(1);
    expect(answers.filter((x) => x.result.ok && (x.result.value as Created).results[0]!.outcome === 'CREATED')).toHaveLength(2);
  });

  it("honours a token issued by one server on the other, and a sign-out through one ends it on both", async () => {
    const { a, b, call, signIn } = await twoServers();
    const token = await signIn(a, 'olivia');
    expect(await call(b, 'auth.status', {}, { token })).toMatchObject({ status: 200, result: { ok: true, value: { state: 'SIGNED_IN' } } });
    expect(await call(a, 'auth.status', {}, { token })).toMatchObject({ result: { ok: true, value: { state: 'SIGNED_IN' } } });
    expect(await call(b, 'auth.signOut', {}, { token })).toMatchObject({ result: { ok: true } });
    expect(await call(a, 'auth.status', {}, { token })).toMatchObject({ status: 401, result: { ok: false, error: { code: 'SESSION_EXPIRED' } } });
  });

  it('keeps a lock made through one server on the other until the password is entered again', async () => {
    const { a, b, call, signIn } = await twoServers();
    const token = await signIn(a, 'olivia');
    expect(await call(b, 'auth.lock', {}, { token })).toMatchObject({ result: { ok: true, value: { state: 'LOCKED' } } });
    expect(await call(a, 'notifications.list', {}, { token })).toMatchObject({ result: { ok: false, error: { code: 'SESSION_LOCKED' } } });
    expect(await call(a, 'auth.unlock', { password: PASSWORD }, { token })).toMatchObject({ result: { ok: true, value: { state: 'SIGNED_IN' } } });
    expect(await call(b, 'auth.status', {}, { token })).toMatchObject({ result: { ok: true, value: { state: 'SIGNED_IN' } } });
  });

  it('answers a retried sign-in on the other server with the same session, and stores neither the token nor the password', async () => {
    const { fx, a, b, call } = await twoServers();
    const key = 'sign-in-answer-was-lost-0001';
    const first = await call(a, 'auth.signIn', { username: 'priya', password: PASSWORD }, { key });
    const retried = await call(b, 'auth.signIn', { username: 'priya', password: PASSWORD }, { key });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(retried.token).toBe(first.token);
    expect(retried.result).toEqual(first.result);
    expect(await all(fx.engine, sql`SELECT seq FROM audit_events WHERE action = 'auth.signIn'`)).toHaveLength(1);
    const stored = JSON.stringify([await all(fx.engine, sql`SELECT * FROM server_sessions`), await all(fx.engine, sql`SELECT * FROM idempotent_calls`)]);
    expect(stored).not.toContain(first.token);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(key);
  });

  it("keeps answers to the caller: another desktop sending the same key acts for itself", async () => {
    const { a, call, signIn, requestCount } = await twoServers();
    const priya = await signIn(a, 'priya');
    const olivia = await signIn(a, 'olivia');
    const key = 'the-same-key-from-two-desktops';
    const first = await call(a, 'requests.create', requestBody(), { token: priya, key });
    const other = await call(a, 'notifications.list', {}, { token: olivia, key });
    expect(first.result.ok).toBe(true);
    expect(other.result).toMatchObject({ ok: true, value: expect.anything() });
    expect(await requestCount()).toBe(1);
  });

  it('refuses a key sent again with a different call, and does nothing', async () => {
    const { a, call, signIn, requestCount } = await twoServers();
    const token = await signIn(a, 'priya');
    const key = 'one-key-for-one-call-only-01';
    expect((await call(a, 'requests.create', requestBody(), { token, key })).result.ok).toBe(true);
    const reused = await call(a, 'requests.create', requestBody({ scope: 'FULL_RECORD' }), { token, key });
    expect(reused.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('first sent with a different call') } });
    expect(await requestCount()).toBe(1);
  });

  it('forgets answers a day old, so their keys act again', async () => {
    const fx = await fixture();
    let now = fx.clock.now();
    const calls = new IdempotentCalls(fx.engine, () => now);
    let acted = 0;
    const id = { scope: 'address:127.0.0.1', key: 'kept-for-a-day-then-forgotten', channel: 'auth.signIn', input: {} };
    const work = async () => ({ result: { ok: true as const, value: ++acted }, issuedToken: null });
    expect((await calls.claimedFirst(id, work)).result).toEqual({ ok: true, value: 1 });
    expect((await calls.claimedFirst(id, work)).result).toEqual({ ok: true, value: 1 });
    now += KEEP_MS - 1;
    expect(await calls.forgetOld()).toBe(0);
    now += 2;
    expect(await calls.forgetOld()).toBe(1);
    expect((await calls.claimedFirst(id, work)).result).toEqual({ ok: true, value: 2 });
  });
});
