/**
 * Both engines for tests that must hold on each: a real encrypted embedded store in a temporary
 * folder, and a fresh schema in the throwaway PostgreSQL that `npm test` starts
 * (scripts/with-postgres.sh exports RAB_TEST_DATABASE_URL). Run outside `npm test` without a
 * PostgreSQL, the PostgreSQL cases say they were skipped and why; inside `npm test`
 * (RAB_REQUIRE_POSTGRES=1) a missing PostgreSQL is a failure, never a silent skip.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import type { Engine } from '../../electron/core/store/engine/engine';
import { postgresEngine } from '../../electron/core/store/engine/postgres-engine';
import { migratePostgres } from '../../electron/core/store/migrate-postgres';
import { engineOf } from '../../electron/core/store/engine/sqlcipher-engine';
import { MemoryKeyStore } from '../../electron/core/store/key-store';
import { openStore } from '../../electron/core/store/open-store';
import { useTempDirs } from './temp-dir';

export const POSTGRES_URL = process.env.RAB_TEST_DATABASE_URL ?? '';

if (!POSTGRES_URL && process.env.RAB_REQUIRE_POSTGRES === '1') {
  throw new Error('RAB_REQUIRE_POSTGRES=1 but RAB_TEST_DATABASE_URL is not set: run the tests through scripts/with-postgres.sh.');
}
if (!POSTGRES_URL) {
  console.warn('PostgreSQL cases skipped: RAB_TEST_DATABASE_URL is not set (npm test starts a throwaway PostgreSQL and sets it).');
}

export type EngineName = 'sqlcipher' | 'postgres';

/** The engine the broker fixture runs the core on: the vitest project sets it (vitest.config.ts). */
export const TEST_ENGINE: EngineName = process.env.RAB_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlcipher';
if (TEST_ENGINE === 'postgres' && !POSTGRES_URL) throw new Error('RAB_TEST_ENGINE=postgres needs RAB_TEST_DATABASE_URL: run the tests through scripts/with-postgres.sh.');

/** A fresh, migrated schema in the test PostgreSQL; closing the engine drops the schema. */
export async function openTestDatabase(o: { poolSize?: number } = {}): Promise<Engine & { schema: string }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const engine = postgresEngine({ connectionString: POSTGRES_URL, poolSize: o.poolSize ?? 4, options: `-c search_path=${schema}` });
  await migratePostgres(engine);
  const close = engine.close.bind(engine);
  return Object.assign(engine, {
    schema,
    close: async () => {
      await close();
      await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  });
}

/** One statement as the test PostgreSQL's administrator (schemas, tampering), on a connection of its own. */
export async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
export const ENGINE_NAMES: EngineName[] = POSTGRES_URL ? ['sqlcipher', 'postgres'] : ['sqlcipher'];

/** Opens engines for the current test and closes them (and drops their schemas) after it. */
export function useEngines(): (name: EngineName, opts?: { poolSize?: number }) => Promise<Engine> {
  const tempDir = useTempDirs();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return async (name, opts) => {
    if (name === 'sqlcipher') {
      // Created without migrations' tables mattering: the seam tests make their own tables.
      const store = await openStore({ path: join(tempDir(), 'engine.db'), keyStore: new MemoryKeyStore(), create: true });
      const engine = engineOf(store.db);
      cleanups.push(() => engine.close());
      return engine;
    }
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const engine = postgresEngine({ connectionString: POSTGRES_URL, poolSize: opts?.poolSize ?? 4, options: `-c search_path=${schema}` });
    cleanups.push(async () => {
      await engine.close();
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    });
    return engine;
  };
}

/** A second pool on a test database's schema, as a second server would have: closing it leaves the schema. */
export const secondPoolOn = (schema: string, poolSize = 4): Engine =>
  postgresEngine({ connectionString: POSTGRES_URL, poolSize, options: `-c search_path=${schema}` });
