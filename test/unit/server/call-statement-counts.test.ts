/**
 * On a server every SQL statement is a round trip to PostgreSQL, and a transaction's BEGIN and
 * COMMIT are two more: the statements one call costs through `rab serve`, counted here on either
 * engine, must not grow back. A read call runs: the session's row, the clock, the policy and the
 * actor with its roles (one statement, before the transaction), BEGIN, the call's own queries,
 * COMMIT; and it writes nothing unless the time has moved on by a second (then it records the time
 * once, in a statement of its own).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import type { ReadableDb } from '../../../electron/core/store/engine/engine';
import type { Db } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { httpCall } from '../../helpers/broker-http';
import { requestBody } from '../../helpers/broker-requests';
import { recordingStatements } from '../../helpers/statement-counter';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * Every statement the engine is asked to run while counting, transaction boundaries included:
 * an outermost transaction adds BEGIN and COMMIT, a nested write its SAVEPOINT and RELEASE.
 */
function countRoundTrips(engine: Db): { during<T>(fn: () => Promise<T>): Promise<string[]> } {
  let seen: string[] | null = null;
  const inside = new AsyncLocalStorage<true>();
  const { read, write } = engine;
  const wrap = <D extends ReadableDb>(db: D): D => recordingStatements(db, (text) => seen?.push(text.replace(/\s+/g, ' ').trim()));
  const boundaries = <T>(kind: 'read' | 'write', oneStatement: boolean | undefined, run: () => Promise<T>): Promise<T> => {
    const outer = inside.getStore() === true;
    if (oneStatement || (outer && kind === 'read')) return run();
    seen?.push(outer ? 'SAVEPOINT' : 'BEGIN');
    return inside.run(true, run).finally(() => seen?.push(outer ? 'RELEASE' : 'COMMIT'));
  };
  Object.assign(engine, {
    read: ((work, options) => boundaries('read', options?.oneStatement, () => read.call(engine, (r) => work(wrap(r)), options))) as Db['read'],
    write: ((work, options) => boundaries('write', options?.oneStatement, () => write.call(engine, (w) => work(wrap(w)), options))) as Db['write'],
  });
  cleanups.push(() => void Object.assign(engine, { read, write }));
  return {
    async during(fn) {
      seen = [];
      try {
        await fn();
        return seen;
      } finally {
        seen = null;
      }
    },
  };
}

async function serverWithCounter(fx: BrokerFixture) {
  const certs = makeTestCertificates(tempDir());
  const app = await buildBrokerServer({ core: fx.core, tls: { key: certs.serverKey, cert: certs.serverCert } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  const base = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call = async (channel: string, input: unknown, token?: string) => {
    const answer = await httpCall(base, certs.caCert, channel, input, token ? { token } : {});
    if (!answer.result.ok) throw new Error(`${channel}: ${answer.result.error.code}`);
    return answer;
  };
  const signIn = async (username: string) => (await call('auth.signIn', { username, password: PASSWORD })).token!;
  return { call, signIn, counter: countRoundTrips(fx.engine) };
}

const WRITES = /^(INSERT|UPDATE|DELETE)\b/i;

/** The most each read call may cost, from the session's row to COMMIT (see the file's comment). */
const READ_CALLS: { channel: string; who: 'priya' | 'olivia'; input: unknown; statements: number }[] = [
  { channel: 'notifications.list', who: 'priya', input: {}, statements: 6 },
  { channel: 'requests.mine', who: 'priya', input: {}, statements: 8 },
  { channel: 'grants.mine', who: 'priya', input: {}, statements: 8 },
  { channel: 'people.get', who: 'priya', input: { crn: PEOPLE.warrant.crn }, statements: 13 },
  { channel: 'requests.inbox', who: 'olivia', input: {}, statements: 10 },
];
/**
 * The live feed's looks for new notifications are the server's, not the call's: on the embedded
 * store one follows each call, on PostgreSQL one follows each NOTIFY, whenever it comes.
 */
const FEED_LOOK = /FROM notifications WHERE id > \? ORDER BY id LIMIT/;
const callsOwn = (statements: string[]) => statements.filter((s) => !FEED_LOOK.test(s));

describe('the statements one call costs through the server', () => {
  for (const c of READ_CALLS) {
    it(`${c.channel} runs at most ${c.statements} statements, transaction included, and writes nothing`, async () => {
      const fx = await fixture();
      const { call, signIn, counter } = await serverWithCounter(fx);
      const token = await signIn(c.who);
      await call('requests.create', requestBody(), await signIn('priya'));
      // The first call after the sign-in may record the time; the clock stands still from then on.
      await call(c.channel, c.input, token);
      const statements = callsOwn(await counter.during(() => call(c.channel, c.input, token)));
      expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(c.statements);
      expect(statements.filter((s) => WRITES.test(s)), statements.join('\n')).toEqual([]);
      // The session's row is read first, the clock, policy and actor next, both outside the transaction.
      expect(statements[0]).toMatch(/FROM server_sessions/);
      expect(statements[1]).toMatch(/AS policy.*AS actor_role.*FROM clock_state/);
      // …and not again inside it.
      expect(statements.slice(2).filter((s) => /ORDER BY r\.role/.test(s)), statements.join('\n')).toEqual([]);
      expect(statements.filter((s) => s === 'BEGIN')).toHaveLength(1);
    });
  }

  it('records the time once the clock has moved on by a second, in one statement of its own outside the transaction', async () => {
    const fx = await fixture();
    const { call, signIn, counter } = await serverWithCounter(fx);
    const token = await signIn('priya');
    await call('notifications.list', {}, token);
    fx.clock.set(fx.clock.now() + 1000);
    const statements = callsOwn(await counter.during(() => call('notifications.list', {}, token)));
    const writes = statements.filter((s) => WRITES.test(s));
    expect(writes, statements.join('\n')).toHaveLength(1);
    expect(writes[0]).toMatch(/^UPDATE clock_state SET latest_seen_at/);
    expect(statements.indexOf(writes[0]!)).toBeLessThan(statements.indexOf('BEGIN'));
  });

  it('a request made through the server costs a bounded number of statements too', async () => {
    const fx = await fixture();
    const { call, signIn, counter } = await serverWithCounter(fx);
    const token = await signIn('priya');
    await call('notifications.list', {}, token);
    const statements = callsOwn(await counter.during(() => call('requests.create', requestBody(), token)));
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(55);
  });
});
