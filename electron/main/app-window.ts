/**
 * The one window factory: every window the app opens comes from here, with windowOptions() and a
 * connection of its own for IPC. Navigation and permission handlers are attached to every
 * webContents by session-hardening.ts, so they cannot be forgotten here.
 */
import { BrowserWindow } from 'electron';
import type { Connection, ConnectionRegistry } from './connections';
import { pageEntryUrl, type PageOrigins } from './trusted-sender';
import { windowOptions } from './window-options';

export interface AppWindowContext {
  origins: PageOrigins;
  preloadPath: string;
  connections: ConnectionRegistry;
  /** Told when a window has closed, with the connection it had (to end its session). */
  onClosed: (connection: Connection | undefined) => void;
}

export function createAppWindow(context: AppWindowContext): BrowserWindow {
  // Electronegativity reads only literal options; windowOptions() is table-tested item by item instead.
  const options = windowOptions({ isDev: context.origins.isDev, preloadPath: context.preloadPath });
  const window = new BrowserWindow(options); /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
  const webContentsId = window.webContents.id;
  context.connections.open(webContentsId);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => context.onClosed(context.connections.close(webContentsId)));
  void window.loadURL(pageEntryUrl(context.origins));
  return window;
}
