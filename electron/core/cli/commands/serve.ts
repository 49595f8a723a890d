/**
 * `rab serve --store PATH --listen HOST:PORT --tls-cert F --tls-key F [--client-ca F]`: the broker
 * for desktops in other offices. TLS always, except `--insecure-loopback` for development on this
 * computer only. Runs the routing sweep on a timer, signs audit checkpoints hourly and at shutdown
 * (to a file, a folder or another party's endpoint), logs as JSON lines, and on SIGINT or SIGTERM
 * stops taking calls, finishes the ones in flight, writes a last checkpoint, then closes the store.
 */
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileSigner } from '../../audit/checkpoint-key';
import { fileSink, folderSink, httpSink, type CheckpointSink } from '../../audit/checkpoints';
import { SystemClock } from '../../clock/clock';
import { StoreMaintenance } from '../../maintenance/store-maintenance';
import { createBrokerCore } from '../../rpc/broker-core';
import { buildBrokerServer, type ServerTls } from '../../server/broker-server';
import { engineAnswers } from '../../store/store-ready';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import { UsageError } from '../cli-context';
import type { CliCommand } from './command';

/** The sweep (escalations, reminders, expiries) runs this often, as on the desktop. */
const SWEEP_MS = 60_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

interface ServeFlags {
  store?: string;
  database?: string;
  listen: string;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  insecureLoopback?: boolean;
  quiet?: boolean;
  checkpointKey?: string;
  checkpointFile?: string;
  checkpointFolder?: string;
  checkpointUrl?: string;
  trustProxy?: string;
  abandonedClaimSeconds?: string;
}

/** Checkpoints at least this often. */
const CHECKPOINT_MS = 60 * 60 * 1000;

