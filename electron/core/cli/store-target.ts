/**
 * `--store PATH` (the embedded store) or `--database postgres://…` (PostgreSQL): exactly one. The
 * commands that only need the seam (reports, audit verification, users, serving) take either.
 */
import type { Command } from 'commander';
import type { Engine } from '../store/engine/engine';
import { openDatabase } from '../store/open-database';
import { openStore, type Store } from '../store/open-store';
import { UsageError, type CliContext } from './cli-context';

export interface StoreTargetFlags {
  store?: string;
  database?: string;
}

export interface StoreTarget {
  engine: Engine;
  /** The embedded store when --store was given; null on PostgreSQL. */
  embedded: Store | null;
  /** How messages name it: the file, or the database's host and name (never a password). */
  label: string;
  close(): Promise<void>;
}

export function storeOrDatabaseOption(cmd: Command): Command {
  return cmd
    .option('--store <path>', 'the encrypted store file (its key is kept in the system keychain)')
    .option('--database <url>', 'a PostgreSQL database instead, postgres://user@host:port/name (password from PGPASSWORD or ~/.pgpass)');
}

export async function openStoreTarget(flags: StoreTargetFlags, ctx: CliContext, o: { readonly?: boolean; migrate?: boolean; poolSize?: number } = {}): Promise<StoreTarget> {
  if (Boolean(flags.store) === Boolean(flags.database)) throw new UsageError('Give exactly one of --store PATH (the embedded store) or --database postgres://… (PostgreSQL).');
  if (flags.database) {
    const engine = await openDatabase({ url: flags.database, migrate: o.migrate ?? false, ...(o.poolSize ? { poolSize: o.poolSize } : {}) });
    const url = new URL(flags.database);
    return { engine, embedded: null, label: `${url.host}${url.pathname}`, close: () => engine.close() };
  }
  const store = await openStore({ path: flags.store!, keyStore: ctx.keyStore(), ...(o.readonly ? { readonly: true } : {}) });
  return { engine: store.engine, embedded: store, label: store.path, close: async () => store.close() };
}
