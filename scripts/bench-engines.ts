/**
 * The same paths on both engines, in one run (`npm run bench` starts a throwaway PostgreSQL and runs
 * this after the main table; `--engines-scale`, else `--scale` as there, office by default: the
 * national PostgreSQL copy alone takes longer than the rest of a national run). The load is built once into a
 * plaintext SQLite file, copied into an encrypted store and into a fresh PostgreSQL schema over
 * loopback; each path then runs through the services on each engine, beside the raw single
 * statement on each. Timings are printed as p50 and the ratio PostgreSQL ÷ SQLCipher, never asserted.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { loadActor } from '../electron/core/auth/load-actor';
import type { BrokerContext } from '../electron/core/broker/context';
import { createRequests } from '../electron/core/broker/create-request';
import { hubQueue } from '../electron/core/broker/hub-queue';
import { inbox } from '../electron/core/broker/queues';
import { TestClock } from '../electron/core/clock/clock';
import { getPerson, searchPeople } from '../electron/core/records/people';
import { readRecord } from '../electron/core/records/read-record';
import { recordResource } from '../electron/core/records/record-access';
import type { Engine } from '../electron/core/store/engine/engine';
import { postgresEngine } from '../electron/core/store/engine/postgres-engine';
import { sql, sqlJoin, sqlList, sqlTrusted } from '../electron/core/store/engine/sql-fragment';
import { migrate } from '../electron/core/store/migrate';
import { migratePostgres } from '../electron/core/store/migrate-postgres';
import { keychainAccount, openStore } from '../electron/core/store/open-store';
import { SystemKeyStore } from '../electron/core/store/system-key-store';
import { buildNationalLoad, copyIntoStore, LOAD_NOW, type LoadFacts } from './bench-load';

const SCALE_NAMES: Record<string, number> = { national: 1, office: 0.005 };
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const scaleArg = arg('engines-scale') ?? arg('scale') ?? 'office';
const scale = SCALE_NAMES[scaleArg] ?? Number(scaleArg);
if (!(scale > 0 && scale <= 1)) throw new Error(`--engines-scale must be national, office or a fraction in (0, 1], not ${scaleArg}`);
const url = process.env.RAB_TEST_DATABASE_URL;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

async function p50(n: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push((performance.now() - t) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

type Figures = Record<string, number>;

async function measure(engine: Engine, raw: (crn: string) => Promise<unknown>, facts: LoadFacts): Promise<Figures> {
  const clock = new TestClock(LOAD_NOW);
  const ctx: BrokerContext = { db: engine, clock };
  const hub = await loadActor(engine, facts.hubUserId);
  const owner = await loadActor(engine, facts.ownerUserIds[0]!);
  const reader = await loadActor(engine, facts.practitionerUserIds[0]!);
  const crnAt = (i: number) => facts.crns[(i * 7919) % facts.crns.length]!;
  const f: Figures = {};
  f.rawCrn = await p50(1000, (i) => raw(crnAt(i)));
  f.personByCrn = await p50(500, (i) => getPerson(ctx, reader, crnAt(i)));
  f.nameSearch = await p50(200, () => searchPeople(ctx, reader, { query: 'Smith', limit: 50, offset: 0 }));
  f.inbox = await p50(200, () => inbox(ctx, owner, { limit: 100, offset: 0, filter: 'OPEN' }));
  f.hubQueue = await p50(30, () => hubQueue(ctx, hub, { limit: 500, offset: 0, filter: 'OPEN' }));
  f.grantCheck = await p50(2000, (i) => recordResource(engine, reader, crnAt(i), LOAD_NOW));
  f.readWithAudit = await p50(300, (i) => readRecord(ctx, reader, crnAt(i)).catch(() => undefined));
  let k = 0;
  f.createRequest = await p50(100, () =>
    createRequests(ctx, reader, {
      crns: [crnAt(100_000 + k++)], scope: 'ROSH_SUMMARY', purpose: 'APPOINTMENT_SAFETY', justification: 'Appointment on Thursday with a history of violence.',
      urgency: 'ROUTINE', neededBy: LOAD_NOW + 7 * 86_400_000, durationDays: 3,
    } as Parameters<typeof createRequests>[2]),
  );
  return f;
}

/** Copies every table of the built SQLite file into PostgreSQL, in chunks of rows. */
export async function copyToPostgres(plainPath: string, engine: Engine): Promise<void> {
  const src = new Database(plainPath, { readonly: true });
  const tables = src.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  await engine.write(async (tx) => {
    // Triggers (the append-only audit log) and key checks are for the app's own writes.
    await tx.run(sql`SET session_replication_role = replica`);
    for (const t of tables) {
      if (t === 'schema_version') continue;
      await tx.run(sql`DELETE FROM ${sqlTrusted(`"${t}"`)}`);
      const columns = (src.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]);
      const per = Math.max(1, Math.floor(30_000 / columns.length));
      const insert = (rows: unknown[][]) =>
        tx.run(sql`INSERT INTO ${sqlTrusted(`"${t}"`)} (${sqlTrusted(columns.map((c) => `"${c}"`).join(', '))}) VALUES ${sqlJoin(rows.map((r) => sqlList(r as (string | number | null)[])))}`);
      // Streamed in chunks: a national audit log (6.4 million rows) read whole would not fit in memory.
      let chunk: unknown[][] = [];
      for (const row of src.prepare(`SELECT * FROM "${t}"`).raw().iterate() as IterableIterator<unknown[]>) {
        chunk.push(row);
        if (chunk.length === per) {
          await insert(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) await insert(chunk);
    }
    await tx.run(sql`SET session_replication_role = origin`);
  });
  // Identity columns go on after the copied ids.
  for (const t of tables) {
    await engine.write(async (tx) => {
      const seq = await tx.one<{ s: string | null }>(sql`SELECT pg_get_serial_sequence(${`"${t}"`}, 'id') AS s`).catch(() => undefined);
      if (seq?.s) await tx.run(sql`SELECT setval(${seq.s}, coalesce((SELECT max(id) FROM ${sqlTrusted(`"${t}"`)}), 0) + 1, false)`);
    });
  }
  await engine.write(async (tx) => tx.run(sql`ANALYZE`));
  src.close();
}

const fmtUs = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);

