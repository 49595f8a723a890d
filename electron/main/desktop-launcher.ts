/**
 * Which broker the desktop's window talks to: its own store (the broker host) or the
 * organisation's broker (the connected broker), as chosen at first run and kept in the launch
 * settings. Until a choice is made only the first-run channels are served; `setup.connectToBroker`
 * checks that the broker answers before it saves the choice and switches. The window's live
 * updates follow whichever broker is in use. Plain Node (no Electron), so it is tested with vitest.
 */
import { join } from 'node:path';
import type { z } from 'zod';
import { CONTRACT } from '../../shared/contract';
import type { BridgeListener } from '../../shared/contract/broker-connection';
import type { Result } from '../../shared/contract/define';
import { AppError, type ErrorCode } from '../../shared/errors';
import { invalidInput } from '../core/rpc/invalid-input';
import type { Connection } from '../core/auth/sessions';
import { ConnectedBroker, type ConnectedBrokerOptions } from '../core/connected/connected-broker';
import { EmbeddedLiveUpdates } from '../core/connected/embedded-live-updates';
import { openOfflineCache } from '../core/connected/offline-cache';
import type { KeyStore } from '../core/store/key-store';
import type { BrokerCore } from '../core/rpc/broker-core';
import { LiveFeed } from '../core/server/live-feed';
import type { BrokerHost } from './broker-host';
import { readBrokerChoice, saveBrokerChoice, type BrokerChoice } from './launch-settings';
import type { StoreOpeningOutcome } from './store-opening';

export interface DesktopLauncherOptions {
  userData: string;
  /** The host of this computer's own store (started only in that mode). */
  host: BrokerHost;
  /** Extra options for the connected broker (tests shorten its retries). */
  connected?: Omit<ConnectedBrokerOptions, 'brokerUrl' | 'ca' | 'offlineCache'>;
  /** Where the offline copy's key lives (the OS keychain); without it a connected desktop keeps no offline copy. */
  keyStore?: KeyStore;
  log?: (line: string) => void;
}

/** The connected desktop's offline copy, in the user-data folder. */
export const OFFLINE_CACHE_FILE = 'offline-cache.db';

type Mode = { kind: 'own-store'; live: EmbeddedLiveUpdates | null } | { kind: 'connected'; broker: ConnectedBroker };

const failure = (code: ErrorCode, message?: string): Result<never> => ({ ok: false, error: new AppError(code, message).toShape() });

export class DesktopLauncher {
  private mode: Mode = { kind: 'own-store', live: null };
  private readonly listeners = new Map<BridgeListener, { conn: Connection; stop: () => void }>();

  constructor(private readonly o: DesktopLauncherOptions) {}

  /** Opens the chosen broker; 'first-run' while nothing is chosen and no store exists. */
  async start(): Promise<{ kind: 'ready' | 'connected' } | StoreOpeningOutcome> {
    const choice = readBrokerChoice(this.o.userData);
    if (choice?.mode === 'connected') {
      this.use({ kind: 'connected', broker: this.connectedBroker(choice) });
      return { kind: 'connected' };
    }
    return this.o.host.start();
  }

  /** This computer's own core, when that is the broker in use and it is set up. */
  get core(): BrokerCore | null {
    return this.mode.kind === 'own-store' ? this.o.host.core : null;
  }

  readonly dispatch = async (channel: string, conn: Connection, rawInput: unknown): Promise<Result<unknown>> => {
    if (this.mode.kind === 'connected') return this.mode.broker.dispatch(channel, conn, rawInput);
    if (channel === 'setup.connectToBroker' && !this.o.host.core) return this.connect(conn, rawInput);
    const result = await this.o.host.dispatch(channel, conn, rawInput);
    if (this.o.host.core && channel.startsWith('setup.') && result.ok && readBrokerChoice(this.o.userData) === null) {
      saveBrokerChoice(this.o.userData, { mode: 'embedded' });
    }
    await this.liveUpdates()?.publish();
    return result;
  };

  /** The window's live updates and connection status, from whichever broker is in use (now or later). */
  subscribe(conn: Connection, listener: BridgeListener): () => void {
    this.listeners.set(listener, { conn, stop: this.source(conn, listener) });
    return () => {
      this.listeners.get(listener)?.stop();
      this.listeners.delete(listener);
    };
  }

  forget(conn: Connection): void {
    if (this.mode.kind === 'connected') this.mode.broker.forget(conn);
  }

