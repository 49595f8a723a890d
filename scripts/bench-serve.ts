/**
 * Two `rab serve` processes over one PostgreSQL on this machine, loaded over loopback with TLS
 * (`npm run bench` runs this last; alone: `bash scripts/with-postgres.sh bash scripts/with-keyring.sh
 * tsx scripts/bench-serve.ts [--seconds 10] [--connections 20] [--rate 500] [--sse 1000] [--pushes 30] [--cpu-prof DIR]`).
 *
 * 1. Calls: autocannon against both servers at once (half the connections each). First as fast as
 *    the servers answer: one read call (notifications.list) alone, then a mix of a desktop's reads.
 *    Then the goal's own measure: a working day's mix of calls (reads, an audited record read, and
 *    a request made then withdrawn, each write with its idempotency key) offered at a steady
 *    `--rate` calls/s (500) across the two servers, with p50 and p99 counted from when each call
 *    was due to be sent (autocannon's correction for coordinated omission), so a server that falls
 *    behind shows it in its latency rather than by being sent less.
 * 2. Push: `--sse` open push connections of the owner, half on each server; the practitioner makes
 *    a request through server A, and the time until each push connection is told of it is taken,
 *    separately for connections on A and on B (B hears A through LISTEN/NOTIFY). p50 and p99.
 *
 * A fresh database in the throwaway cluster holds the test cast; it is dropped afterwards.
 * Figures are printed, never asserted.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createParser } from 'eventsource-parser';
import pg from 'pg';
import { openDatabase } from '../electron/core/store/open-database';
import { PASSWORD, PEOPLE, seedCastAndRecords } from '../test/helpers/broker-fixture';
import { httpCall, valueOf } from '../test/helpers/broker-http';
import { requestBody } from '../test/helpers/broker-requests';
import { startRabServe, type RabServeProcess } from '../test/helpers/rab-serve-process';
import { makeTestCertificates } from '../test/helpers/test-certificates';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 20);
const SSE = arg('sse', 1000);
/** Calls per second offered in the steady run, across both servers. */
const RATE = arg('rate', 500);
const PUSHES = arg('pushes', 30);
/** A folder for each server's CPU profile (node --cpu-prof), written as it stops. */
const CPU_PROF_DIR = process.argv.includes('--cpu-prof') ? process.argv[process.argv.indexOf('--cpu-prof') + 1] : undefined;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

interface CannonFigures {
  callsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  calls: number;
}

/** A process's CPU time so far, in ms (Linux /proc; clock ticks of 10 ms). */
const cpuMsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/** One call of a load: as a fixed body, or made from what the connection's earlier answers left in `context`. */
interface LoadCall {
  channel: string;
  input?: unknown;
  /** The caller's session token (the load's own token when not given). */
  token?: string;
  /** Calls that change something carry an idempotency key, as a desktop's do. */
  write?: boolean;
  inputFrom?: (context: Record<string, unknown>) => unknown;
  onAnswer?: (body: string, context: Record<string, unknown>) => void;
}

const idempotencyKey = () => randomBytes(12).toString('hex');

function cannon(base: string, token: string, calls: LoadCall[], rate?: number): Promise<CannonFigures> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections: Math.max(1, Math.floor(CONNECTIONS / 2)),
        duration: SECONDS,
        ...(rate ? { overallRate: rate } : {}),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: calls.map((c) => ({
          method: 'POST' as const,
          path: `/v1/calls/${c.channel}`,
          ...(c.token ? { headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' } } : {}),
          setupRequest: (req: { body?: string; headers?: Record<string, string> }, context: Record<string, unknown>) => ({
            ...req,
            body: JSON.stringify({ input: c.inputFrom ? c.inputFrom(context) : (c.input ?? {}) }),
            headers: { ...req.headers, ...(c.write ? { 'idempotency-key': idempotencyKey() } : {}) },
          }),
          ...(c.onAnswer ? { onResponse: (_status: number, body: string, context: Record<string, unknown>) => c.onAnswer!(body, context) } : {}),
        })),
      },
      (err, r) => {
        if (err) reject(err);
        else resolve({ callsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, calls: r.requests.total });
      },
    );
  });
}

