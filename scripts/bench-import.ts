/**
 * `npm run bench -- --import` (run by scripts/bench.ts): the import side, measured in one run (under scripts/with-keyring.sh, so
 * the encrypted stores use the real keychain):
 * - streamed seeding: throughput, and peak memory against the size of the files written;
 * - import throughput into the encrypted store against the same import into a plain SQLite store
 *   (the cipher's overhead);
 * - looking a person up by CRN and searching by name, at office and at national size.
 * Timings are printed, never asserted. Work files go to a temporary folder that is removed after.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3-multiple-ciphers';
import { importExportSet } from '../electron/core/import/import-export-set';
import { SystemKeyStore } from '../electron/core/store/system-key-store';
import { migrate } from '../electron/core/store/migrate';
import { keychainAccount, openStore } from '../electron/core/store/open-store';

const SCALES = ['office', 'national'] as const;
type Scale = (typeof SCALES)[number];
const LOOKUPS = 5000;
const work = mkdtempSync(join(tmpdir(), 'rab-bench-'));
const keyStore = new SystemKeyStore();

interface SeedRun {
  ms: number;
  rows: number;
  bytes: number;
  peakRssBytes: number;
  people: number;
}

function seed(scale: Scale): SeedRun {
  const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'bench-seed.ts'), scale, join(work, scale)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`seeding ${scale} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as SeedRun;
}

function plainStore(path: string): Db {
  const db = new Database(path);
  for (const p of ['journal_mode=WAL', 'synchronous=NORMAL', 'foreign_keys=ON', 'temp_store=MEMORY']) db.pragma(p);
  migrate(db);
  return db;
}

async function timedImport(db: Db, scale: Scale): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const r = await importExportSet(db, join(work, scale), { actor: 'bench' });
  if (!r.ok) throw new Error(`import of ${scale} failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { ms: performance.now() - started, rows: r.rows };
}

/** Median and 95th percentile of single query times, in microseconds, after a warm-up. */
function timeEach(inputs: string[], query: (input: string) => unknown): { median: number; p95: number } {
  for (const i of inputs.slice(0, 200)) query(i);
  const us = inputs.map((i) => {
    const t = process.hrtime.bigint();
    query(i);
    return Number(process.hrtime.bigint() - t) / 1000;
  });
  us.sort((a, b) => a - b);
  return { median: us[Math.floor(us.length / 2)]!, p95: us[Math.floor(us.length * 0.95)]! };
}