  close(): void {
    for (const { stop } of this.listeners.values()) stop();
    this.listeners.clear();
    if (this.mode.kind === 'connected') this.mode.broker.close();
    else this.mode.live?.close();
    this.o.host.close();
  }

  private async connect(conn: Connection, rawInput: unknown): Promise<Result<unknown>> {
    const parsed = (CONTRACT['setup.connectToBroker'].input as z.ZodType<{ brokerUrl: string; caPem: string | null }>).safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
    const choice: BrokerChoice = { mode: 'connected', brokerUrl: parsed.data.brokerUrl, caPem: parsed.data.caPem };
    // Tried first without the offline copy, whose encrypted file and key would outlive a wrong
    // address or authority: nothing is saved until the broker answers its own status.
    let trial: ConnectedBroker;
    try {
      trial = this.connectedBroker(choice, false);
    } catch (e) {
      return failure('INVALID_INPUT', e instanceof Error ? e.message : undefined);
    }
    const status = await trial.dispatch('setup.status', conn, {});
    const refusal = status.ok ? null : status.error.code === 'BROKER_UNAVAILABLE' ? await this.unreachable(trial, choice) : status;
    trial.close();
    if (refusal) return refusal;
    saveBrokerChoice(this.o.userData, choice);
    this.o.log?.(`Connected to the broker at ${choice.brokerUrl}.`);
    this.use({ kind: 'connected', broker: this.connectedBroker(choice) });
    return status;
  }

  /** Why the broker did not answer, said against the field to correct. */
  private async unreachable(broker: ConnectedBroker, choice: Extract<BrokerChoice, { mode: 'connected' }>): Promise<Result<never>> {
    if ((await broker.reach()) === 'CERTIFICATE_UNTRUSTED') {
      const message = choice.caPem
        ? 'the broker’s certificate is not signed by this certificate authority'
        : 'the broker’s certificate is not signed by an authority this computer trusts: choose the certificate file your organisation gave you';
      return { ok: false, error: new AppError('INVALID_INPUT', `Certificate authority: ${message}. Nothing was saved.`, [{ path: 'caPem', message }]).toShape() };
    }
    return failure('BROKER_UNAVAILABLE', `Cannot reach a broker at ${choice.brokerUrl}. Check the address, and the certificate authority if your organisation gave you one. Nothing was saved.`);
  }

  /** The connected broker for a choice; `withOfflineCopy` false only while first run tries the choice. */
  private connectedBroker(choice: Extract<BrokerChoice, { mode: 'connected' }>, withOfflineCopy = true): ConnectedBroker {
    return new ConnectedBroker({
      ...this.o.connected,
      brokerUrl: choice.brokerUrl,
      ...(choice.caPem ? { ca: Buffer.from(choice.caPem, 'utf8') } : {}),
      // The offline copy is its own encrypted file beside the launch settings.
      ...(this.o.keyStore && withOfflineCopy ? { offlineCache: openOfflineCache(join(this.o.userData, OFFLINE_CACHE_FILE), this.o.keyStore) } : {}),
      ...(this.o.log ? { log: this.o.log } : {}),
    });
  }

  /** Switches broker, moving every window's subscription to the new one. */
  private use(mode: Mode): void {
    this.mode = mode;
    for (const [listener, entry] of this.listeners) {
      entry.stop();
      entry.stop = this.source(entry.conn, listener);
    }
  }

  private liveUpdates(): EmbeddedLiveUpdates | null {
    if (this.mode.kind !== 'own-store') return null;
    const core = this.o.host.core;
    if (!core) return null;
    if (!this.mode.live) {
      this.mode.live = new EmbeddedLiveUpdates({ feed: new LiveFeed(core.ctx.db), sessions: core.sessions, onError: (e) => this.o.log?.(`[live] ${e instanceof Error ? e.name : 'Error'}`) });
      // The windows that listened during first run now hear the store's changes.
      this.use(this.mode);
    }
    return this.mode.live;
  }

  private source(conn: Connection, listener: BridgeListener): () => void {
    if (this.mode.kind === 'connected') return this.mode.broker.subscribe(conn, listener);
    const live = this.mode.live ?? (this.o.host.core ? this.liveUpdates() : null);
    if (live) return live.subscribe(conn, listener);
    // No store yet (first run): nothing will be pushed until there is, so the page polls.
    listener({ kind: 'connection', status: { mode: 'embedded', live: false } });
    return () => {};
  }
}
