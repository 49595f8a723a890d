/**
 * A restarted `rab serve` carries on where it stopped: a desktop's session token still works and a
 * call retried with the same idempotency key gets the first answer without acting again. Real
 * processes on the embedded store (its key in the real keychain) or, in the postgres project, on
 * the test PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keychainAccount } from '../../../electron/core/store/open-store';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { one, sql } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { httpCall } from '../../helpers/broker-http';
import { requestBody } from '../../helpers/broker-requests';
import { POSTGRES_URL, TEST_ENGINE } from '../../helpers/engines';
import { startRabServe, type RabServeProcess } from '../../helpers/rab-serve-process';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `rab serve` arguments and environment for the fixture's database, whichever engine it is on. */
async function serveTarget(fx: BrokerFixture): Promise<{ args: string[]; env: NodeJS.ProcessEnv }> {
  if (TEST_ENGINE === 'postgres') {
    return { args: ['--database', POSTGRES_URL], env: { PGOPTIONS: `-c search_path=${(fx.engine as unknown as { schema: string }).schema}` } };
  }
  // The server process finds the store's key in the system keychain, as in production.
  const keychain = new SystemKeyStore();
  const account = keychainAccount(fx.store.path);
  await keychain.set(account, (await fx.keyStore.get(account))!);
  cleanups.push(() => keychain.delete(account));
  return { args: ['--store', fx.store.path], env: {} };
}

async function stop(server: RabServeProcess): Promise<void> {
  server.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}

describe('a restarted rab serve', () => {
  it("keeps the desktop's session and answers a retried call with its first answer, acting once", async () => {
    const fx = await fixture();
    const certs = makeTestCertificates(tempDir());
    const target = await serveTarget(fx);
    const start = async () => {
      const server = await startRabServe([...target.args, '--listen', '127.0.0.1:0', '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet'], target.env);
      cleanups.push(async () => server.kill('SIGKILL'));
      return server;
    };
    const call = (server: RabServeProcess, channel: string, input: unknown, o: { token?: string; key?: string } = {}) => httpCall(server.address, certs.caCert, channel, input, o);

    const before = await start();
    const token = (await call(before, 'auth.signIn', { username: 'priya', password: PASSWORD })).token!;
    const key = 'answer-lost-as-the-server-restarted';
    const first = await call(before, 'requests.create', requestBody(), { token, key });
    expect(first.result.ok).toBe(true);
    await stop(before);

    const after = await start();
    expect(await call(after, 'auth.status', {}, { token })).toMatchObject({ status: 200, result: { ok: true, value: { state: 'SIGNED_IN', user: { username: 'priya' } } } });
    const retried = await call(after, 'requests.create', requestBody(), { token, key });
    expect(retried.result).toEqual(first.result);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: 1 });
    expect(await call(after, 'auth.signOut', {}, { token })).toMatchObject({ result: { ok: true } });
    expect(await call(after, 'auth.status', {}, { token })).toMatchObject({ status: 401 });
    await stop(after);
  });
});
