/**
 * A PostgreSQL cluster of a test's own, as scripts/with-postgres.sh makes one (initdb into a
 * temporary folder, loopback only, trust authentication), which the test may stop and start again
 * on the same port to see how a broker server behaves while its database is away.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** postgres://rab@127.0.0.1:<port>/rab */
  url: string;
  stop(): void;
  start(): void;
  /** Stops it (if running) and deletes its folder. */
  destroy(): void;
}

function serverPrograms(): string {
  for (const v of [17, 16, 15]) {
    const bin = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  throw new Error("PostgreSQL's server programs are missing. Install them: apt-get install -y postgresql");
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = serverPrograms();
  const dir = mkdtempSync(join(tmpdir(), 'rab-cluster-'));
  // initdb refuses to run as root: a root caller runs the cluster as the 'postgres' account.
  const asOwner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asOwner.length) execFileSync('chown', ['postgres:', dir]);
  const run = (program: string, args: string[]) => {
    const [cmd, ...rest] = [...asOwner, join(bin, program), ...args];
    execFileSync(cmd!, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  run('initdb', ['-D', join(dir, 'data'), '-U', 'rab', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const cluster: PostgresCluster = {
    url: `postgres://rab@127.0.0.1:${port}/rab`,
    start: () => {
      run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start', '-o', options]);
      running = true;
    },
    // "fast": connections are ended at once, as when the database is shut down under a server.
    stop: () => {
      run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    destroy: () => {
      if (running) cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  const admin = new pg.Client({ connectionString: `postgres://rab@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE rab');
  await admin.end();
  return cluster;
}
