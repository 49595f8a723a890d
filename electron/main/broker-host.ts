/**
 * What the desktop app's IPC talks to: the broker core once a store is open, and before that only
 * the first-run channels. Plain Node (no Electron), so first run, demo mode and store failures are
 * tested with vitest.
 */
import { engineOf } from '../core/store/engine/sqlcipher-engine';
import type { z } from 'zod';
import { CONTRACT } from '../../shared/contract';
import type { Result } from '../../shared/contract/define';
import { setupChannels, type SetupStatus } from '../../shared/contract/setup';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { Connection } from '../core/auth/sessions';
import type { Clock } from '../core/clock/clock';
import { demoAccountsOf, isDemoStore, populateDemoStore } from '../core/demo/create-demo-store';
import { StoreMaintenance } from '../core/maintenance/store-maintenance';
import { createBrokerCore, type BrokerCore } from '../core/rpc/broker-core';
import { invalidInput } from '../core/rpc/invalid-input';
import type { KeyStore } from '../core/store/key-store';
import { openStore, type Store } from '../core/store/open-store';
import { createUser } from '../core/users/create-user';
import { desktopImporter } from './desktop-importer';
import { storeOpeningOutcome, type StoreOpeningOutcome } from './store-opening';
import { createStoreAtomically, discardUnfinishedSetups } from './store-setup';

export interface BrokerHostOptions {
  storePath: string;
  keyStore: KeyStore;
  clock: Clock;
  /** Where unexpected failures are reported (never with the input that caused them). */
  logInternal?: (channel: string, error: unknown) => void;
  /** The folder for the daily automatic backups; none are taken without it. */
  backupDir?: string;
  /** The append-only file of signed audit checkpoints, beside the user-data folder; none without it. */
  checkpointFile?: string;
}

/** Checkpoints at least this often, and the daily backup is looked at as often. */
export const MAINTENANCE_EVERY_MS = 60 * 60 * 1000;

type SetupChannel = keyof typeof setupChannels;
const isSetupChannel = (channel: string): channel is SetupChannel => Object.hasOwn(setupChannels, channel);

const failure = (code: ErrorCode, message?: string): Result<never> => ({ ok: false, error: new AppError(code, message).toShape() });

export class BrokerHost {
  private store: Store | null = null;
  private brokerCore: BrokerCore | null = null;
  private upkeep: StoreMaintenance | null = null;
  private upkeepTimer: NodeJS.Timeout | null = null;
  /** Settles once the first checkpoint and backup after opening have been attempted. */
  maintenanceStarted: Promise<void> = Promise.resolve();
  /** Settles once the background check of every page after opening has finished. */
  pageCheckDone: Promise<number[]> = Promise.resolve([]);
  /** Setup calls run one at a time: a second click waits, then finds the app set up. */
  private setupQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BrokerHostOptions) {}

  /** Opens the store if there is one. 'first-run' leaves the host serving only setup channels. */
  async start(): Promise<{ kind: 'ready' } | StoreOpeningOutcome> {
    await discardUnfinishedSetups(this.options.storePath, this.options.keyStore);
    try {
      this.attach(await openStore({ path: this.options.storePath, keyStore: this.options.keyStore }));
      return { kind: 'ready' };
    } catch (e) {
      return storeOpeningOutcome(e);
    }
  }

  /** The core, once a store is open. */
  get core(): BrokerCore | null {
    return this.brokerCore;
  }

  readonly dispatch = async (channel: string, conn: Connection, rawInput: unknown): Promise<Result<unknown>> => {
    if (isSetupChannel(channel)) return this.dispatchSetup(channel, rawInput);
    if (!this.brokerCore) return failure('SETUP_REQUIRED');
    return this.brokerCore.dispatch(channel, conn, rawInput);
  };

  /** The store's upkeep (checkpoints, daily backup, page check), once a store is open. */
  get maintenance(): StoreMaintenance | null {
    return this.upkeep;
  }

  close(): void {
    if (this.upkeepTimer) clearInterval(this.upkeepTimer);
    this.upkeep?.stop();
    this.upkeep = null;
    this.store?.close();
    this.store = null;
    this.brokerCore = null;
  }

  private attach(store: Store): void {
    this.store = store;
    this.brokerCore = createBrokerCore({
      db: store.engine,
      clock: this.options.clock,
      importer: desktopImporter(store.path, this.options.keyStore, this.options.clock),
      backupDir: this.options.backupDir ?? null,
      ...(this.options.logInternal ? { logInternal: this.options.logInternal } : {}),
    });
    const log = this.options.logInternal ?? (() => undefined);
    this.upkeep = new StoreMaintenance({
      core: this.brokerCore,
      db: store.db,
      storePath: store.path,
      keyStore: this.options.keyStore,
      backupDir: this.options.backupDir ?? null,
      checkpointFile: this.options.checkpointFile ?? null,
      log: (task, error) => log(`maintenance:${task}`, error),
    });
    const upkeep = this.upkeep;
    this.pageCheckDone = upkeep.checkEveryPage().catch((e: unknown) => {
      log('maintenance:page check', e);
      return [];
    });
    this.maintenanceStarted = upkeep.start().catch((e: unknown) => log('maintenance:start', e));
    this.upkeepTimer = setInterval(() => void upkeep.hourly(), MAINTENANCE_EVERY_MS);
    this.upkeepTimer.unref();
  }

  private async status(): Promise<SetupStatus> {
    if (!this.store) return { state: 'NOT_SET_UP' };
    return { state: 'READY', demo: await isDemoStore(this.store.engine), demoAccounts: await demoAccountsOf(this.store.engine) };
  }

  private async dispatchSetup(channel: SetupChannel, rawInput: unknown): Promise<Result<unknown>> {
    // The contract's own schema: the same validation the core gives every channel.
    const def = CONTRACT[channel];
    const parsed = (def.input as z.ZodType).safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
    if (channel === 'setup.status') return { ok: true, value: await this.status() };
    const run = this.setupQueue.then(() => this.setUp(channel, parsed.data));
    this.setupQueue = run.catch(() => undefined);
    try {
      await run;
      return { ok: true, value: await this.status() };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toShape() };
      this.options.logInternal?.(channel, e);
      return failure('INTERNAL');
    }
  }

  private async setUp(channel: Exclude<SetupChannel, 'setup.status'>, input: unknown): Promise<void> {
    if (this.store) throw new AppError('SETUP_ALREADY_DONE');
    // Connecting to a broker is the launcher's to do (desktop-launcher.ts): this host keeps a store.
    if (channel === 'setup.connectToBroker') throw new AppError('SETUP_ALREADY_DONE', 'This computer keeps its own store; connecting to a broker is chosen at first run.');
    const now = this.options.clock.now();
    const { storePath, keyStore } = this.options;
    if (channel === 'setup.loadDemoData') {
      const { store } = await createStoreAtomically(storePath, keyStore, (db) => populateDemoStore(db, { now }));
      this.attach(store);
      return;
    }
    const admin = CONTRACT['setup.createAdministrator'].input.parse(input);
    const { store } = await createStoreAtomically(storePath, keyStore, (db) =>
      createUser(engineOf(db), { username: admin.username, displayName: admin.displayName, roles: ['admin'], password: admin.password }, { actor: 'setup', now: () => now }),
    );
    this.attach(store);
  }
}
