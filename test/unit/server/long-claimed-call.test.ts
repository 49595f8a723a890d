/**
 * A call that keeps its own transactions (a password call: claimed first, answered afterwards) and
 * runs longer than the time after which an unanswered claim counts as abandoned: its server keeps
 * renewing the claim, so a retry sent to the other server waits for the first answer instead of
 * taking the claim over and running the call a second time. Two servers over two pools on the
 * test PostgreSQL (postgres project); the call is held inside PostgreSQL by a lock the test holds,
 * and time past the claim's limit is the servers' clock moved on, not waited for.
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrokerCore } from '../../../electron/core/rpc/broker-core';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import { one, sql, type Db } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { httpCall, valueOf } from '../../helpers/broker-http';
import { POSTGRES_URL, secondPoolOn, TEST_ENGINE } from '../../helpers/engines';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Short, so claims are renewed often (every quarter of it) while the test holds the call. */
const ABANDONED_CLAIM_MS = 2_000;

async function serverOn(fx: BrokerFixture, db: Db, certs: TestCertificates): Promise<string> {
  const core = db === fx.engine ? fx.core : createBrokerCore({ db, clock: fx.clock });
  const app = await buildBrokerServer({ core, tls: { key: certs.serverKey, cert: certs.serverCert }, now: () => fx.clock.now(), abandonedClaimMs: ABANDONED_CLAIM_MS });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  return `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe.skipIf(TEST_ENGINE !== 'postgres')('a claimed call outliving the abandoned-claim time (postgres project)', () => {
  it('is answered once: the retry on the other server waits for the first answer, and one account is made', async () => {
    const fx = await fixture();
    const schema = (fx.engine as unknown as { schema: string }).schema;
    const certs = makeTestCertificates(tempDir());
    const pool = secondPoolOn(schema);
    cleanups.push(() => pool.close());
    const a = await serverOn(fx, fx.engine, certs);
    const b = await serverOn(fx, pool, certs);
    const client = async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
      await c.connect();
      cleanups.push(() => c.end());
      return c;
    };
    // One connection holds the lock; the other watches (pg_stat_activity stays as first seen within a transaction).
    const [locks, watch] = await Promise.all([client(), client()]);
    const call = (base: string, channel: string, input: unknown, o: { token?: string; key?: string } = {}) => httpCall(base, certs.caCert, channel, input, o);
    const token = (await call(a, 'auth.signIn', { username: 'ada', password: PASSWORD })).token!;
    const key = 'account-made-while-the-store-was-slow';
    const input = { username: 'new.colleague', displayName: 'New Colleague', staffCode: null, roles: ['admin'], password: 'a long enough password', confirmPassword: PASSWORD };

    await locks.query('BEGIN');
    await locks.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    const first = call(a, 'admin.createUser', input, { token, key });
    const waiting = async () => Number((await watch.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND datname = current_database()`)).rows[0]!.n);
    await expect.poll(waiting, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    const claimedAt = async () => Number((await watch.query<{ claimed_at: string }>('SELECT claimed_at FROM idempotent_calls WHERE answer IS NULL')).rows[0]?.claimed_at ?? 0);
    expect(await claimedAt()).toBe(fx.clock.now());

    // Long past the abandoned-claim time: server A, still running the call, has renewed its claim.
    fx.clock.advanceMinutes(1);
    await expect.poll(claimedAt, { timeout: 30_000, interval: 50 }).toBe(fx.clock.now());
    const retry = call(b, 'admin.createUser', input, { token, key });
    // Server B has found the claim unanswered (its last statement read the row) and keeps waiting.
    const looked = async () => Number((await watch.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND query LIKE 'SELECT channel, input_hash, claimed_at%'`)).rows[0]!.n);
    await expect.poll(looked, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    expect(await claimedAt()).toBe(fx.clock.now());
    await locks.query('ROLLBACK');

    const [answer, retried] = await Promise.all([first, retry]);
    expect(valueOf(answer)).toMatchObject({ username: 'new.colleague' });
    expect(retried.result).toEqual(answer.result);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM users WHERE username = 'new.colleague'`)).toEqual({ n: 1 });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'admin.createUser'`)).toEqual({ n: 1 });
  });
});
