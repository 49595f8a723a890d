/**
 * `npm run preview:browser`: the whole app in a browser, for development, demonstrations and the
 * end-to-end tests. Builds the renderer, opens a store (a fresh demonstration store unless --store
 * is given), starts the core and serves the app on 127.0.0.1 with a per-run token. Ctrl+C stops it.
 */
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { DevClock } from './dev-clock';
import { startBrowserHost } from './browser-host';
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
  .parse();

const opts = program.opts<{ port: number; store?: string; clock?: number; frozen: boolean; history: number; build: boolean; urlFile?: string }>();
const log = (line: string) => console.log(line);

if (opts.build) {
  const started = Date.now();
  await buildForBrowserHost();
  log(`Renderer built in ${Date.now() - started} ms.`);
}
const clock = new DevClock(opts.clock ?? Date.now(), !opts.frozen);
const hostCore = await openHostCore({ clock, historyDays: opts.history, ...(opts.store ? { storePath: opts.store } : {}), log });
const host = await startBrowserHost({ dispatch: hostCore.dispatch, staticDir: BROWSER_HOST_BUILD, port: opts.port, log });
// Escalations and expiries happen on the core's sweep, as the desktop app runs it.
const sweeping = setInterval(() => void hostCore.core.sweepInTurn().catch((e: unknown) => log(`sweep: ${String(e)}`)), SWEEP_EVERY_MS);
if (opts.urlFile) writeFileSync(opts.urlFile, `${host.url}\n`, { mode: 0o600 });

log(`\nRecords Access Broker (browser host, development only)\n  store: ${opts.store ? hostCore.storePath : 'temporary demonstration store'}\n  clock: ${new Date(clock.now()).toISOString()}${opts.frozen ? ' (frozen)' : ''}\n\nOpen ${host.url}\n`);

const stop = async () => {
  clearInterval(sweeping);
  await host.close();
  hostCore.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
