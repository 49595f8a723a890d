/**
 * The broker core as one object, built from an open store. The Electron main process, the
 * development browser host and the command line all use this: dispatch for the API, sweep on a
 * timer, and a connection per window.
 */
import { randomUUID } from 'node:crypto';
import type { Result, SweepReport } from '../../../shared/contract';
import type { Connection } from '../auth/sessions';
import { SessionService } from '../auth/sessions';
import type { BrokerContext } from '../broker/context';
import { DEFAULT_POLICY } from '../../../shared/contract/policy-settings';
import type { Db } from '../store/sql';
import { sweep } from '../broker/sweep';
import type { Clock, TestClock } from '../clock/clock';
import { storeFailureOf } from '../store/store-failures';
import type { Importer } from './call';
import { TaskQueue } from './task-queue';
import { dispatch, type InternalErrorLog } from './dispatch';
import type { CallJournal } from './call-atomicity';
import { StoreHealth } from './store-health';

export interface BrokerCoreOptions {
  db: Db;
  clock: Clock;
  /** Development hosts only: the settable clock that also serves the dev.* channels. */
  devClock?: TestClock | null;
  /** Hosts that can import export sets (the desktop app) pass the importer here. */
  importer?: Importer | null;
  /** The desktop's daily backup folder, listed for administrators (admin.backups); null when there is none. */
  backupDir?: string | null;
  /** Where unexpected failures are reported. Only the error itself, never the input, is passed. */
  logInternal?: InternalErrorLog;
}

export interface BrokerCore {
  ctx: BrokerContext;
  sessions: SessionService;
  /** A new connection for a window or page; its session starts empty. */
  connect(): Connection;
  /** `journal`: a server remembering the answer to a call sent with an idempotency key (see call-atomicity.ts). */
  dispatch(channel: unknown, conn: Connection, rawInput: unknown, journal?: CallJournal): Promise<Result<unknown>>;
  sweep(): Promise<SweepReport>;
  /** The sweep, in turn with the other background tasks (for timers; tests may call sweep() directly). */
  sweepInTurn(): Promise<SweepReport>;
  /** Runs a background task on the store in turn with the others, unless the store is refused. */
  inTurn<T>(task: () => T | Promise<T>): Promise<T>;
  /** Refused once the store shows damage (see store-health.ts). */
  health: StoreHealth;
}

const defaultLog: InternalErrorLog = (channel, error) => {
  const e = error instanceof Error ? error : new Error(String(error));
  console.error(`[broker] ${channel}: ${e.name}: ${e.message}`);
};

export function createBrokerCore(o: BrokerCoreOptions): BrokerCore {
  const clock = o.devClock ?? o.clock;
  const ctx: BrokerContext = { db: o.db, clock };
  // Every call reads the policy as it starts (dispatch.ts) and sets the idle lock from it.
  const sessions = new SessionService(clock, DEFAULT_POLICY.idleLockMinutes);
  const health = new StoreHealth(o.db, () => clock.now());
  const tasks = new TaskQueue();
  const services = {
    ctx,
    sessions,
    devClock: o.devClock ?? null,
    importer: o.importer ?? null,
    importProgress: { running: false, file: null, rowsDone: 0, rowsTotal: 0 },
    importFinished: Promise.resolve(),
    health,
    backupDir: o.backupDir ?? null,
  };
  const log = o.logInternal ?? defaultLog;
  const guardedSweep = async (): Promise<SweepReport> => {
    if (health.refused) throw health.refused;
    try {
      return await sweep(ctx);
    } catch (e) {
      const failure = storeFailureOf(e);
      if (failure?.code === 'STORE_DAMAGED') throw await health.refuse('sweep', e instanceof Error ? e.message : String(e));
      throw failure ?? e;
    }
  };
  return {
    ctx,
    sessions,
    health,
    connect: () => ({ id: randomUUID(), sessionId: null }),
    dispatch: (channel, conn, rawInput, journal) => dispatch(services, channel, conn, rawInput, log, journal),
    sweep: guardedSweep,
    // Background work waits for an import under way: the import holds the store's write lock on
    // its own connection, and waiting for that lock would block the one thread both run on.
    sweepInTurn: () =>
      tasks.run(async () => {
        await services.importFinished;
        return await guardedSweep();
      }),
    inTurn: (task) =>
      tasks.run(async () => {
        await services.importFinished;
        if (health.refused) throw health.refused;
        try {
          return await task();
        } catch (e) {
          if (storeFailureOf(e)?.code === 'STORE_DAMAGED') throw await health.refuse('background task', e instanceof Error ? e.message : String(e));
          throw e;
        }
      }),
  };
}
