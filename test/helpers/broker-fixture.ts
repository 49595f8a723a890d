/**
 * A real encrypted store (in-memory key store, temporary folder) with the broker cast, a settable
 * clock and a signed-in connection per cast member. Use `useBrokerFixture()` inside a describe:
 *
 *   const fixture = useBrokerFixture();
 *   it('…', async () => { const fx = await fixture(); await fx.call('priya', 'requests.create', {...}); });
 */
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach } from 'vitest';
import type { ChannelName, Input, Output, Result } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { hashPassword } from '../../electron/core/auth/password-hash';
import type { Connection } from '../../electron/core/auth/sessions';
import { DAY, TestClock } from '../../electron/core/clock/clock';
import { createBrokerCore, type BrokerCore, type BrokerCoreOptions } from '../../electron/core/rpc/broker-core';
import { MemoryKeyStore } from '../../electron/core/store/key-store';
import { openStore, type Store } from '../../electron/core/store/open-store';
import { insertId, run, sql, type Db } from '../../electron/core/store/sql';
import { openTestDatabase, TEST_ENGINE } from './engines';
import { CAST, CAST_NAMES, MONDAY_10AM, PASSWORD, PEOPLE, PROGRAMME_CODE, PROGRAMME_CRNS, TEAMS, type CastName } from './broker-cast';
import { seedBrokerRecords } from './broker-records';
import { useTempDirs } from './temp-dir';

export * from './broker-cast';

export interface CastAccount {
  userId: number;
  username: string;
  staffCode: string;
  conn: Connection;
}

