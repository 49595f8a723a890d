/**
 * The desktop's broker in connected mode: the same shape as the local core the IPC binding and the
 * browser host use (`dispatch(channel, connection, input)` answering `{ok, value | error}`), but
 * each call goes to `rab serve`. Plain Node, so the Electron main process and the browser host run
 * the same code.
 *
 * - One broker client per window (connection): it holds that window's session token, here in the
 *   main process; the renderer never sees it.
 * - Each call carries one idempotency key for all its retries, so a lost answer retried never acts
 *   twice; a broker that stays unreachable answers a typed BROKER_UNAVAILABLE.
 * - While someone is signed in and the window listens, it holds the push connection and passes on
 *   which views changed; after a reconnection it asks the window to refresh everything.
 * - It keeps the connection status for the banner, and retries by itself once contact is lost.
 */
import type { Result } from '../../../shared/contract';
import type { BridgeListener, BrokerConnectionStatus } from '../../../shared/contract/broker-connection';
import { LIVE_VIEWS, type LiveUpdate } from '../../../shared/contract/live-updates';
import { AppError } from '../../../shared/errors';
import type { Connection } from '../auth/sessions';
import { BrokerClient, type Reach } from '../server/broker-client';
import { BrokerReachability } from './broker-reachability';
import type { OfflineCache } from './offline-cache';
import { OfflineDesk } from './offline-desk';

/** What a desktop host (Electron main, the browser host) needs from its broker, in either mode. */
export interface DesktopBroker {
  dispatch(channel: string, conn: Connection, rawInput: unknown): Promise<Result<unknown>>;
  /** The window's live updates and connection status; the current status is told at once. */
  subscribe(conn: Connection, listener: BridgeListener): () => void;
  /** The window has closed: forget what was held for it. */
  forget(conn: Connection): void;
  close(): void | Promise<void>;
}

export interface ConnectedBrokerOptions {
  /** https://host:port of `rab serve` (http:// only on loopback, for development). */
  brokerUrl: string;
  /** The certificate authority to trust instead of the system's, PEM. */
  ca?: Buffer;
  /** Attempts per call before BROKER_UNAVAILABLE (the client's default when not given). */
  attempts?: number;
  timeoutMs?: number;
  retryEveryMs?: number;
  now?: () => number;
  /** The desktop's offline copy (offline-cache.ts); without it nothing is readable offline. */
  offlineCache?: Promise<OfflineCache | null>;
  /** Told when the offline copy could not be opened (the desktop then works online only). */
  log?: (line: string) => void;
  /** How often the offline copy deletes what is past its limit, calls or not (a minute when not given). */
  sweepEveryMs?: number;
}

const SWEEP_EVERY_MS = 60_000;

/** Stands in for the session id on a connection signed in at the broker, so the host knows someone is. */
export const SIGNED_IN_AT_BROKER = 'signed-in-at-broker';

const REFRESH_EVERYTHING: LiveUpdate = { views: [...LIVE_VIEWS], requestIds: [], grantIds: [], crns: [] };

interface Desk {
  client: BrokerClient;
  listeners: Set<BridgeListener>;
  stopPush: (() => void) | null;
  /** The window's offline side, made once on its first call (null without an offline copy). */
  offline: Promise<OfflineDesk | null> | null;
}

export class ConnectedBroker implements DesktopBroker {
  private readonly desks = new Map<string, Desk>();
  private readonly reachability: BrokerReachability;
  private readonly prober: BrokerClient;
  private readonly offlineCache: Promise<OfflineCache | null>;

