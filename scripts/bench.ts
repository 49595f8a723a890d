/**
 * `npm run bench -- --scale national`: builds the national load itself (scripts/bench-load.ts,
 * deterministic), copies it into an encrypted store (real keychain, under scripts/with-keyring.sh)
 * and a plaintext one, runs each path of the speed goals on both in this one process, and prints
 * the table with the goal beside each figure. `--scale 0.1` (or `office`) runs the same at a tenth
 * (or 1/200th); `--import` also runs the seed-and-import benchmark (scripts/bench-import.ts).
 * Then the same paths on SQLCipher and on PostgreSQL over loopback (scripts/bench-engines.ts), at
 * `--engines-scale` if given (e.g. 0.1 on a national run, where copying into PostgreSQL is slow).
 * Timings are printed, never asserted. Work files go to a temporary folder removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3-multiple-ciphers';
import { mapInOrder } from '../shared/async/map-in-order';
import { appendAuditEvent } from '../electron/core/audit/audit-log';
import { verifyStoreAuditChain } from '../electron/core/audit/verify-chain';
import { loadActor } from '../electron/core/auth/load-actor';
import { hubQueue } from '../electron/core/broker/hub-queue';
import { inbox } from '../electron/core/broker/queues';
import type { BrokerContext } from '../electron/core/broker/context';
import { DAY, TestClock } from '../electron/core/clock/clock';
import { getPerson } from '../electron/core/records/people';
import { recordResource } from '../electron/core/records/record-access';
import { viewReport } from '../electron/core/reports/reports-service';
import { SystemKeyStore } from '../electron/core/store/system-key-store';
import type { Engine } from '../electron/core/store/engine/engine';
import { engineOf } from '../electron/core/store/engine/sqlcipher-engine';
import { migrate } from '../electron/core/store/migrate';
import { keychainAccount, openStore, PAGE_CACHE_KIB } from '../electron/core/store/open-store';
import { countStatements } from '../test/helpers/statement-counter';
import { buildNationalLoad, copyIntoStore, LOAD_NOW, type LoadFacts } from './bench-load';
import { benchAuditVerify, type VerifyRun } from './bench-audit-verify';
import { benchEngines } from './bench-engines';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SCALE_NAMES: Record<string, number> = { national: 1, office: 0.005 };
const scaleArg = arg('scale') ?? 'office';
const scale = SCALE_NAMES[scaleArg] ?? Number(scaleArg);
if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be national, office or a fraction in (0, 1], not ${scaleArg}`);

const work = mkdtempSync(join(tmpdir(), 'rab-bench-'));
const keyStore = new SystemKeyStore();
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

interface Timing {
  p50: number;
  p99: number;
  /** This process's CPU time per call: on a shared machine, the work itself without the waiting. */
  cpu: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Times `n` calls after a warm-up; microseconds. */
async function time(n: number, fn: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < Math.min(20, n); i++) {
    const pending = fn(i);
    if (pending instanceof Promise) await pending;
  }
  const cpuFrom = cpuNow();
  const us: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const pending = fn(i);
    if (pending instanceof Promise) await pending;
    us.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const cpu = (cpuNow() - cpuFrom) / n;
  us.sort((a, b) => a - b);
  return { p50: us[Math.floor(us.length * 0.5)]!, p99: us[Math.min(us.length - 1, Math.floor(us.length * 0.99))]!, cpu };
}

/** Wall and CPU time of one call, in microseconds. */
async function timeOnce(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpuFrom = cpuNow();
  const t = process.hrtime.bigint();
  const pending = fn();
  if (pending instanceof Promise) await pending;
  return { wall: Number(process.hrtime.bigint() - t) / 1000, cpu: cpuNow() - cpuFrom };
}

type Figures = Record<string, number>;

