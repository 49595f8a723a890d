/**
 * The desktop's broker for one user-data folder, started as the app starts it: the folder made
 * private, this computer's store (`broker.db`, its key in the keychain, daily backups inside the
 * folder, audit checkpoints beside it) behind the launcher, which opens whatever first run chose
 * or, when nothing is chosen yet, serves first run. Plain Node, so the Electron main process and
 * the browser host's desktop mode (test/browser-host) start first run the same way.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Clock } from '../core/clock/clock';
import type { KeyStore } from '../core/store/key-store';
import { BrokerHost } from './broker-host';
import { DesktopLauncher } from './desktop-launcher';
import { storePathIn } from './store-opening';
import { restrictUserData } from './user-data-permissions';

export interface DesktopBrokerOptions {
  userData: string;
  keyStore: KeyStore;
  clock: Clock;
  log: (line: string) => void;
  /** Where unexpected failures of this computer's core are reported (never with their input). */
  logInternal: (channel: string, error: unknown) => void;
}

export async function startDesktopBroker(o: DesktopBrokerOptions): Promise<{ broker: DesktopLauncher; opened: Awaited<ReturnType<DesktopLauncher['start']>> }> {
  // Electron makes its user-data folder; a folder named to the browser host may not exist yet.
  mkdirSync(o.userData, { recursive: true, mode: 0o700 });
  await restrictUserData(o.userData);
  const host = new BrokerHost({
    storePath: storePathIn(o.userData),
    keyStore: o.keyStore,
    clock: o.clock,
    // Daily backups inside the user-data folder; checkpoints beside it, so they outlive a restore of the folder.
    backupDir: join(o.userData, 'backups'),
    checkpointFile: join(dirname(o.userData), `${basename(o.userData)}-audit-checkpoints.jsonl`),
    logInternal: o.logInternal,
  });
  const broker = new DesktopLauncher({ userData: o.userData, host, keyStore: o.keyStore, log: o.log });
  try {
    return { broker, opened: await broker.start() };
  } catch (e) {
    broker.close();
    throw e;
  }
}