function lookups(db: Db) {
  const crns = db.prepare(`SELECT crn FROM people ORDER BY random() LIMIT ${LOOKUPS}`).pluck().all() as string[];
  const byCrn = db.prepare('SELECT * FROM people WHERE crn = ?');
  const prefixes = (db.prepare(`SELECT surname FROM people ORDER BY random() LIMIT ${LOOKUPS}`).pluck().all() as string[]).map((s) => s.slice(0, 3));
  // The shape of a name search: a surname prefix, case-insensitive, first page of 50, using the surname index.
  const byName = db.prepare(
    `SELECT crn, forename, surname, dob FROM people
      WHERE surname >= ? COLLATE NOCASE AND surname < ? COLLATE NOCASE
      ORDER BY surname COLLATE NOCASE, forename COLLATE NOCASE LIMIT 50`,
  );
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${byName.source}`).all('Smi', 'Smj') as { detail: string }[]).map((r) => r.detail).join('; ');
  const next = (p: string) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
  return {
    crn: timeEach(crns, (c) => byCrn.get(c)),
    name: timeEach(prefixes, (p) => byName.all(p, next(p))),
    plan,
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (b: number) => `${fmt(b / 1048576, 1)} MiB`;

async function main(): Promise<void> {
  const results: Record<Scale, Record<string, number>> = { office: {}, national: {} };
  let plan = '';
  for (const scale of SCALES) {
    process.stderr.write(`seeding ${scale}…\n`);
    const s = seed(scale);
    const r = results[scale];
    Object.assign(r, { people: s.people, seedRowsPerS: s.rows / (s.ms / 1000), setBytes: s.bytes, seedPeakRss: s.peakRssBytes });

    process.stderr.write(`importing ${scale} into an encrypted store…\n`);
    const encPath = join(work, `${scale}-encrypted.db`);
    const enc = await openStore({ path: encPath, keyStore, create: true });
    const e = await timedImport(enc.db, scale);
    process.stderr.write(`importing ${scale} into a plain store…\n`);
    const plainPath = join(work, `${scale}-plain.db`);
    const plain = plainStore(plainPath);
    const p = await timedImport(plain, scale);
    plain.close();
    Object.assign(r, { rows: e.rows, encRowsPerS: e.rows / (e.ms / 1000), plainRowsPerS: p.rows / (p.ms / 1000), encMs: e.ms, plainMs: p.ms });
    r.storeBytes = statSync(encPath).size;

    process.stderr.write(`timing lookups at ${scale} size…\n`);
    const l = lookups(enc.db);
    Object.assign(r, { crnMedian: l.crn.median, crnP95: l.crn.p95, nameMedian: l.name.median, nameP95: l.name.p95 });
    plan = l.plan;
    enc.close();
    await keyStore.delete(keychainAccount(encPath));
    for (const f of [scale, `${scale}-encrypted.db`, `${scale}-plain.db`]) rmSync(join(work, f), { recursive: true, force: true });
  }

  const o = results.office;
  const n = results.national;
  const row = (label: string, a: string, b: string, ratio: string) => `${label.padEnd(44)}${a.padStart(16)}${b.padStart(16)}${ratio.padStart(12)}`;
  const lines = [
    row('measure', 'office', 'national', 'ratio'),
    row('people', fmt(o.people!), fmt(n.people!), `${fmt(n.people! / o.people!)}×`),
    row('seed throughput (rows/s)', fmt(o.seedRowsPerS!), fmt(n.seedRowsPerS!), ''),
    row('seed: export set size', mib(o.setBytes!), mib(n.setBytes!), `${fmt(n.setBytes! / o.setBytes!)}×`),
    row('seed: peak RSS', mib(o.seedPeakRss!), mib(n.seedPeakRss!), `${fmt(n.seedPeakRss! / o.seedPeakRss!, 2)}×`),
    row('seed: peak RSS ÷ set size', fmt(o.seedPeakRss! / o.setBytes!, 2), fmt(n.seedPeakRss! / n.setBytes!, 2), ''),
    row('import, plain SQLite (rows/s)', fmt(o.plainRowsPerS!), fmt(n.plainRowsPerS!), ''),
    row('import, encrypted store (rows/s)', fmt(o.encRowsPerS!), fmt(n.encRowsPerS!), ''),
    row('cipher overhead (encrypted ÷ plain time)', `${fmt(o.encMs! / o.plainMs!, 2)}×`, `${fmt(n.encMs! / n.plainMs!, 2)}×`, ''),
    row('encrypted store size', mib(o.storeBytes!), mib(n.storeBytes!), `${fmt(n.storeBytes! / o.storeBytes!)}×`),
    row('person by CRN, median (µs)', fmt(o.crnMedian!, 1), fmt(n.crnMedian!, 1), `${fmt(n.crnMedian! / o.crnMedian!, 2)}×`),
    row('person by CRN, p95 (µs)', fmt(o.crnP95!, 1), fmt(n.crnP95!, 1), `${fmt(n.crnP95! / o.crnP95!, 2)}×`),
    row('name search, 50 per page, median (µs)', fmt(o.nameMedian!, 1), fmt(n.nameMedian!, 1), `${fmt(n.nameMedian! / o.nameMedian!, 2)}×`),
    row('name search, 50 per page, p95 (µs)', fmt(o.nameP95!, 1), fmt(n.nameP95!, 1), `${fmt(n.nameP95! / o.nameP95!, 2)}×`),
  ];
  process.stdout.write(`${lines.join('\n')}\n\nname search plan: ${plan}\n`);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
