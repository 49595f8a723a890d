/**
 * Opens a PostgreSQL database as the broker's store: the deployment engine. The address names the
 * server and database only; the password comes from the usual PostgreSQL places (PGPASSWORD,
 * ~/.pgpass, a service file), never from the command line, where any user of the machine could
 * read it. A database from a newer version of the broker is refused unchanged (migrate-postgres.ts);
 * an older one is brought up to date in one transaction.
 */
import { AppError } from '../../../shared/errors';
import type { Engine } from './engine/engine';
import { postgresEngine } from './engine/postgres-engine';
import { sql } from './engine/sql-fragment';
import { migratePostgres } from './migrate-postgres';

const SELECT_ONE = sql`SELECT 1 AS one`;

export interface OpenDatabaseOptions {
  /** postgres://user@host:port/database (no password). */
  url: string;
  poolSize?: number;
  /** Apply pending migrations (a server or an import); read-only commands leave the schema alone and refuse an old one. */
  migrate?: boolean;
}

/** Refuses an address that is not PostgreSQL's or that carries a password, before connecting. */
export function checkDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_INPUT', `--database must be a postgres:// address (for example postgres://broker@db.example:5432/broker), not "${url.slice(0, 80)}".`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new AppError('INVALID_INPUT', `--database must be a postgres:// address, not ${parsed.protocol}//…`);
  }
  if (parsed.password) {
    throw new AppError('INVALID_INPUT', 'Leave the password out of --database: anyone on this computer can read a command line. Put it in PGPASSWORD or ~/.pgpass instead. Nothing was opened.');
  }
  return parsed;
}

export async function openDatabase(o: OpenDatabaseOptions): Promise<Engine> {
  checkDatabaseUrl(o.url);
  const engine = postgresEngine({ connectionString: o.url, poolSize: o.poolSize ?? 10 });
  try {
    await engine.read(async (db) => db.one(SELECT_ONE), { oneStatement: true });
  } catch (e) {
    await engine.close().catch(() => undefined);
    const code = (e as { code?: string }).code ?? '';
    throw new AppError('STORE_NOT_FOUND', `Cannot reach the PostgreSQL database at ${new URL(o.url).host}${code ? ` (${code})` : ''}: ${(e as Error).message}`);
  }
  try {
    if (o.migrate) await migratePostgres(engine);
    else await migratePostgres(engine, undefined, { checkOnly: true });
  } catch (e) {
    await engine.close().catch(() => undefined);
    throw e;
  }
  return engine;
}

