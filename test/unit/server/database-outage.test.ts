/**
 * PostgreSQL stopped under a running `rab serve`, and started again: meanwhile the server answers
 * readiness 503 and every call a typed STORE_UNAVAILABLE (HTTP 503, which desktops retry with the
 * same key), and nothing is half-written; afterwards it serves again by itself, without a
 * restart, the desktop's session still valid, every confirmed call kept and the audit chain whole.
 * A real `rab serve` process on a PostgreSQL cluster of the test's own (postgres project).
 */
import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verify-chain';
import { openDatabase } from '../../../electron/core/store/open-database';
import { all, one, sql } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, seedCastAndRecords } from '../../helpers/broker-fixture';
import { httpCall } from '../../helpers/broker-http';
import { requestBody } from '../../helpers/broker-requests';
import { TEST_ENGINE } from '../../helpers/engines';
import { startPostgresCluster, type PostgresCluster } from '../../helpers/postgres-cluster';
import { startRabServe, type RabServeProcess } from '../../helpers/rab-serve-process';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const readyStatus = (base: string, ca: Buffer) =>
  new Promise<number>((resolve, reject) => {
    const req = request(new URL('/readyz', base), { ca, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

/** Readiness changes when the server notices the database: asked again until it says `status`. */
async function readyUntil(base: string, ca: Buffer, status: number): Promise<void> {
  await expect.poll(() => readyStatus(base, ca), { timeout: 120_000, interval: 100 }).toBe(status);
}

type Created = { results: { outcome: string; request?: { id: number } }[] };

describe.skipIf(TEST_ENGINE !== 'postgres')('rab serve while its PostgreSQL is stopped and started again (postgres project)', () => {
  it('answers STORE_UNAVAILABLE and readiness 503 while the database is down, half-writes nothing, and recovers by itself', async () => {
    const cluster: PostgresCluster = await startPostgresCluster();
    cleanups.push(() => cluster.destroy());
    const seeding = await openDatabase({ url: cluster.url, migrate: true });
    await seedCastAndRecords(seeding, Date.now());
    await seeding.close();

    const certs = makeTestCertificates(tempDir());
    const server: RabServeProcess = await startRabServe(['--database', cluster.url, '--listen', '127.0.0.1:0', '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet']);
    cleanups.push(() => server.kill('SIGKILL'));
    const call = (channel: string, input: unknown, o: { token?: string; key?: string } = {}) => httpCall(server.address, certs.caCert, channel, input, o);
    const signedIn = await call('auth.signIn', { username: 'priya', password: PASSWORD });
    expect(signedIn).toMatchObject({ status: 200, result: { ok: true }, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const token = signedIn.token!;

    // Calls under way as the database stops: each is either answered (and then kept) or refused as unavailable.
    const crns = [PEOPLE.warrant.crn, PEOPLE.allocated.crn, PEOPLE.veryHigh.crn, PEOPLE.absentOwner.crn, PEOPLE.noOwner.crn];
    const keyOf = (crn: string) => `outage-request-for-${crn}`;
    const inFlight = crns.map((crn) => call('requests.create', requestBody({ crns: [crn] }), { token, key: keyOf(crn) }));
    cluster.stop();
    const during = await Promise.all(inFlight);
    for (const answer of during) {
      if (answer.status === 503) expect(answer.result).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
      else expect(answer).toMatchObject({ status: 200, result: { ok: true } });
    }

    await readyUntil(server.address, certs.caCert, 503);
    const refused = await call('requests.create', requestBody({ crns: [PEOPLE.restricted.crn] }), { token, key: 'made-while-the-database-was-down' });
    expect(refused).toMatchObject({ status: 503, result: { ok: false, error: { code: 'STORE_UNAVAILABLE', message: expect.stringContaining('Nothing was changed') } } });
    expect(await call('auth.status', {}, { token })).toMatchObject({ status: 503, result: { ok: false, error: { code: 'STORE_UNAVAILABLE' } } });

    cluster.start();
    await readyUntil(server.address, certs.caCert, 200);
    // The same session, and each retried key answered once and for all.
    expect(await call('auth.status', {}, { token })).toMatchObject({ status: 200, result: { ok: true, value: { state: 'SIGNED_IN' } } });
    const retried = await Promise.all(crns.map((crn) => call('requests.create', requestBody({ crns: [crn] }), { token, key: keyOf(crn) })));
    crns.forEach((_, i) => {
      expect(retried[i]!.status).toBe(200);
      if (during[i]!.status === 200) expect(retried[i]!.result).toEqual(during[i]!.result);
    });

    const db = await openDatabase({ url: cluster.url });
    try {
      const created = retried.flatMap((a) => (a.result.ok ? (a.result.value as Created).results.filter((r) => r.outcome === 'CREATED').map((r) => r.request!.id) : []));
      const rows = await all<{ id: number; crn: string }>(db, sql`SELECT id, crn FROM requests ORDER BY id`);
      expect(rows.map((r) => r.id)).toEqual(created.sort((x, y) => x - y));
      expect(new Set(rows.map((r) => r.crn)).size).toBe(rows.length);
      // Every request kept has its audit event, and the request made while the database was down has none.
      expect(await one(db, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'request.create'`)).toEqual({ n: rows.length });
      expect(rows.map((r) => r.crn)).not.toContain(PEOPLE.restricted.crn);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    } finally {
      await db.close();
    }
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