export async function benchEngines(): Promise<string> {
  if (!url) throw new Error('RAB_TEST_DATABASE_URL is not set: run through scripts/with-postgres.sh (npm run bench does).');
  const work = mkdtempSync(join(tmpdir(), 'rab-bench-engines-'));
  const keyStore = new SystemKeyStore();
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pgEngine = postgresEngine({ connectionString: url, poolSize: 4, options: `-c search_path=${schema}` });
  const encPath = join(work, 'encrypted.db');
  try {
    log(`engines: building the load at scale ${scale}…`);
    const plainPath = join(work, 'plain.db');
    const build = new Database(plainPath);
    build.pragma('journal_mode=OFF');
    migrate(build);
    const facts = buildNationalLoad(build, scale, (w) => log(`  ${w}`));
    build.close();

    const enc = await openStore({ path: encPath, keyStore, create: true });
    copyIntoStore(enc.db, plainPath);

    log('engines: copying into PostgreSQL…');
    await migratePostgres(pgEngine);
    await copyToPostgres(plainPath, pgEngine);

    log('engines: measuring SQLCipher…');
    const byCrn = enc.db.prepare('SELECT * FROM people WHERE crn = ?');
    const s = await measure(enc.engine, async (crn) => byCrn.get(crn), facts);
    log('engines: measuring PostgreSQL…');
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    const p = await measure(pgEngine, (crn) => client.query({ name: 'by-crn', text: 'SELECT * FROM people WHERE crn = $1', values: [crn] }), facts);
    await client.end();
    enc.close();

    const rows: [string, string][] = [
      ['raw single statement: person by CRN', 'rawCrn'],
      ['person by CRN (service)', 'personByCrn'],
      ['name search, "Smith" (page of 50)', 'nameSearch'],
      ['owner inbox (page of 100)', 'inbox'],
      [`hub queue, first page of 500 (${facts.counts.atHub.toLocaleString('en-GB')} at the hub)`, 'hubQueue'],
      ['grant check (read authorisation)', 'grantCheck'],
      ['record read with its audit event', 'readWithAudit'],
      ['request creation (one person, routed, audited, notified)', 'createRequest'],
    ];
    return [
      `Engines, p50 at scale ${scale} (${facts.counts.people.toLocaleString('en-GB')} people, ${facts.counts.requests.toLocaleString('en-GB')} requests); PostgreSQL 15 over loopback, one process:`,
      '',
      '| path | SQLCipher | PostgreSQL | PostgreSQL ÷ SQLCipher |',
      '| --- | --- | --- | --- |',
      ...rows.map(([label, k]) => `| ${label} | ${fmtUs(s[k]!)} | ${fmtUs(p[k]!)} | ${(p[k]! / s[k]!).toFixed(1)}× |`),
    ].join('\n');
  } finally {
    await pgEngine.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    await keyStore.delete(keychainAccount(encPath)).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${await benchEngines()}\n`);