/** `raw` is the connection itself (direct statements, the statement count); `db` is the same behind the seam. */
async function measure(raw: Db, db: Engine, facts: LoadFacts): Promise<Figures> {
  const clock = new TestClock(LOAD_NOW);
  const ctx: BrokerContext = { db, clock };
  const hub = await loadActor(db, facts.hubUserId);
  const owners = await mapInOrder(facts.ownerUserIds, async (id) => await loadActor(db, id));
  const readers = await mapInOrder(facts.practitionerUserIds, async (id) => await loadActor(db, id));
  const f: Figures = {};
  const counter = countStatements(raw);
  try {
    const statements = await counter.during(async () => await hubQueue(ctx, hub, { limit: 500, offset: 0, filter: 'OPEN' }));
    f.hubStatements = statements.statements.length;
    const inboxStatements = await counter.during(async () => await inbox(ctx, owners[0]!, { limit: 100, offset: 0, filter: 'OPEN' }));
    f.inboxStatements = inboxStatements.statements.length;
    f.inboxRows = inboxStatements.value.rows.length;
  } finally {
    counter.stop();
  }
  log('  hub queue');
  const first = await time(50, async () => await hubQueue(ctx, hub, { limit: 500, offset: 0, filter: 'OPEN' }));
  Object.assign(f, { hubP50: first.p50, hubP99: first.p99, hubCpu: first.cpu });
  const screen = await time(50, async () => await hubQueue(ctx, hub, { limit: 200, offset: 0, filter: 'OPEN' }));
  Object.assign(f, { screenP50: screen.p50, screenP99: screen.p99, screenCpu: screen.cpu });
  const deepOffset = Math.min(19_500, Math.max(0, facts.counts.atHub - 500));
  const atDeep = (await hubQueue(ctx, hub, { limit: 1, offset: Math.max(0, deepOffset - 1), filter: 'OPEN' })).rows[0];
  f.deepOffset = deepOffset;
  f.deepByOffset = (await time(10, async () => await hubQueue(ctx, hub, { limit: 500, offset: deepOffset, filter: 'OPEN' }))).p50;
  f.deepByKey = atDeep ? (await time(10, async () => await hubQueue(ctx, hub, { limit: 500, offset: 0, filter: 'OPEN', after: { deadline: atDeep.deadline, id: atDeep.id } }))).p50 : 0;
  f.screenSearch = (await time(10, async () => await hubQueue(ctx, hub, { limit: 200, offset: 0, filter: 'OPEN', text: 'smith' }))).p50;

  log('  owner inbox');
  const inboxT = await time(200, async (i) => await inbox(ctx, owners[i % owners.length]!, { limit: 100, offset: 0, filter: 'OPEN' }));
  Object.assign(f, { inboxP50: inboxT.p50, inboxP99: inboxT.p99, inboxCpu: inboxT.cpu });

  log('  person by CRN');
  const byCrn = raw.prepare('SELECT * FROM people WHERE crn = ?');
  const crnAt = (i: number) => facts.crns[(i * 7919) % facts.crns.length]!;
  const rawT = await time(2000, (i) => byCrn.get(crnAt(i)));
  const serviceT = await time(2000, async (i) => await getPerson(ctx, readers[i % readers.length]!, crnAt(i)));
  Object.assign(f, { rawCrn: rawT.p50, serviceCrn: serviceT.p50, rawCrnCpu: rawT.cpu, serviceCrnCpu: serviceT.cpu });

  log('  grant check');
  const check = await time(20_000, async (i) => await recordResource(db, readers[i % readers.length]!, crnAt(i), LOAD_NOW));
  Object.assign(f, { checkP50: check.p50, checkP99: check.p99, checkCpu: check.cpu });

  log('  reports');
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const month = await timeOnce(async () => await viewReport(ctx, hub, { from: day(LOAD_NOW - 30 * DAY), to: day(LOAD_NOW - DAY), breakdown: 'NONE' }));
  const year = await timeOnce(async () => await viewReport(ctx, hub, { from: day(LOAD_NOW - 365 * DAY), to: day(LOAD_NOW - DAY), breakdown: 'NONE' }));
  Object.assign(f, { monthReport: month.wall, monthCpu: month.cpu, yearReport: year.wall, yearCpu: year.cpu });

  log('  audit verification');
  let verified: ReturnType<typeof verifyStoreAuditChain> | undefined;
  const audit = await timeOnce(() => (verified = verifyStoreAuditChain(raw)));
  if (!verified?.ok) throw new Error(`the built audit chain does not verify`);
  Object.assign(f, { auditPerS: verified.checked / (audit.wall / 1e6), auditPerCpuS: verified.checked / (audit.cpu / 1e6) });

  log('  writes');
  let k = 0;
  const write = await time(500, async () => await appendAuditEvent(db, { at: LOAD_NOW, actor: 'bench', action: 'bench.write', details: { k: k++ } }));
  Object.assign(f, { writeP50: write.p50, writeP99: write.p99 });
  return f;
}

