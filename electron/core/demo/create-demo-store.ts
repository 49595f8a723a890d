/**
 * Fills a new, empty store with the demonstration set: the synthetic office from `rab seed --scale
 * office`, imported as an export set would be, plus one account per role. The store remembers that
 * it is a demonstration store and which accounts to offer on the sign-in screen; a store set up
 * for real never has that marker, so it never lists accounts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { demoAccount, type DemoAccount } from '../../../shared/contract/setup';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { DEMO_USERS_FILE } from '../import/export-format';
import { importExportSet } from '../import/import-export-set';
import { importExportSetInto } from '../import/import-into-database';
import type { Engine } from '../store/engine/engine';
import { DEMO_USER_COLUMNS } from '../seed/demo-users';
import { todayUtc } from '../seed/seed-dates';
import { seedExportSet } from '../seed/write-export-set';
import { engineOf } from '../store/engine/sqlcipher-engine';
import { one, run, sql, type Db } from '../store/sql';
import { importDemoUsers } from '../users/import-demo-users';

/** Every demonstration account has this password; the sign-in screen shows it. Synthetic data only. */
export const DEMO_PASSWORD = 'demonstration';
/** The same synthetic office every time, dated to the day it is created. */
export const DEMO_SEED = 2014;
const DEMO_SETTING = 'demo';

const demoMarker = z.object({ createdAt: z.number().int(), accounts: z.array(demoAccount) });

export interface DemoStoreOptions {
  now: number;
  /** Where the intermediate export set is written; a private temporary folder by default. */
  scratchDir?: string;
}

/**
 * Seeds, imports and creates the accounts, all into a new, empty store: the embedded store's own
 * connection (bulk loaded directly), or any engine, such as a PostgreSQL database for a broker
 * server's demonstration (imported through the engine). Everything else goes through the seam.
 */
export async function populateDemoStore(target: Database | Engine, opts: DemoStoreOptions): Promise<DemoAccount[]> {
  const raw = 'prepare' in target ? target : null;
  const db = raw ? engineOf(raw) : (target as Engine);
  const users = (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM users`))?.n ?? 0;
  const people = (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM people`))?.n ?? 0;
  if (users > 0 || people > 0) throw new AppError('SETUP_ALREADY_DONE', 'Demonstration data goes only into a new, empty store. Nothing was changed.');

  const scratch = mkdtempSync(join(opts.scratchDir ?? tmpdir(), 'rab-demo-set-'));
  try {
    await seedExportSet({ scale: 'office', seed: DEMO_SEED, outDir: scratch, asOf: todayUtc(opts.now), demoUsers: true });
    const importOptions = { actor: 'setup', now: () => opts.now };
    const imported = raw ? await importExportSet(raw, scratch, importOptions) : await importExportSetInto(db, scratch, importOptions);
    if (!imported.ok) {
      throw new AppError('IMPORT_INVALID', `The demonstration data did not import (${imported.problemCount} problems). Nothing was imported.`);
    }
    const created = await importDemoUsers(db, scratch, DEMO_PASSWORD, { actor: 'setup', now: () => opts.now });
    const descriptions = readDescriptions(join(scratch, DEMO_USERS_FILE));
    const accounts: DemoAccount[] = created.map((u) => ({
      username: u.username,
      password: DEMO_PASSWORD,
      displayName: u.displayName,
      role: u.roles[0] ?? 'crc-practitioner',
      description: descriptions.get(u.username) ?? '',
    }));
    await db.write(async () => {
      const marker = demoMarker.parse({ createdAt: opts.now, accounts });
      await run(db, sql`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (${DEMO_SETTING}, ${JSON.stringify(marker)}, ${opts.now}, NULL)`);
      await appendAuditEvent(db, { at: opts.now, actor: 'setup', action: 'setup.demo', subject: 'store', details: { accounts: accounts.map((a) => a.username) } });
    });
    return accounts;
  } finally {
    // Synthetic, but still a plaintext copy of what is now in the encrypted store: remove it.
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The demonstration accounts of a demo store; an empty list for any other store. */
export async function demoAccountsOf(db: Db): Promise<DemoAccount[]> {
  const row = await one<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${DEMO_SETTING}`);
  if (!row) return [];
  const parsed = demoMarker.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data.accounts : [];
}

export const isDemoStore = async (db: Db): Promise<boolean> =>
  (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM settings WHERE key = ${DEMO_SETTING}`))?.n === 1;

function readDescriptions(path: string): Map<string, string> {
  const [header, ...rows] = parse(readFileSync(path), { bom: true, skip_empty_lines: true }) as string[][];
  if (!header || header.join(',') !== DEMO_USER_COLUMNS.join(',')) return new Map();
  const at = (name: (typeof DEMO_USER_COLUMNS)[number]) => DEMO_USER_COLUMNS.indexOf(name);
  return new Map(rows.map((r) => [r[at('username')] ?? '', r[at('description')] ?? '']));
}
