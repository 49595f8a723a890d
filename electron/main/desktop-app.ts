/**
 * The desktop app's lifecycle, wired from the tested parts: hardened session, the launcher (this
 * computer's store, the organisation's broker, or first run), IPC, live updates to the window, the
 * one window, notifications, locking and the routing sweep.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, ipcMain, Notification, powerMonitor, type IpcMainInvokeEvent } from 'electron';
import { SystemClock } from '../core/clock/clock';
import { SystemKeyStore } from '../core/store/system-key-store';
import { DESKTOP_CHANNELS } from '../preload/desktop-contract';
import { LIVE_EVENTS_CHANNEL } from '../preload/live-bridge';
import { createAppWindow } from './app-window';
import { ConnectedNotices } from './connected-notices';
import { ConnectionRegistry } from './connections';
import { startDesktopBroker } from './desktop-broker';
import type { DesktopLauncher } from './desktop-launcher';
import { bindContractToIpc } from './ipc-binding';
import { NOTIFICATION_POLL_MS, NotificationPoller } from './notification-poller';
import type { DesktopNotice } from './notification-selection';
import { hardenAllWebContents, hardenDefaultSession } from './session-hardening';
import { isTrustedSender, senderFactsOf, type PageOrigins } from './trusted-sender';

/** The routing sweep (escalations, reminders, expiries) runs this often while the app is open. */
const SWEEP_MS = 60_000;

const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(here, '../preload/index.cjs');
const RENDERER_ROOT = join(here, '../renderer');

/** Runs a background task; a failure is logged (without details) and the next run tries again. */
function safely(name: string, task: () => void): () => void {
  return () => {
    try {
      task();
    } catch (error) {
      console.error(`[${name}] ${error instanceof Error ? error.name : 'Error'}`);
    }
  };
}

const every = (ms: number, name: string, task: () => void): void => {
  setInterval(safely(name, task), ms).unref();
};

export function runDesktopApp(origins: PageOrigins): void {
  const connections = new ConnectionRegistry();
  let mainWindow: BrowserWindow | null = null;
  let launcher: DesktopLauncher | null = null;

  hardenAllWebContents(origins.isDev);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => launcher?.close());

  const start = async (): Promise<void> => {
    hardenDefaultSession(RENDERER_ROOT);
    const { broker, opened } = await startDesktopBroker({
      userData: app.getPath('userData'),
      keyStore: new SystemKeyStore(),
      clock: new SystemClock(),
      log: (line) => console.log(`[broker] ${line}`),
      logInternal: (channel, error) => console.error(`[broker] ${channel}: ${error instanceof Error ? error.name : 'Error'}`),
    });
    launcher = broker;
    if (opened.kind === 'stop') {
      dialog.showErrorBox(opened.title, opened.message);
      app.exit(1);
      return;
    }

    bindContractToIpc<IpcMainInvokeEvent>({
      ipc: ipcMain,
      channels: DESKTOP_CHANNELS,
      dispatch: broker.dispatch,
      isTrustedSender: (event) => isTrustedSender(senderFactsOf(event, (id) => connections.isAppWindow(id)), origins),
      connectionOf: (event) => connections.get(event.sender.id),
      onRefused: (channel, code) => console.warn(`[ipc] refused ${channel}: ${code}`),
    });

    const showNotice = (notice: DesktopNotice): void => {
      if (!Notification.isSupported()) return;
      new Notification({ title: notice.title, body: notice.body, urgency: notice.urgent ? 'critical' : 'normal' }).show();
    };
    const connectedNotices = new ConnectedNotices({ dispatch: broker.dispatch, show: showNotice });
    mainWindow = createAppWindow({
      origins,
      preloadPath: PRELOAD_PATH,
      connections,
      onClosed: (connection) => {
        // Closing the window ends its session, as signing out would.
        if (connection) {
          const signedOut = connection.sessionId ? broker.dispatch('auth.signOut', connection, {}) : Promise.resolve();
          void signedOut.then(() => {
            broker.forget(connection);
            connectedNotices.forget(connection);
          });
        }
        mainWindow = null;
      },
    });
    // Live updates and the broker's connection status go to the window once its preload listens (again after a reload).
    const appWindow = mainWindow;
    let stopLive: (() => void) | null = null;
    appWindow.webContents.on('did-finish-load', () => {
      stopLive?.();
      const connection = connections.get(appWindow.webContents.id);
      stopLive = connection
        ? broker.subscribe(connection, (event) => {
            appWindow.webContents.send(LIVE_EVENTS_CHANNEL, event);
            // Connected, there is no store to poll: the push drives desktop notifications.
            if (event.kind === 'update' && !broker.core) void connectedNotices.heard(connection, event.update);
          })
        : null;
    });
    appWindow.on('closed', () => stopLive?.());

    const poller = new NotificationPoller({
      core: () => broker.core,
      connections: () => connections.all(),
      show: showNotice,
    });
    every(NOTIFICATION_POLL_MS, 'notifications', () => void poller.poll().catch((error: unknown) => console.error(`[notifications] ${error instanceof Error ? error.name : 'Error'}`)));
    // The sweep waits its turn behind calls, so it never runs inside one.
    const sweepInTurn = (): void => {
      broker.core?.sweepInTurn().catch((error: unknown) => console.error(`[sweep] ${error instanceof Error ? error.name : 'Error'}`));
    };
    every(SWEEP_MS, 'sweep', sweepInTurn);
    sweepInTurn();

    // Walking away from the computer locks the app too, whatever its idle timer says.
    const lockEverySession = (): void => {
      for (const { connection } of connections.signedIn()) void broker.dispatch('auth.lock', connection, {});
    };
    powerMonitor.on('lock-screen', lockEverySession);
    powerMonitor.on('suspend', lockEverySession);
  };

  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Records Access Broker could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