export interface BrokerFixture {
  store: Store;
  /** The embedded store's own connection: only for tests of the embedded engine itself. */
  db: Database;
  /** The store every call uses: the embedded store, or PostgreSQL when RAB_TEST_ENGINE=postgres. */
  engine: Db;
  keyStore: MemoryKeyStore;
  clock: TestClock;
  core: BrokerCore;
  users: Record<CastName, CastAccount>;
  /** Unexpected failures the core reported (answered to the caller as INTERNAL). */
  internalErrors: { channel: string; error: unknown }[];
  /** Calls a channel as a cast member (signing in again if the session has locked) and returns the value; throws AppError on failure. */
  call<C extends ChannelName>(who: CastName, channel: C, input: Input<C>): Promise<Output<C>>;
  /** The same, but answers the Result as it is. */
  attempt<C extends ChannelName>(who: CastName, channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** Makes sure a cast member's connection has an unlocked session. */
  signIn(who: CastName): Promise<void>;
  close(): Promise<void>;
}

export interface BrokerFixtureOptions {
  /** Serve dev.* channels (the core uses the test clock as its dev clock). */
  dev?: boolean;
  /** Skip signing everybody in (sign-in tests do it themselves). */
  signedOut?: boolean;
  importer?: BrokerCoreOptions['importer'];
}

// Cheap scrypt parameters for test accounts only: sign-in verifies with the stored parameters.
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export async function createBrokerFixture(dir: string, o: BrokerFixtureOptions = {}): Promise<BrokerFixture> {
  const keyStore = new MemoryKeyStore();
  const store = await openStore({ path: join(dir, 'broker.db'), keyStore, create: true });
  const engine = TEST_ENGINE === 'postgres' ? await openTestDatabase() : store.engine;
  const db = store.db;
  const clock = new TestClock(MONDAY_10AM);
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  const ids = await seedCast(engine, hash, clock.now());
  await seedBrokerRecords(engine, clock.now());
  const internalErrors: BrokerFixture['internalErrors'] = [];
  const core = createBrokerCore({ db: engine, clock, devClock: o.dev ? clock : null, importer: o.importer ?? null, logInternal: (channel, error) => { if (process.env.RAB_DEBUG_INTERNAL) console.error(channel, error); internalErrors.push({ channel, error }); } });
  const users = Object.fromEntries(
    CAST_NAMES.map((name) => [name, { userId: ids[name], username: name, staffCode: CAST[name].staffCode, conn: core.connect() }]),
  ) as Record<CastName, CastAccount>;

  const ensureSession = async (who: CastName): Promise<Result<unknown>> => {
    const account = users[who];
    const s = core.sessions.peek(account.conn.sessionId);
    if (s && !s.locked) return { ok: true, value: null };
    return core.dispatch('auth.signIn', account.conn, { username: account.username, password: PASSWORD });
  };
  const signIn = async (who: CastName) => {
    const r = await ensureSession(who);
    if (!r.ok) throw new AppError(r.error.code, r.error.message);
  };
  const attempt = async <C extends ChannelName>(who: CastName, channel: C, input: Input<C>) => {
    const session = await ensureSession(who);
    if (!session.ok) return session as Result<Output<C>>;
    return (await core.dispatch(channel, users[who].conn, input)) as Result<Output<C>>;
  };
  const call = async <C extends ChannelName>(who: CastName, channel: C, input: Input<C>) => {
    const r = await attempt(who, channel, input);
    if (!r.ok) throw new AppError(r.error.code, r.error.message);
    return r.value;
  };
  if (!o.signedOut) for (const name of CAST_NAMES) await signIn(name);
  const close = async () => {
    if (engine !== store.engine) await engine.close();
    store.close();
  };
  const fixture = { store, db, engine, keyStore, clock, core, users, internalErrors, call, attempt, signIn, close };
  if (engine !== store.engine) {
    // On PostgreSQL the embedded store is empty: a test reading it directly would pass on nothing.
    Object.defineProperty(fixture, 'db', {
      get: () => {
        throw new Error('This test reads the embedded store directly (fx.db); on PostgreSQL read fx.engine instead.');
      },
    });
  }
  return fixture;
}

/** One fixture per test, closed and deleted afterwards. */
export function useBrokerFixture(o: BrokerFixtureOptions = {}): () => Promise<BrokerFixture> {
  const tempDir = useTempDirs();
  const open: BrokerFixture[] = [];
  afterEach(async () => {
    for (const fx of open.splice(0)) await fx.close();
  });
  return async () => {
    const fx = await createBrokerFixture(tempDir(), o);
    open.push(fx);
    return fx;
  };
}

/** The cast (password PASSWORD) and their records in a database of the test's own, e.g. a cluster it stops and starts. */
export async function seedCastAndRecords(db: Db, now: number): Promise<void> {
  await seedCast(db, await hashPassword(PASSWORD, TEST_SCRYPT), now);
  await seedBrokerRecords(db, now);
}

async function seedCast(db: Db, passwordHash: string, now: number): Promise<Record<CastName, number>> {
  const ids = {} as Record<CastName, number>;
  await db.write(async () => {
    await run(db, sql`INSERT INTO providers (code, name, sector) VALUES ('N07', 'NPS London', 'NPS'), ('C17', 'London CRC', 'CRC')`);
    for (const t of TEAMS) await run(db, sql`INSERT INTO teams (code, provider_code, name, pdu, ldu) VALUES (${t.code}, ${t.provider}, ${t.name}, ${t.pdu}, ${t.ldu})`);
    for (const name of CAST_NAMES) {
      const m = CAST[name];
      await run(db, sql`INSERT INTO staff (code, team_code, forename, surname, grade) VALUES (${m.staffCode}, ${m.team}, ${m.forename}, ${m.surname}, ${m.grade})`);
      ids[name] = await insertId(
        db,
        sql`INSERT INTO users (username, display_name, staff_code, password_hash, created_at) VALUES (${name}, ${`${m.forename} ${m.surname}`}, ${m.staffCode}, ${passwordHash}, ${now}) RETURNING id`,
      );
      for (const r of m.roles) await run(db, sql`INSERT INTO user_roles (user_id, role) VALUES (${ids[name]}, ${r})`);
    }
    // Alex is on leave for the week; Dev deputises for Olivia.
    await run(db, sql`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES ('abs-alex', ${CAST.alex.staffCode}, 'LEAVE', ${now - DAY}, ${now + 7 * DAY})`);
    await run(db, sql`INSERT INTO deputies (id, staff_code, deputy_staff_code, start_at, end_at) VALUES ('dep-olivia', ${CAST.olivia.staffCode}, ${CAST.dev.staffCode}, ${now - 30 * DAY}, NULL)`);
  });
  return ids;
}

export { PEOPLE, PROGRAMME_CODE, PROGRAMME_CRNS };
