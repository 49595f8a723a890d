/**
 * What the desktop does for its store besides answering calls: a full page check in the background
 * after opening (a damaged page refuses the store), a signed audit checkpoint at least hourly and on
 * every shutdown, and the daily backup kept for the policy's number of days. Every task that reads
 * the store waits its turn behind calls, so it never sees a call's uncommitted changes.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { keychainSigner, type CheckpointSigner } from '../audit/checkpoint-key';
import { fileSink, makeCheckpoint, writeCheckpoint, type CheckpointSink } from '../audit/checkpoints';
import { runDailyBackup } from '../backup/daily-backups';
import { policyOf } from '../broker/context';
import type { BrokerCore } from '../rpc/broker-core';
import type { KeyStore } from '../store/key-store';
import { keychainAccount } from '../store/open-store';
import { badPagesInBackground } from '../store/page-check';

export interface StoreMaintenanceOptions {
  core: BrokerCore;
  /** The store's SQLCipher connection itself (`Store.db`): backups and the last checkpoint at shutdown need it. */
  db: Database;
  storePath: string;
  keyStore: KeyStore;
  /** Where the daily backups go; null for none. */
  backupDir: string | null;
  /** The append-only checkpoint file beside the user-data folder; null for none. */
  checkpointFile: string | null;
  /** Further places for checkpoints (a server's folder or HTTP endpoint). */
  extraSinks?: readonly CheckpointSink[];
  /** A server's configured checkpoint key; by default the key in the keychain, made on first use. */
  signer?: CheckpointSigner;
  log: (task: string, error: unknown) => void;
}

export class StoreMaintenance {
  private signer: CheckpointSigner | null = null;
  private stopped = false;

  constructor(private readonly o: StoreMaintenanceOptions) {}

  private get sinks(): CheckpointSink[] {
    return [...(this.o.checkpointFile ? [fileSink(this.o.checkpointFile)] : []), ...(this.o.extraSinks ?? [])];
  }

  /** Loads (or makes) the checkpoint key; answers when the first round of tasks has run. */
  async start(): Promise<void> {
    if (this.sinks.length > 0) this.signer = this.o.signer ?? (await keychainSigner(this.o.keyStore, this.o.storePath, { create: true }));
    await this.hourly();
  }

  /** Every page's HMAC, a slice at a time; bad pages refuse the store. Answers the bad page numbers. */
  async checkEveryPage(): Promise<number[]> {
    const stored = await this.o.keyStore.get(keychainAccount(this.o.storePath));
    if (!stored) return [];
    const bad = await badPagesInBackground(this.o.storePath, stored.keyHex, () => !this.stopped && !this.o.core.health.refused);
    if (bad.length > 0) await this.o.core.health.refuse('background page check', `pages failing the cipher's check: ${bad.slice(0, 20).join(', ')}`);
    return bad;
  }

  /** The hourly round: a checkpoint, and today's backup if it is not there yet. */
  async hourly(): Promise<void> {
    const { core } = this.o;
    if (this.stopped || core.health.refused) return;
    await this.safely('checkpoint', () => core.inTurn(() => (this.signer ? writeCheckpoint(this.o.db, this.signer, this.sinks, core.ctx.clock.now()) : null)));
    if (this.o.backupDir) {
      const dir = this.o.backupDir;
      await this.safely('daily backup', () =>
        core.inTurn(async () => runDailyBackup({ db: this.o.db, storePath: this.o.storePath, dir, keyStore: this.o.keyStore, now: core.ctx.clock.now(), keepDays: (await policyOf(core.ctx)).backupRetentionDays })),
      );
    }
  }

  /** A server's shutdown: one last checkpoint to every sink (a folder, an endpoint), after the calls in flight. */
  async stopWithCheckpoint(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const { core } = this.o;
    const signer = this.signer;
    if (!signer || core.health.refused) return;
    await this.safely('checkpoint', () => core.inTurn(() => writeCheckpoint(this.o.db, signer, this.sinks, core.ctx.clock.now())));
  }

  /** On shutdown: one last checkpoint, written synchronously so it lands before the process ends. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const { core } = this.o;
    if (!this.signer || !this.o.checkpointFile || core.health.refused || this.o.db.inTransaction || !this.o.db.open) return;
    try {
      const checkpoint = makeCheckpoint(this.o.db, this.signer, core.ctx.clock.now());
      if (!checkpoint) return;
      const fd = openSync(this.o.checkpointFile, 'a', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      this.o.log('checkpoint', e);
    }
  }

  private async safely(task: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.o.log(task, e);
    }
  }
}
