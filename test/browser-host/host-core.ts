/**
 * The core behind the browser host: a store (a fresh temporary demonstration store unless a path
 * is given), the broker core with the settable clock (so the dev.* channels exist), an importer,
 * and the first-run channel the sign-in screen asks (setup.status).
 */
import { engineOf } from '../../electron/core/store/engine/sqlcipher-engine';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BridgeListener } from '../../shared/contract/broker-connection';
import type { Result } from '../../shared/contract/define';
import type { SetupStatus } from '../../shared/contract/setup';
import { AppError } from '../../shared/errors';
import type { Connection } from '../../electron/core/auth/sessions';
import { EmbeddedLiveUpdates } from '../../electron/core/connected/embedded-live-updates';
import { demoAccountsOf, isDemoStore, populateDemoStore } from '../../electron/core/demo/create-demo-store';
import { createBrokerCore, type BrokerCore } from '../../electron/core/rpc/broker-core';
import { LiveFeed } from '../../electron/core/server/live-feed';
import { simulateHistory } from '../../electron/core/simulate/simulate-history';
import { MemoryKeyStore, type KeyStore } from '../../electron/core/store/key-store';
import { SystemKeyStore } from '../../electron/core/store/system-key-store';
import { openStore, type Store } from '../../electron/core/store/open-store';
import type { DevClock } from './dev-clock';
import { hostImporter } from './host-importer';

export interface HostCoreOptions {
  clock: DevClock;
  /**
   * Days of simulated office activity to play into a new demonstration store before it opens, so
   * queues, notifications, the audit log and the reports have something in them. The demonstration
   * accounts' own staff, cases and allocations are left alone, so their scenario stays as designed.
   */
  historyDays?: number;
  /** A store to open (or create, with demonstration data) using the system keychain. */
  storePath?: string;
  log?: (line: string) => void;
}

export interface HostCore {
  core: BrokerCore;
  store: Store;
  storePath: string;
  dispatch(channel: string, conn: Connection, rawInput: unknown): Promise<Result<unknown>>;
  /** A page's live updates, fed from the store's notifications as on the desktop. */
  subscribe(conn: Connection, listener: BridgeListener): () => void;
  close(): void;
}

const hasActivity = (db: Database): boolean => (db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n > 0;

async function playHistory(db: Database, days: number, until: number, log?: (line: string) => void): Promise<void> {
  const started = Date.now();
  const usernames = (await demoAccountsOf(engineOf(db))).map((a) => a.username);
  const spareStaff = usernames.flatMap((u) => {
    const row = db.prepare('SELECT staff_code FROM users WHERE username = ?').get(u) as { staff_code: string | null } | undefined;
    return row?.staff_code ? [row.staff_code] : [];
  });
  const result = await simulateHistory(engineOf(db), { days, seed: 1, until, spareStaff });
  log?.(`${days} days of office activity played in ${Date.now() - started} ms: ${result.counts.requests} requests, ${result.counts.approved} approved, ${result.counts.denied} refused, ${result.counts.emergencyUses} emergency uses.`);
}

export async function openHostCore(o: HostCoreOptions): Promise<HostCore> {
  const scratch = o.storePath ? null : mkdtempSync(join(tmpdir(), 'rab-browser-host-'));
  const storePath = o.storePath ? resolve(o.storePath) : join(scratch!, 'broker.db');
  // A temporary store's key lives only in this process; a named store's key in the keychain.
  const keyStore: KeyStore = o.storePath ? new SystemKeyStore() : new MemoryKeyStore();
  const fresh = !existsSync(storePath);
  const store = await openStore({ path: storePath, keyStore, create: fresh });
  try {
    if (fresh) {
      const started = Date.now();
      await populateDemoStore(store.db, { now: o.clock.now() });
      o.log?.(`Demonstration store created in ${Date.now() - started} ms.`);
      if (o.historyDays && !hasActivity(store.db)) await playHistory(store.db, o.historyDays, o.clock.now(), o.log);
    }
  } catch (e) {
    store.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  const core = createBrokerCore({
    db: store.engine,
    clock: o.clock,
    devClock: o.clock,
    importer: hostImporter(storePath, keyStore, o.clock),
    logInternal: (channel, error) => o.log?.(`[broker] ${channel}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
  });

  const live = new EmbeddedLiveUpdates({ feed: await LiveFeed.start(core.ctx.db), sessions: core.sessions, onError: (e) => o.log?.(`[live] ${e instanceof Error ? e.message : String(e)}`) });

  const setupStatus = async (): Promise<SetupStatus> => ({ state: 'READY', demo: await isDemoStore(core.ctx.db), demoAccounts: await demoAccountsOf(core.ctx.db) });

  return {
    core,
    store,
    storePath,
    async dispatch(channel, conn, rawInput) {
      // The store exists before the page opens, so of the first-run channels only the status is served.
      if (channel === 'setup.status') return { ok: true, value: await setupStatus() };
      if (channel === 'setup.createAdministrator' || channel === 'setup.loadDemoData') return { ok: false, error: new AppError('SETUP_ALREADY_DONE').toShape() };
      const result = await core.dispatch(channel, conn, rawInput);
      await live.publish();
      return result;
    },
    subscribe: (conn, listener) => live.subscribe(conn, listener),
    close() {
      live.close();
      store.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}
