/**
 * `npm run preview:browser`: the whole app in a browser, for development, demonstrations and the
 * end-to-end tests. Builds the renderer, opens a store (a fresh demonstration store unless --store
 * is given), starts the core and serves the app on 127.0.0.1 with a per-run token. Ctrl+C stops it.
 * With --broker it is a connected desktop instead: no store of its own, every call goes to that
 * `rab serve` (trusting --ca if given), as the desktop app does in connected mode; there the dev.*
 * clock channels move only this desktop's own clock (its offline copy's). With --user-data
 * it starts as the desktop app does on that folder: first run while the folder holds no choice and
 * no store, then whatever first run chose (electron/main/desktop-broker.ts, the same code).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectedBroker } from '../../electron/core/connected/connected-broker';
import { openOfflineCache } from '../../electron/core/connected/offline-cache';
import { SystemKeyStore } from '../../electron/core/store/system-key-store';
import { SystemClock } from '../../electron/core/clock/clock';
import { startDesktopBroker } from '../../electron/main/desktop-broker';
import { Command, InvalidArgumentError } from 'commander';
import { DevClock } from './dev-clock';
import { withConnectedDevClock } from './connected-dev-clock';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { buildForBrowserHost, BROWSER_HOST_BUILD } from './build-renderer';
import { openHostCore } from './host-core';

const SWEEP_EVERY_MS = 15_000;

const instantOption = (value: string): number => {
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new InvalidArgumentError('give a date and time like 2026-03-02T10:00:00Z');
  return at;
};
const daysOption = (value: string): number => {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 365) throw new InvalidArgumentError('give a whole number of days from 0 to 365');
  return days;
};
const portOption = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('give a port number from 0 to 65535');
  return port;
};

const program = new Command()
  .name('preview-browser')
  .description('Serve Records Access Broker to a browser on this computer, on a demonstration store.')
  .option('--port <port>', 'the port to listen on (default: a free one)', portOption, 0)
  .option('--store <path>', 'open or create this store, with its key in the system keychain (default: a temporary store)')
  .option('--clock <instant>', 'start the clock here instead of now, e.g. 2026-03-02T10:00:00Z', instantOption)
  .option('--frozen', 'keep the clock still until moved through the dev.* channels (for tests)', false)
  .option('--history <days>', 'days of simulated office activity to play into a new demonstration store (0 for none)', (v) => daysOption(v), 30)
  .option('--no-build', 'serve the last build instead of building the renderer first')
  .option('--url-file <path>', 'also write the address (with its token) to this file, for scripts')
  .option('--broker <url>', "connect to this broker (rab serve) instead of using a store on this computer, e.g. https://broker.example.org:8443")
  .option('--ca <file>', "the certificate authority to trust for --broker, PEM (default: the system's)")
  .option('--offline-cache <file>', 'with --broker: keep the offline copy in this encrypted file (its key in the system keychain)')
  .option('--user-data <folder>', "start as the desktop app does on this user-data folder: first run until a broker is chosen there (keys in the system keychain; the real clock)")
  .parse();

const opts = program.opts<{ port: number; store?: string; clock?: number; frozen: boolean; history: number; build: boolean; urlFile?: string; broker?: string; ca?: string; offlineCache?: string; userData?: string }>();
if (opts.offlineCache && !opts.broker) program.error('--offline-cache is the offline copy of a connected desktop: give --broker too.');
if (opts.ca && !opts.broker) program.error('--ca is the authority to trust for --broker: give --broker too.');
if (opts.broker && opts.store) program.error('--broker and --store are two different modes: give one of them.');
if (opts.userData && (opts.broker || opts.store)) program.error('--user-data is a mode of its own (first run chooses the broker or the store): give it without --broker or --store.');
if (opts.broker && (opts.clock !== undefined || opts.frozen)) program.error("--broker runs on the broker's clock: give it without --clock or --frozen (the dev.* channels move this desktop's own clock, for its offline copy).");
if (opts.userData && (opts.clock !== undefined || opts.frozen)) program.error('--user-data runs on the real clock, as the desktop app does: give it without --clock or --frozen.');
const log = (line: string) => console.log(line);

// --no-build serves the last build; where there is none yet (a fresh clone), it builds one instead
// of serving a page that is not there.
if (opts.build || !existsSync(join(BROWSER_HOST_BUILD, 'index.html'))) {
  const started = Date.now();
  await buildForBrowserHost();
  log(`Renderer built in ${Date.now() - started} ms.`);
}
let host: BrowserHost;
let describe: string;
let stopBroker: () => void;
if (opts.broker) {
  // The desktop's own clock (its offline copy's), flowing from now; the dev.* channels move it.
  const clock = new DevClock(Date.now(), true);
  let broker: ConnectedBroker;
  try {
    broker = new ConnectedBroker({
      brokerUrl: opts.broker,
      ...(opts.ca ? { ca: readFileSync(opts.ca) } : {}),
      ...(opts.offlineCache ? { offlineCache: openOfflineCache(opts.offlineCache, new SystemKeyStore()) } : {}),
      now: () => clock.now(),
      log,
    });
  } catch (e) {
    program.error(e instanceof Error ? e.message : String(e));
  }
  const dispatch = withConnectedDevClock(clock, (c, conn, input) => broker.dispatch(c, conn, input));
  host = await startBrowserHost({ dispatch, subscribe: (conn, l) => broker.subscribe(conn, l), staticDir: BROWSER_HOST_BUILD, port: opts.port, log });
  describe = `  broker: ${opts.broker} (connected mode: no store on this computer)`;
  stopBroker = () => broker.close();
} else if (opts.userData) {
  const { broker, opened } = await startDesktopBroker({
    userData: opts.userData,
    keyStore: new SystemKeyStore(),
    clock: new SystemClock(),
    log,
    logInternal: (channel, error) => log(`[broker] ${channel}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
  });
  if (opened.kind === 'stop') {
    broker.close();
    program.error(`${opened.title}. ${opened.message}`);
  }
  host = await startBrowserHost({ dispatch: broker.dispatch, subscribe: (conn, l) => broker.subscribe(conn, l), staticDir: BROWSER_HOST_BUILD, port: opts.port, log });
  // As in the desktop app, the sweep runs on this computer's core whenever that is the broker in use.
  const sweeping = setInterval(() => void broker.core?.sweepInTurn().catch((e: unknown) => log(`sweep: ${String(e)}`)), SWEEP_EVERY_MS);
  describe = `  user data: ${opts.userData} (${opened.kind === 'first-run' ? 'first run' : opened.kind === 'connected' ? 'connected to its broker' : 'its own store'})`;
  stopBroker = () => {
    clearInterval(sweeping);
    broker.close();
  };
} else {
  const clock = new DevClock(opts.clock ?? Date.now(), !opts.frozen);
  const hostCore = await openHostCore({ clock, historyDays: opts.history, ...(opts.store ? { storePath: opts.store } : {}), log });
  host = await startBrowserHost({ dispatch: hostCore.dispatch, subscribe: hostCore.subscribe, staticDir: BROWSER_HOST_BUILD, port: opts.port, log });
  // Escalations and expiries happen on the core's sweep, as the desktop app runs it.
  const sweeping = setInterval(() => void hostCore.core.sweepInTurn().catch((e: unknown) => log(`sweep: ${String(e)}`)), SWEEP_EVERY_MS);
  describe = `  store: ${opts.store ? hostCore.storePath : 'temporary demonstration store'}\n  clock: ${new Date(clock.now()).toISOString()}${opts.frozen ? ' (frozen)' : ''}`;
  stopBroker = () => {
    clearInterval(sweeping);
    hostCore.close();
  };
}
if (opts.urlFile) writeFileSync(opts.urlFile, `${host.url}\n`, { mode: 0o600 });

log(`\nRecords Access Broker (browser host, development only)\n${describe}\n\nOpen ${host.url}\n`);

const stop = async () => {
  await host.close();
  stopBroker();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
