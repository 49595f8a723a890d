/**
 * The deployment engine: PostgreSQL through node-postgres' pool, behind the same async seam.
 * Writes run SERIALIZABLE, so facts a decision relies on are read consistently even with several
 * servers writing at once; a serialisation failure or deadlock runs the whole transaction again
 * (a bounded number of times). Reads run in a REPEATABLE READ, READ ONLY transaction: one snapshot.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Engine, ReadableDb, RunResult, WritableDb } from './engine';
import { renderSql, sql, sqlTrusted, type SqlFragment, type SqlValue } from './sql-fragment';

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
/** Writers contending for one row take turns through retries: enough attempts for a busy server's worth. */
const MAX_ATTEMPTS = 25;

export interface PostgresEngineOptions {
  connectionString: string;
  /** Connections in the pool; a server process needs a few, a command-line run one or two. */
  poolSize?: number;
  /** Extra session settings, e.g. a schema search path for an isolated test schema. */
  options?: string;
}

// BIGINT columns hold epoch milliseconds and counts: safe integers, returned as numbers like SQLite
// returns them. A value beyond 2^53 would lose precision, so it is refused instead.
function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT ${text} is beyond JavaScript's safe integers`);
  return n;
}

const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8) return parseBigint;
    // sum() and avg() of integers answer NUMERIC: figures, returned as numbers like SQLite's.
    if (oid === pg.types.builtins.NUMERIC) return Number;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const asPgParams = (params: SqlValue[]): unknown[] => params.map((p) => (typeof p === 'bigint' ? p.toString() : p));

/**
 * The services' statements are a fixed set of texts (lists are bound as one JSON parameter), so
 * each is prepared once per connection and its plan kept: planning the request views' joins cost
 * more than running them (3 to 45 ms a call, measured). Bulk statements whose text varies with
 * their row count (an import's batches) stay unnamed, so a connection never piles up one-off plans;
 * so does text without parameters (schema changes, several commands at once).
 */
const MAX_PARAMETERS_NAMED = 100;
const names = new Map<string, string>();
function statementName(text: string, parameters: number): { name?: string } {
  // Schema text (migrations) holds several commands and no parameters: a prepared statement cannot.
  if (parameters === 0 || parameters > MAX_PARAMETERS_NAMED) return {};
  let name = names.get(text);
  if (name === undefined) {
    name = `rab_${createHash('sha1').update(text).digest('hex')}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return { name };
}

function bindTo(client: pg.PoolClient): WritableDb {
  // A connection runs one statement at a time. Work inside a transaction may ask for several at
  // once (reads gathered with Promise.all): they take turns here, in the order asked, rather than
  // relying on the client's own queue, which node-postgres deprecates.
  let previous: Promise<unknown> = Promise.resolve();
  const query = <T>(fragment: SqlFragment) => {
    const { text, params } = renderSql(fragment, 'postgres');
    const send = () => client.query({ ...statementName(text, params.length), text, values: asPgParams(params), types: typeParsers }) as unknown as Promise<pg.QueryResult<T & pg.QueryResultRow>>;
    const result = previous.then(send, send);
    previous = result.catch(() => undefined);
    return result;
  };
  return {
    dialect: 'postgres',
    all: async <T>(q: SqlFragment) => (await query<T>(q)).rows as T[],
    one: async <T>(q: SqlFragment) => (await query<T>(q)).rows[0] as T | undefined,
    run: async (q: SqlFragment): Promise<RunResult> => ({ changes: (await query(q)).rowCount ?? 0 }),
  };
}

export function postgresEngine(opts: PostgresEngineOptions): Engine & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.poolSize ?? 10,
    ...(opts.options ? { options: opts.options } : {}),
  });
  // An idle connection dropped by the server must not crash the process; the next call reconnects.
  pool.on('error', () => {});
  const current = new AsyncLocalStorage<WritableDb>();

  async function inTransaction<T>(begin: string, work: (db: WritableDb) => Promise<T>, locks: readonly string[] = []): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    // Sorted, so two writers asking for the same locks never wait for each other in a circle.
    const names = [...new Set(locks)].sort();
    try {
      for (const name of names) await client.query({ text: 'SELECT pg_advisory_lock(hashtext($1))', values: [name] });
      await client.query(begin);
      const db = bindTo(client);
      const result = await current.run(db, () => work(db));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is gone: let the pool discard it
      }
      throw e;
    } finally {
      if (!broken && names.length > 0) {
        try {
          await client.query('SELECT pg_advisory_unlock_all()');
        } catch {
          broken = true; // a lost connection releases its session locks by itself
        }
      }
      client.release(broken);
    }
  }

  let savepoints = 0;
  async function inSavepoint<T>(outer: WritableDb, work: (db: WritableDb) => Promise<T>): Promise<T> {
    const name = sqlTrusted(`nested_${++savepoints}`);
    await outer.run(sql`SAVEPOINT ${name}`);
    try {
      const result = await work(outer);
      await outer.run(sql`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (e) {
      await outer.run(sql`ROLLBACK TO SAVEPOINT ${name}`);
      await outer.run(sql`RELEASE SAVEPOINT ${name}`);
      throw e;
    } finally {
      savepoints--;
    }
  }
  /** One statement outside any transaction: atomic and consistent by itself. */
  const alone = <T>(work: (db: WritableDb) => Promise<T>) =>
    (async () => {
      const client = await pool.connect();
      try {
        return await work(bindTo(client));
      } finally {
        client.release();
      }
    })();

  return {
    dialect: 'postgres',
    pool,
    read: (work, options) => {
      const outer = current.getStore();
      if (outer) return work(outer as ReadableDb);
      if (options?.oneStatement) return alone(work);
      return inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
    },
    write: async (work, options) => {
      const outer = current.getStore();
      if (outer) return options?.oneStatement ? work(outer) : inSavepoint(outer, work);
      if (options?.oneStatement && !options.serialise?.length) return alone(work);
      for (let attempt = 1; ; attempt++) {
        try {
          return await inTransaction('BEGIN ISOLATION LEVEL SERIALIZABLE', work, options?.serialise);
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
          // Back off exponentially (capped), with jitter so the same writers do not collide again.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 2 ** attempt)));
        }
      }
    },
    close: () => pool.end(),
  };
}