/** Both servers loaded at once; throughput adds up, latency is the worse of the two. */
async function loadBoth(bases: string[], tokens: string[], calls: (server: number) => LoadCall[], rate?: number): Promise<CannonFigures> {
  const runs = await Promise.all(bases.map((b, i) => cannon(b, tokens[i]!, calls(i), rate ? rate / bases.length : undefined)));
  return {
    callsPerSecond: runs.reduce((n, r) => n + r.callsPerSecond, 0),
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    calls: runs.reduce((n, r) => n + r.calls, 0),
  };
}

/** One push connection: resolves once open; `told` answers when the update naming `requestId` came. */
function pushConnection(base: string, ca: Buffer, token: string) {
  const firstSeen = new Map<number, number>();
  const waiters = new Map<number, () => void>();
  const opened = new Promise<void>((resolve, reject) => {
    const req = request(new URL('/v1/events', base), { ca, agent: false, headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`push connection refused: ${res.statusCode}`));
      const parser = createParser({
        onEvent: (e) => {
          if (e.event === 'ready') resolve();
          if (e.event !== 'update') return;
          const at = performance.now();
          for (const id of (JSON.parse(e.data) as { requestIds: number[] }).requestIds) {
            if (firstSeen.has(id)) continue;
            firstSeen.set(id, at);
            waiters.get(id)?.();
          }
        },
      });
      res.setEncoding('utf8');
      res.on('data', (c: string) => parser.feed(c));
    });
    req.on('error', reject);
    req.end();
    closers.push(() => req.destroy());
  });
  const told = (requestId: number) =>
    new Promise<number>((resolve) => {
      const seen = firstSeen.get(requestId);
      if (seen !== undefined) return resolve(seen);
      waiters.set(requestId, () => resolve(firstSeen.get(requestId)!));
    });
  return { opened, told };
}
const closers: (() => void)[] = [];

/**
 * A working day's calls from one practitioner's and one owner's desktops, in proportion: the
 * background refresh of notifications, the person's own lists, a search and a person, two audited
 * reads of a granted record, the owner's inbox, and one request made and then withdrawn (writes:
 * routing, notifications, the audit chain, the idempotency journal). 2 writes in 16 calls. The
 * request is for a case whose owner is away, so it goes to the hub: the owner's push connections
 * carry only the timed requests.
 */
function workingDay(practitioner: string, owner: string): LoadCall[] {
  const asPractitioner = (channel: string, input: unknown): LoadCall => ({ channel, input, token: practitioner });
  return [
    asPractitioner('notifications.list', {}),
    asPractitioner('requests.mine', {}),
    asPractitioner('records.read', { crn: PEOPLE.veryHigh.crn }),
    { channel: 'requests.inbox', input: {}, token: owner },
    asPractitioner('grants.mine', {}),
    asPractitioner('people.search', { query: PEOPLE.allocated.surname }),
    {
      channel: 'requests.create', token: practitioner, write: true, input: requestBody({ crns: [PEOPLE.absentOwner.crn] }),
      onAnswer: (body, context) => {
        const answer = JSON.parse(body) as { ok: boolean; value?: { results: { request?: { id: number } }[] } };
        context.made = answer.value?.results[0]?.request?.id;
      },
    },
    asPractitioner('notifications.list', {}),
    asPractitioner('people.get', { crn: PEOPLE.warrant.crn }),
    { channel: 'requests.inbox', input: {}, token: owner },
    asPractitioner('records.read', { crn: PEOPLE.veryHigh.crn }),
    asPractitioner('notifications.list', {}),
    { channel: 'requests.withdraw', token: practitioner, write: true, inputFrom: (context) => ({ requestId: context.made ?? 999_999_999 }) },
    asPractitioner('grants.mine', {}),
    asPractitioner('requests.mine', {}),
    asPractitioner('notifications.list', {}),
  ];
}

