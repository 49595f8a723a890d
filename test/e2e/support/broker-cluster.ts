/**
 * Several desktops on one broker, for the end-to-end tests: real `rab serve` processes over one
 * backing store (over real TLS with a throwaway certificate authority) and browser hosts in
 * connected mode, each talking to one of the servers as a desktop in another office would. The
 * backing store is one parameter, so the same tests run on the embedded store file today and on a
 * PostgreSQL database (`--database URL`) once `rab serve` has it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import buildCliIfStale from '../../helpers/build-cli';
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
  servers: BrokerServer[];
  /** A desktop (browser host) connected to one server. */
  desktop(server: BrokerServer): Promise<TestHost>;
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

/**
 * Starts `count` servers over one backing store. Without a backing store given, a new
 * demonstration store is made (by the browser host itself, with the real clock, as the servers
 * run on the real clock) in a temporary folder, its key in the keychain.
 */
export async function startBrokerCluster(count: number, backing?: BackingStore): Promise<BrokerCluster> {
  await buildCliIfStale();
  const scratch = mkdtempSync(join(tmpdir(), 'rab-e2e-cluster-'));
  const shared: BackingStore = backing ?? { kind: 'store', path: join(scratch, 'broker.db') };
  if (!backing && shared.kind === 'store') {
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
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  return {
    certs,
    servers,
    desktop: async (server) => {
      const host = await startTestHost(['--broker', server.url, '--ca', certs.paths.caCert]);
      desktops.push(host);
      return host;
    },
    stop: async () => {
      for (const d of desktops) await d.stop();
      for (const s of servers) await s.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
