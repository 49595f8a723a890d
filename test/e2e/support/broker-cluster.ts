/**
 * Several desktops on one broker, for the end-to-end tests: real `rab serve` processes over one
 * backing store (over real TLS with a throwaway certificate authority) and browser hosts in
 * connected mode, each talking to one of the servers as a desktop in another office would. The
 * servers share a fresh schema of the throwaway PostgreSQL that `npm test` starts (as a real
 * deployment would run), filled with the demonstration office; or, asked for, an embedded store file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { populateDemoStore } from '../../../electron/core/demo/create-demo-store';
import { openDatabase } from '../../../electron/core/store/open-database';
import buildCliIfStale from '../../helpers/build-cli';
import pg from 'pg';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
import { startTestHost, type TestHost } from './test-host';

const ROOT = resolve(import.meta.dirname, '../../..');
const RAB = join(ROOT, 'bin/rab.mjs');

/** What the servers share: today an encrypted store file (its key in the keychain), later a database. */
export type BackingStore = { kind: 'store'; path: string } | { kind: 'database'; url: string };

const backingArgs = (b: BackingStore): string[] => (b.kind === 'store' ? ['--store', b.path] : ['--database', b.url]);

export interface BrokerServer {
  name: string;
  url: string;
  /** Stops it as an operator would (SIGTERM: calls in flight finish). */
  stop(): Promise<void>;
  /** Starts it again on the same address, after `stop()`. */
  start(): Promise<void>;
}

export interface BrokerCluster {
  certs: TestCertificates;
  /** What the servers share (for `rab … --database URL` or `--store PATH` run beside them). */
  backing: BackingStore;
  servers: BrokerServer[];
  /** A desktop (browser host) connected to one server; `extra` adds options (e.g. --offline-cache FILE). */
  desktop(server: BrokerServer, extra?: readonly string[]): Promise<TestHost>;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  return exited;
}

/** One `rab serve` process; resolves with its address once it listens. */
async function spawnServer(name: string, backing: BackingStore, certs: TestCertificates, port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [RAB, 'serve', ...backingArgs(backing), '--listen', `127.0.0.1:${port}`, '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((found, failed) => {
    const look = () => {
      const m = /Broker listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) found(m[1]!);
    };
    child.stdout?.on('data', look);
    child.once('exit', () => failed(new Error(`rab serve (${name}) exited before listening:\n${output}`)));
  });
  return { url, child };
}

async function startServer(name: string, backing: BackingStore, certs: TestCertificates): Promise<BrokerServer> {
  let { url, child } = await spawnServer(name, backing, certs, 0);
  const port = Number(new URL(url).port);
  return {
    name,
    url,
    stop: () => stopChild(child),
    start: async () => {
      ({ url, child } = await spawnServer(name, backing, certs, port));
    },
  };
}

/** The throwaway PostgreSQL that scripts/with-postgres.sh starts for the suite (scripts/test-browser.sh runs under it). */
const POSTGRES_URL = process.env.RAB_TEST_DATABASE_URL ?? '';

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** What the servers share unless a test asks otherwise: PostgreSQL whenever the suite has one. */
export type BackingKind = BackingStore['kind'];

/**
 * Starts `count` servers over one backing store, new and filled with the demonstration office:
 * a fresh PostgreSQL schema (the default when the suite has a PostgreSQL), or an embedded store
 * file made by the browser host itself, its key in the keychain. The servers run on the real clock.
 */
export async function startBrokerCluster(count: number, kind: BackingKind = POSTGRES_URL ? 'database' : 'store'): Promise<BrokerCluster> {
  await buildCliIfStale();
  const scratch = mkdtempSync(join(tmpdir(), 'rab-e2e-cluster-'));
  let dropSchema: (() => Promise<void>) | null = null;
  let shared: BackingStore;
  if (kind === 'database') {
    if (!POSTGRES_URL) throw new Error('These servers need PostgreSQL: run the browser suite through scripts/with-postgres.sh (npm test does).');
    const schema = `e2e_${randomBytes(5).toString('hex')}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    dropSchema = () => adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    shared = { kind: 'database', url: url.toString() };
    const engine = await openDatabase({ url: shared.url, migrate: true });
    try {
      await populateDemoStore(engine, { now: Date.now(), scratchDir: scratch });
    } finally {
      await engine.close();
    }
  } else {
    shared = { kind: 'store', path: join(scratch, 'broker.db') };
    const maker = await startTestHost(['--store', shared.path, '--history', '0']);
    await maker.stop();
  }
  const certs = makeTestCertificates(mkdtempSync(join(scratch, 'tls-')));
  const servers: BrokerServer[] = [];
  const desktops: TestHost[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await startServer(String.fromCharCode(65 + i), shared, certs));
  } catch (e) {
    for (const s of servers) await s.stop();
    await dropSchema?.();
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  return {
    certs,
    backing: shared,
    servers,
    desktop: async (server, extra = []) => {
      const host = await startTestHost(['--broker', server.url, '--ca', certs.paths.caCert, ...extra]);
      desktops.push(host);
      return host;
    },
    stop: async () => {
      for (const d of desktops) await d.stop();
      for (const s of servers) await s.stop();
      await dropSchema?.();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