/** Where a server sends its signed audit checkpoints; none when no sink is given. */
export function checkpointSinks(flags: ServeFlags, storePath: string): CheckpointSink[] {
  const sinks: CheckpointSink[] = [];
  if (flags.checkpointFile) sinks.push(fileSink(flags.checkpointFile));
  if (flags.checkpointFolder) sinks.push(folderSink(flags.checkpointFolder, storePath));
  if (flags.checkpointUrl) {
    if (!/^https:\/\//.test(flags.checkpointUrl)) throw new UsageError('--checkpoint-url must be an https:// address of the party that keeps the checkpoints.');
    sinks.push(httpSink(flags.checkpointUrl));
  }
  return sinks;
}

export function parseListen(value: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : -1;
  if (!match || port > 65_535) throw new UsageError(`--listen must be HOST:PORT (for example 0.0.0.0:8443 or 127.0.0.1:0), not "${value}".`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

/** Seconds, a whole number from 1 to a day: how long a retry waits on an unanswered claim nobody renews. */
export function parseAbandonedClaim(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= 1 && seconds <= 86_400)) throw new UsageError(`--abandoned-claim-seconds must be a whole number of seconds from 1 to 86400, not "${value}".`);
  return seconds * 1000;
}

function readPem(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`${option}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
}

export function serverTls(flags: ServeFlags, host: string): ServerTls | null {
  if (flags.insecureLoopback) {
    if (!LOOPBACK.has(host)) throw new UsageError('--insecure-loopback serves plain HTTP on this computer only: --listen must be 127.0.0.1, ::1 or localhost.');
    if (flags.tlsCert || flags.tlsKey || flags.clientCa) throw new UsageError('--insecure-loopback cannot be combined with --tls-cert, --tls-key or --client-ca.');
    return null;
  }
  if (!flags.tlsCert || !flags.tlsKey) throw new UsageError('The broker serves HTTPS only: give --tls-cert and --tls-key (or --insecure-loopback for development on 127.0.0.1).');
  return {
    cert: readPem(flags.tlsCert, '--tls-cert'),
    key: readPem(flags.tlsKey, '--tls-key'),
    ...(flags.clientCa ? { clientCa: readPem(flags.clientCa, '--client-ca') } : {}),
  };
}

/** `--trust-proxy`: each entry an IP address or a CIDR range, or the whole option is refused. */
export function proxyAddresses(text: string): string[] {
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  if (entries.length === 0) throw new UsageError('--trust-proxy needs the load balancer\'s addresses, e.g. 10.0.0.5,10.0.1.0/24.');
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 4 ? 32 : 128;
    const goodBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || extra !== undefined || !goodBits) {
      throw new UsageError(`--trust-proxy: "${entry}" is not an IP address or a CIDR range (like 10.0.1.0/24).`);
    }
  }
  return entries;
}

export const serveCommand: CliCommand = (program, ctx) => {
  storeOrDatabaseOption(program.command('serve').description('Serve the broker to desktops in other offices over HTTPS, on the embedded store or PostgreSQL.'))
    .requiredOption('--listen <host:port>', 'address and port to listen on, e.g. 0.0.0.0:8443 (port 0 picks a free one)')
    .option('--tls-cert <file>', "the server's certificate chain, PEM")
    .option('--tls-key <file>', "the server's private key, PEM")
    .option('--client-ca <file>', 'require client certificates signed by this authority, PEM')
    .option('--insecure-loopback', 'plain HTTP on 127.0.0.1 for development; never for real use')
    .option('--quiet', 'no request logs')
    .option('--trust-proxy <addresses>', "the load balancer's addresses, comma-separated IPs or CIDR ranges: the caller's address is then read from X-Forwarded-For on calls from them")
    .option('--checkpoint-key <file>', 'the key that signs audit checkpoints (64 hex characters), kept apart from the store; default: the keychain')
    .option('--checkpoint-file <file>', 'append signed audit checkpoints to this file (hourly and at shutdown)')
    .option('--checkpoint-folder <dir>', 'append them to <store name>.checkpoints.jsonl in this folder (a share of another party)')
    .option('--checkpoint-url <url>', 'POST them to this https endpoint of another party (the hub, say)')
    .option('--abandoned-claim-seconds <n>', 'a retried password call waits this long for a server that stopped mid-call (default 120)')
    .addHelpText('after', '\nExamples:\n  rab serve --store ./broker.db --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem\n  rab serve --store ./demo.db --listen 127.0.0.1:8080 --insecure-loopback\n  PGPASSWORD=… rab serve --database postgres://broker@db.internal:5432/broker --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem')
    .action(async (flags: ServeFlags) => {
      const { host, port } = parseListen(flags.listen);
      const abandonedClaimMs = parseAbandonedClaim(flags.abandonedClaimSeconds);
      const tls = serverTls(flags, host);
      const trustProxy = flags.trustProxy === undefined ? undefined : proxyAddresses(flags.trustProxy);
      if (flags.database && (flags.checkpointKey || flags.checkpointFile || flags.checkpointFolder || flags.checkpointUrl)) {
        throw new UsageError('Signed audit checkpoints are written by servers on the embedded store; on PostgreSQL keep the audit chain safe with its replicas and backups (docs/deployment.md).');
      }
      const sinks = flags.store ? checkpointSinks(flags, flags.store) : [];
      const signer = flags.checkpointKey ? fileSigner(flags.checkpointKey) : undefined;
      const target = await openStoreTarget(flags, ctx, { migrate: true });
      const core = createBrokerCore({ db: target.engine, clock: new SystemClock() });
      const app = await buildBrokerServer({ core, tls, log: !flags.quiet, ready: () => engineAnswers(target.engine), ...(trustProxy ? { trustProxy } : {}), ...(abandonedClaimMs ? { abandonedClaimMs } : {}) });
      const store = target.embedded;
      const upkeep = store
        ? new StoreMaintenance({
            core,
            db: store.db,
            storePath: store.path,
            keyStore: ctx.keyStore(),
            backupDir: null,
            checkpointFile: null,
            extraSinks: sinks,
            ...(signer ? { signer } : {}),
            log: (task, error) => app.log.error({ task, error: error instanceof Error ? error.name : 'Error' }, `${task} failed; it runs again next time`),
          })
        : null;
      await upkeep?.start();
      const checkpoints = setInterval(() => void upkeep?.hourly(), CHECKPOINT_MS);
      const sweep = setInterval(() => {
        core.sweepInTurn().catch((e: unknown) => app.log.error({ task: 'sweep', error: e instanceof Error ? e.name : 'Error' }, 'the sweep failed; it runs again next time'));
      }, SWEEP_MS);
      const address = await app.listen({ host, port });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          ctx.stdout.write(`${signal}: finishing calls in flight, then stopping.\n`);
          clearInterval(sweep);
          clearInterval(checkpoints);
          // The last checkpoint is written after the calls in flight, so it covers them.
          app.close().then(() => upkeep?.stopWithCheckpoint()).then(() => resolve(), () => resolve());
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
        // Said only once the signals are handled: whoever waits for this line may stop the server at once.
        ctx.stdout.write(`Broker listening on ${address}${tls ? '' : ' (plain HTTP: development only)'}\n`);
      });
      await target.close();
      ctx.stdout.write('Stopped.\n');
    });
};
