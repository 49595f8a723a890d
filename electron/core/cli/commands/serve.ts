/**
 * `rab serve --store PATH --listen HOST:PORT --tls-cert F --tls-key F [--client-ca F]`: the broker
 * for desktops in other offices. TLS always, except `--insecure-loopback` for development on this
 * computer only. Runs the routing sweep on a timer, logs as JSON lines, and on SIGINT or SIGTERM
 * stops taking calls, finishes the ones in flight, then closes the store.
 */
import { readFileSync } from 'node:fs';
import { SystemClock } from '../../clock/clock';
import { createBrokerCore } from '../../rpc/broker-core';
import { buildBrokerServer, type ServerTls } from '../../server/broker-server';
import { openStore } from '../../store/open-store';
import { storeAnswers } from '../../store/store-ready';
import { UsageError } from '../cli-context';
import { storeOption, type CliCommand } from './command';

/** The sweep (escalations, reminders, expiries) runs this often, as on the desktop. */
const SWEEP_MS = 60_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

interface ServeFlags {
  store: string;
  listen: string;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  insecureLoopback?: boolean;
  quiet?: boolean;
}

export function parseListen(value: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : -1;
  if (!match || port > 65_535) throw new UsageError(`--listen must be HOST:PORT (for example 0.0.0.0:8443 or 127.0.0.1:0), not "${value}".`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
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

export const serveCommand: CliCommand = (program, ctx) => {
  storeOption(program.command('serve').description('Serve the broker to desktops in other offices over HTTPS, on the embedded store.'))
    .requiredOption('--listen <host:port>', 'address and port to listen on, e.g. 0.0.0.0:8443 (port 0 picks a free one)')
    .option('--tls-cert <file>', "the server's certificate chain, PEM")
    .option('--tls-key <file>', "the server's private key, PEM")
    .option('--client-ca <file>', 'require client certificates signed by this authority, PEM')
    .option('--insecure-loopback', 'plain HTTP on 127.0.0.1 for development; never for real use')
    .option('--quiet', 'no request logs')
    .addHelpText('after', '\nExamples:\n  rab serve --store ./broker.db --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem\n  rab serve --store ./demo.db --listen 127.0.0.1:8080 --insecure-loopback')
    .action(async (flags: ServeFlags) => {
      const { host, port } = parseListen(flags.listen);
      const tls = serverTls(flags, host);
      const store = await openStore({ path: flags.store, keyStore: ctx.keyStore() });
      const core = createBrokerCore({ db: store.db, clock: new SystemClock() });
      const app = await buildBrokerServer({ core, tls, log: !flags.quiet, ready: async () => storeAnswers(store.db) });
      const sweep = setInterval(() => {
        try {
          core.sweep();
        } catch (e) {
          app.log.error({ task: 'sweep', error: e instanceof Error ? e.name : 'Error' }, 'the sweep failed; it runs again next time');
        }
      }, SWEEP_MS);
      const address = await app.listen({ host, port });
      ctx.stdout.write(`Broker listening on ${address}${tls ? '' : ' (plain HTTP: development only)'}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          ctx.stdout.write(`${signal}: finishing calls in flight, then stopping.\n`);
          clearInterval(sweep);
          app.close().then(() => resolve(), () => resolve());
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      store.close();
      ctx.stdout.write('Stopped.\n');
    });
};