  constructor(private readonly o: ConnectedBrokerOptions) {
    this.offlineCache = (o.offlineCache ?? Promise.resolve(null))
      .then((cache) => {
        // Past its limit a section goes from the file at once when the copy is opened, then on a timer.
        cache?.sweep(o.now ?? Date.now, o.sweepEveryMs ?? SWEEP_EVERY_MS);
        return cache;
      })
      .catch((e: unknown) => {
        o.log?.(`The offline copy cannot be opened, so nothing will be readable offline: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      });
    // Made first: it checks the address (https, or http on loopback) and throws a clear error.
    this.prober = this.newClient();
    this.reachability = new BrokerReachability({
      probe: () => this.prober.health(),
      ...(o.now ? { now: o.now } : {}),
      ...(o.retryEveryMs ? { retryEveryMs: o.retryEveryMs } : {}),
    });
    this.reachability.onChange((status) => {
      this.tellAll({ kind: 'connection', status });
      // Back: each window's reconnection steps run now, not only at its next call.
      if (status.mode === 'connected' && status.reachable) {
        for (const desk of this.desks.values()) {
          void desk.offline
            ?.then((offline) => {
              // A session signed in offline has nothing at the broker: the window shows the sign-in screen.
              if (offline?.brokerBack()) for (const listener of desk.listeners) listener({ kind: 'session' });
              return offline?.owesReconnect ? offline.reconnect() : null;
            })
            .catch((e: unknown) => this.logOffline(e));
        }
      }
    });
  }

  get status(): BrokerConnectionStatus {
    return this.reachability.status;
  }

  /** What one look at the broker finds now: healthy, its certificate untrusted, or no answer. */
  reach(): Promise<Reach> {
    return this.prober.reach();
  }

  async dispatch(channel: string, conn: Connection, rawInput: unknown): Promise<Result<unknown>> {
    const desk = this.deskOf(conn);
    const offline = await (desk.offline ??= this.offlineDesk(desk));
    let result: Result<unknown>;
    try {
      result = offline ? await offline.dispatch(channel, rawInput) : await desk.client.call(channel, rawInput);
    } catch (e) {
      result = { ok: false, error: (e instanceof AppError ? e : new AppError('INTERNAL')).toShape() };
    }
    // Signed out while the broker could not be reached: this window forgets its token all the same.
    if (channel === 'auth.signOut' && result.ok && desk.client.signedIn) {
      desk.stopPush?.();
      desk.stopPush = null;
      desk.client.close();
      desk.client = this.newClient();
    }
    // A session signed in offline counts as signed in too: the host locks it on suspend and signs it out on close.
    conn.sessionId = desk.client.signedIn || offline?.signedInOffline ? SIGNED_IN_AT_BROKER : null;
    this.syncPush(desk);
    return result;
  }

  /** Settles once the window's background copying into the offline copy is done (offline-copies.ts). */
  async copiesSettled(conn: Connection): Promise<void> {
    const offline = await this.desks.get(conn.id)?.offline;
    await offline?.copies.idle();
  }

  subscribe(conn: Connection, listener: BridgeListener): () => void {
    const desk = this.deskOf(conn);
    desk.listeners.add(listener);
    listener({ kind: 'connection', status: this.status });
    this.syncPush(desk);
    return () => {
      desk.listeners.delete(listener);
      this.syncPush(desk);
    };
  }

  forget(conn: Connection): void {
    const desk = this.desks.get(conn.id);
    if (!desk) return;
    desk.stopPush?.();
    desk.client.close();
    this.desks.delete(conn.id);
  }

  close(): void {
    for (const desk of this.desks.values()) {
      desk.stopPush?.();
      desk.client.close();
    }
    this.desks.clear();
    this.reachability.close();
    this.prober.close();
    void this.offlineCache.then((cache) => cache?.close());
  }

  private newClient(): BrokerClient {
    return new BrokerClient({
      baseUrl: this.o.brokerUrl,
      ...(this.o.ca ? { ca: this.o.ca } : {}),
      ...(this.o.attempts ? { attempts: this.o.attempts } : {}),
      ...(this.o.timeoutMs ? { timeoutMs: this.o.timeoutMs } : {}),
      // The prober exists before the tracker; it reports through checks, not this callback.
      onReachability: (reachable) => this.reachability?.report(reachable),
    });
  }

  private deskOf(conn: Connection): Desk {
    let desk = this.desks.get(conn.id);
    if (!desk) this.desks.set(conn.id, (desk = { client: this.newClient(), listeners: new Set(), stopPush: null, offline: null }));
    return desk;
  }

  private logOffline(e: unknown): void {
    this.o.log?.(`The offline copy could not be brought up to date: ${e instanceof Error ? e.message : String(e)}`);
  }

  private async offlineDesk(desk: Desk): Promise<OfflineDesk | null> {
    const cache = await this.offlineCache;
    if (!cache) return null;
    return new OfflineDesk({
      cache,
      now: this.o.now ?? Date.now,
      send: async (channel, input, key) => {
        try {
          return await desk.client.call(channel, input, key);
        } catch (e) {
          return { ok: false, error: (e instanceof AppError ? e : new AppError('INTERNAL')).toShape() };
        }
      },
      onReconnected: () => {
        for (const listener of desk.listeners) listener({ kind: 'update', update: REFRESH_EVERYTHING });
      },
    });
  }

  /** Holds the push connection exactly while someone is signed in and the window listens. */
  private syncPush(desk: Desk): void {
    const wanted = desk.client.signedIn && desk.listeners.size > 0;
    if (wanted && !desk.stopPush) {
      const tell = (update: LiveUpdate) => {
        // Access changed: the offline copy drops what no longer stands before the window refreshes,
        // then copies what was newly granted (in the background).
        if (update.views.includes('myAccess') || update.views.includes('record') || update.grantIds.length > 0) {
          void desk.offline
            ?.then(async (offline) => {
              await offline?.recheck();
              offline?.copies.learn();
            })
            .catch((e: unknown) => this.logOffline(e));
        }
        for (const listener of desk.listeners) listener({ kind: 'update', update });
      };
      // Updates may have been missed while the push connection was down: refresh everything then.
      // A broker that no longer knows the token (it restarted, the session ended) is told to the window at once.
      desk.stopPush = desk.client.subscribe(
        tell,
        () => tell(REFRESH_EVERYTHING),
        () => {
          for (const listener of desk.listeners) listener({ kind: 'session' });
        },
      );
    } else if (!wanted && desk.stopPush) {
      desk.stopPush();
      desk.stopPush = null;
    }
  }

  private tellAll(event: Parameters<BridgeListener>[0]): void {
    for (const desk of this.desks.values()) for (const listener of desk.listeners) listener(event);
  }
}