/** A plaintext store configured as the app configures its own. */
function plainConnection(path: string): Db {
  const db = new Database(path);
  for (const p of ['journal_mode=WAL', 'synchronous=NORMAL', 'foreign_keys=ON', 'temp_store=MEMORY', `cache_size=-${PAGE_CACHE_KIB}`]) db.pragma(p);
  return db;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (us: number) => `${fmt(us / 1000, us < 10_000 ? 2 : 1)} ms`;

const perS = (r: VerifyRun) => `${fmt(r.events / r.wallS)} events/s (${fmt(r.events / r.cpuS)} per CPU second)`;

function table(e: Figures, p: Figures, facts: LoadFacts, buildS: number, copyS: number, verify: { single: VerifyRun; threads: VerifyRun }): string {
  const c = facts.counts;
  const rows: [string, string, string, string, string][] = [
    ['hub queue, first page of 500 (p50 / p99)', 'p99 ≤ 5 ms', `${ms(e.hubP50!)} / ${ms(e.hubP99!)} (CPU ${ms(e.hubCpu!)}), ${e.hubStatements} statements`, `${ms(p.hubP50!)} / ${ms(p.hubP99!)} (CPU ${ms(p.hubCpu!)})`, ratio(e.hubP50!, p.hubP50!)],
    ['hub queue screen, first screen (page of 200 by key)', '≤ 50 ms', `${ms(e.screenP50!)} / ${ms(e.screenP99!)} (CPU ${ms(e.screenCpu!)})`, `${ms(p.screenP50!)} / ${ms(p.screenP99!)} (CPU ${ms(p.screenCpu!)})`, ratio(e.screenP50!, p.screenP50!)],
    [`hub queue, page at row ${fmt(e.deepOffset!)}: by key / by OFFSET`, '—', `${ms(e.deepByKey!)} / ${ms(e.deepByOffset!)}`, `${ms(p.deepByKey!)} / ${ms(p.deepByOffset!)}`, ratio(e.deepByKey!, p.deepByKey!)],
    ['hub queue, filtered by a word (page of 200)', '—', ms(e.screenSearch!), ms(p.screenSearch!), ratio(e.screenSearch!, p.screenSearch!)],
    [`owner inbox page (p50 / p99), ${e.inboxStatements} statements for ${e.inboxRows} rows`, 'p99 ≤ 2 ms', `${ms(e.inboxP50!)} / ${ms(e.inboxP99!)} (CPU ${ms(e.inboxCpu!)})`, `${ms(p.inboxP50!)} / ${ms(p.inboxP99!)} (CPU ${ms(p.inboxCpu!)})`, ratio(e.inboxP50!, p.inboxP50!)],
    ['person by CRN, service ÷ raw statement (p50)', '≤ 1.5×', `${fmt(e.serviceCrn! / e.rawCrn!, 1)}× (${fmt(e.serviceCrn!)} ÷ ${fmt(e.rawCrn!, 1)} µs; CPU ${fmt(e.serviceCrnCpu! / e.rawCrnCpu!, 1)}×)`, `${fmt(p.serviceCrn! / p.rawCrn!, 1)}× (CPU ${fmt(p.serviceCrnCpu! / p.rawCrnCpu!, 1)}×)`, ratio(e.serviceCrn!, p.serviceCrn!)],
    ['grant check, read authorisation (p50 / p99)', 'p99 ≤ 50 µs', `${fmt(e.checkP50!, 1)} / ${fmt(e.checkP99!, 1)} µs (CPU ${fmt(e.checkCpu!, 1)} µs), 1 query`, `${fmt(p.checkP50!, 1)} / ${fmt(p.checkP99!, 1)} µs (CPU ${fmt(p.checkCpu!, 1)} µs)`, ratio(e.checkP50!, p.checkP50!)],
    ['month report / year report', '≤ 1 s / ≤ 10 s', `${ms(e.monthReport!)} / ${ms(e.yearReport!)} (CPU ${ms(e.monthCpu!)} / ${ms(e.yearCpu!)})`, `${ms(p.monthReport!)} / ${ms(p.yearReport!)} (CPU ${ms(p.monthCpu!)} / ${ms(p.yearCpu!)})`, ratio(e.yearReport!, p.yearReport!)],
    [`\`rab audit verify\`, compiled, own process: ${verify.threads.workers} worker threads / one thread`, '≥ 1,000,000 events/s', `${perS(verify.threads)} / ${perS(verify.single)}`, '—', '—'],
    ['audit chain walk in this process, one thread, warm cache', '—', `${fmt(e.auditPerS!)} events/s (${fmt(e.auditPerCpuS!)} per CPU second)`, `${fmt(p.auditPerS!)} events/s (${fmt(p.auditPerCpuS!)} per CPU second)`, ratio(p.auditPerS!, e.auditPerS!)],
    ['write: one audited event, own transaction (p50 / p99)', '—', `${fmt(e.writeP50!)} / ${fmt(e.writeP99!)} µs`, `${fmt(p.writeP50!)} / ${fmt(p.writeP99!)} µs`, ratio(e.writeP50!, p.writeP50!)],
  ];
  const head = `| path | goal | encrypted | plaintext | encrypted ÷ plaintext |\n| --- | --- | --- | --- | --- |`;
  return [
    `Machine: load average ${os.loadavg().map((l) => fmt(l, 1)).join(', ')} on ${os.cpus().length} cores at the end; CPU is this process's own time per call.`,
    `Load: scale ${scale} — ${fmt(c.people)} people, ${fmt(c.owners + c.practitioners + c.hubStaff)} staff, ${fmt(c.requests)} requests (${fmt(c.atHub)} at the hub), ${fmt(c.auditEvents)} audit events; built in ${fmt(buildS)} s, copied into the encrypted store in ${fmt(copyS)} s.`,
    '',
    head,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const ratio = (a: number, b: number) => `${fmt(a / b, 2)}×`;

async function main(): Promise<void> {
  log(`building the load at scale ${scale} into a plaintext store…`);
  const plainPath = join(work, 'plain.db');
  const build = plainConnection(plainPath);
  build.pragma('journal_mode=OFF');
  build.pragma('synchronous=OFF');
  migrate(build);
  const t0 = performance.now();
  const facts = buildNationalLoad(build, scale, (what) => log(`  ${what}`));
  const buildS = (performance.now() - t0) / 1000;
  build.close();

  log('copying it into an encrypted store…');
  const encPath = join(work, 'encrypted.db');
  const enc = await openStore({ path: encPath, keyStore, create: true });
  const t1 = performance.now();
  copyIntoStore(enc.db, plainPath);
  const copyS = (performance.now() - t1) / 1000;

  try {
    log('measuring the encrypted store…');
    const e = await measure(enc.db, enc.engine, facts);
    log('measuring the plaintext store…');
    const plain = plainConnection(plainPath);
    const p = await measure(plain, engineOf(plain), facts);
    plain.close();
    log('timing rab audit verify on the encrypted store…');
    const verify = await benchAuditVerify(encPath);
    process.stdout.write(`${table(e, p, facts, buildS, copyS, verify)}\n`);
  } finally {
    enc.close();
    await keyStore.delete(keychainAccount(encPath));
  }

  // The same paths on both engines (PostgreSQL started by scripts/with-postgres.sh), at
  // --engines-scale if given (its table prints the scale), else --scale, else office.
  if (process.env.RAB_TEST_DATABASE_URL) process.stdout.write(`\n${await benchEngines()}\n`);

  // Two `rab serve` processes on that PostgreSQL: calls/s and push latency (scripts/bench-serve.ts).
  if (process.env.RAB_TEST_DATABASE_URL) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'bench-serve.ts')], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error('the server benchmark failed');
  }

  if (process.argv.includes('--import')) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'bench-import.ts')], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error('the import benchmark failed');
  }
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
