/**
 * The core behind the browser host: a store (a fresh temporary demonstration store unless a path
 * is given), the broker core with the settable clock (so the dev.* channels exist), an importer,
 * and the first-run channel the sign-in screen asks (setup.status).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Result } from '../../shared/contract/define';
import type { SetupStatus } from '../../shared/contract/setup';
import { AppError } from '../../shared/errors';
import type { Connection } from '../../electron/core/auth/sessions';
import { demoAccountsOf, isDemoStore, populateDemoStore } from '../../electron/core/demo/create-demo-store';
import { createBrokerCore, type BrokerCore } from '../../electron/core/rpc/broker-core';
import { KeytarKeyStore, MemoryKeyStore, type KeyStore } from '../../electron/core/store/key-store';
import { openStore, type Store } from '../../electron/core/store/open-store';
import type { DevClock } from './dev-clock';
import { hostImporter } from './host-importer';

export interface HostCoreOptions {
  clock: DevClock;
  /** A store to open (or create, with demonstration data) using the system keychain. */
  storePath?: string;
  log?: (line: string) => void;
}

export interface HostCore {
  core: BrokerCore;
  store: Store;
  storePath: string;
  dispatch(channel: string, conn: Connection, rawInput: unknown): Promise<Result<unknown>>;
  close(): void;
}

export async function openHostCore(o: HostCoreOptions): Promise<HostCore> {
  const scratch = o.storePath ? null : mkdtempSync(join(tmpdir(), 'rab-browser-host-'));
  const storePath = o.storePath ? resolve(o.storePath) : join(scratch!, 'broker.db');
  // A temporary store's key lives only in this process; a named store's key in the keychain.
  const keyStore: KeyStore = o.storePath ? new KeytarKeyStore() : new MemoryKeyStore();
  const fresh = !existsSync(storePath);
  const store = await openStore({ path: storePath, keyStore, create: fresh });
  try {
    if (fresh) {
      const started = Date.now();
      await populateDemoStore(store.db, { now: o.clock.now() });
      o.log?.(`Demonstration store created in ${Date.now() - started} ms.`);
    }
  } catch (e) {
    store.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  const core = createBrokerCore({
    db: store.db,
    clock: o.clock,
    devClock: o.clock,
    importer: hostImporter(storePath, keyStore, o.clock),
    logInternal: (channel, error) => o.log?.(`[broker] ${channel}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
  });

  const setupStatus = (): SetupStatus => ({ state: 'READY', demo: isDemoStore(store.db), demoAccounts: demoAccountsOf(store.db) });

  return {
    core,
    store,
    storePath,
    async dispatch(channel, conn, rawInput) {
      // The store exists before the page opens, so of the first-run channels only the status is served.
      if (channel === 'setup.status') return { ok: true, value: setupStatus() };
      if (channel === 'setup.createAdministrator' || channel === 'setup.loadDemoData') return { ok: false, error: new AppError('SETUP_ALREADY_DONE').toShape() };
      return core.dispatch(channel, conn, rawInput);
    },
    close() {
      store.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}