async function main(): Promise<void> {
  const url = process.env.RAB_TEST_DATABASE_URL;
  if (!url) throw new Error('Run through scripts/with-postgres.sh (RAB_TEST_DATABASE_URL is not set).');
  const work = mkdtempSync(join(tmpdir(), 'rab-bench-serve-'));
  const name = `bench_serve_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const database = Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const servers: RabServeProcess[] = [];
  try {
    const seeding = await openDatabase({ url: database, migrate: true });
    await seedCastAndRecords(seeding, Date.now());
    await seeding.close();
    const certs = makeTestCertificates(work);
    for (let i = 0; i < 2; i++) {
      servers.push(await startRabServe(['--database', database, '--listen', '127.0.0.1:0', '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet'], {}, CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : []));
    }
    const [a, b] = servers.map((s) => s.address) as [string, string];
    const signIn = async (base: string, username: string) => (await httpCall(base, certs.caCert, 'auth.signIn', { username, password: PASSWORD })).token!;
    const practitioner = [await signIn(a, 'priya'), await signIn(b, 'priya')];
    const owner = [await signIn(a, 'olivia'), await signIn(b, 'olivia')];

    // The servers' own CPU per call: on a shared machine, the work itself without the waiting for a core.
    const serversCpu = () => servers.reduce((n, s) => n + cpuMsOf(s.pid), 0);
    // And the database's: its server processes are the children of the cluster's postmaster.
    const postmaster = Number(readFileSync(`/proc/${(await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    const databaseCpu = () => {
      let ms = 0;
      for (const pid of readdirSync('/proc').filter((f) => /^\d+$/.test(f))) {
        try {
          if (Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster) ms += cpuMsOf(Number(pid));
        } catch {
          // The process ended while being read.
        }
      }
      return ms;
    };
    const withCpu = async (load: () => Promise<CannonFigures>) => {
      const before = serversCpu();
      const databaseBefore = databaseCpu();
      const figures = await load();
      const calls = Math.max(1, figures.calls);
      return { ...figures, cpuPerCall: (serversCpu() - before) / calls, databaseCpuPerCall: (databaseCpu() - databaseBefore) / calls };
    };
    // The goal's condition: every load runs with this many push connections open (the owner's, half
    // on each server), and their delivery times are taken while the steady mix runs.
    log(`push: opening ${SSE} push connections of the owner, half on each server`);
    const connections = Array.from({ length: SSE }, (_, i) => ({ onA: i % 2 === 0, c: pushConnection(i % 2 === 0 ? a : b, certs.caCert, owner[i % 2]!) }));
    await Promise.all(connections.map((x) => x.c.opened));

    log(`calls: one read call, ${SECONDS} s, ${CONNECTIONS} connections over two servers`);
    const read = await withCpu(() => loadBoth([a, b], practitioner, () => [{ channel: 'notifications.list', input: {} }]));
    log('calls: a mix of a working desktop\'s reads');
    const mix = await withCpu(() => loadBoth([a, b], practitioner, () => [
      { channel: 'requests.mine', input: {} },
      { channel: 'people.get', input: { crn: PEOPLE.warrant.crn } },
      { channel: 'grants.mine', input: {} },
      { channel: 'notifications.list', input: {} },
    ]));

    // The practitioner holds a grant to another record, so the steady mix reads it (audited).
    const asked = valueOf<{ results: { request: { id: number } }[] }>(await httpCall(a, certs.caCert, 'requests.create', requestBody({ crns: [PEOPLE.veryHigh.crn] }), { token: practitioner[0]! }));
    valueOf(await httpCall(b, certs.caCert, 'requests.approve', { requestId: asked.results[0]!.request.id }, { token: owner[1]! }));
    log(`calls: a working day's mix offered at ${RATE} calls/s, ${SECONDS} s, and meanwhile ${PUSHES} requests made through server A for the owner's push connections`);
    const steady = withCpu(() => loadBoth([a, b], practitioner, (server) => workingDay(practitioner[server]!, owner[server]!), RATE));
    const sameServer: number[] = [];
    const otherServer: number[] = [];
    for (let i = 0; i < PUSHES; i++) {
      const sent = performance.now();
      // As a desktop does: a busy answer (503) is sent again with the same idempotency key.
      const key = idempotencyKey();
      let created = await httpCall(a, certs.caCert, 'requests.create', requestBody(), { token: practitioner[0]!, key });
      while (created.status === 503) created = await httpCall(a, certs.caCert, 'requests.create', requestBody(), { token: practitioner[0]!, key });
      if (!created.result.ok) throw new Error(`requests.create: ${created.result.error.code}`);
      const id = (created.result.value as { results: { request: { id: number } }[] }).results[0]!.request.id;
      const seen = await Promise.all(connections.map(async (x) => ({ onA: x.onA, ms: (await x.c.told(id)) - sent })));
      for (const s of seen) (s.onA ? sameServer : otherServer).push(s.ms);
      const withdrawKey = idempotencyKey();
      while ((await httpCall(a, certs.caCert, 'requests.withdraw', { requestId: id }, { token: practitioner[0]!, key: withdrawKey })).status === 503);
    }
    const pushesEnded = performance.now();
    const day = await steady;
    // Pushes timed after the steady load ended were not under it: say so rather than mix them in silently.
    const pushesUnderLoad = performance.now() - pushesEnded < 500 ? 'all during the steady mix' : 'some after the steady mix ended (raise --seconds)';
    sameServer.sort((x, y) => x - y);
    otherServer.sort((x, y) => x - y);

    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const rows = [
      ['read call (notifications.list)', `${Math.round(read.callsPerSecond)} calls/s`, ms(read.p50), ms(read.p99), ms(read.cpuPerCall), ms(read.databaseCpuPerCall), `${read.errors + read.non2xx}`],
      ['mixed reads', `${Math.round(mix.callsPerSecond)} calls/s`, ms(mix.p50), ms(mix.p99), ms(mix.cpuPerCall), ms(mix.databaseCpuPerCall), `${mix.errors + mix.non2xx}`],
      [`a working day's mix, ${RATE} calls/s offered`, `${Math.round(day.callsPerSecond)} calls/s`, ms(day.p50), ms(day.p99), ms(day.cpuPerCall), ms(day.databaseCpuPerCall), `${day.errors + day.non2xx}`],
      [`push, owner on server A (${SSE / 2} connections; ${pushesUnderLoad})`, `${sameServer.length} deliveries`, ms(percentile(sameServer, 50)), ms(percentile(sameServer, 99)), '', '', ''],
      [`push, owner on server B (${SSE / 2} connections; ${pushesUnderLoad})`, `${otherServer.length} deliveries`, ms(percentile(otherServer, 50)), ms(percentile(otherServer, 99)), '', '', ''],
    ];
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    process.stdout.write(`\nrab serve ×2 on PostgreSQL, TLS over loopback, ${CONNECTIONS} load connections, ${SECONDS} s per load; load average ${load}\n`);
    process.stdout.write('| what | throughput | p50 | p99 | servers\' CPU per call | PostgreSQL\'s CPU per call | errors |\n| --- | --- | --- | --- | --- | --- | --- |\n');
    for (const r of rows) process.stdout.write(`| ${r.join(' | ')} |\n`);
  } catch (e) {
    // What the servers said about a failed call (their logs hold no record contents).
    for (const s of servers) process.stderr.write(s.output().split('\n').filter((l) => /error|internal/i.test(l)).slice(0, 20).join('\n'));
    throw e;
  } finally {
    closers.forEach((c) => c());
    for (const s of servers) {
      s.kill('SIGTERM');
      await s.exited;
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
