/**
 * One connection per app window, as the core's dispatcher expects: it carries the window's session
 * once someone signs in there. The window factory opens it; a webContents without one is not ours,
 * so this registry is also how IPC recognises the app's own windows.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from '../core/auth/sessions';

export type { Connection };

export class ConnectionRegistry {
  private readonly byWebContents = new Map<number, Connection>();

  /** Called by the window factory for each window it creates. */
  open(webContentsId: number): Connection {
    const existing = this.byWebContents.get(webContentsId);
    if (existing) return existing;
    const connection: Connection = { id: randomUUID(), sessionId: null };
    this.byWebContents.set(webContentsId, connection);
    return connection;
  }

  get(webContentsId: number): Connection | undefined {
    return this.byWebContents.get(webContentsId);
  }

  isAppWindow(webContentsId: number): boolean {
    return this.byWebContents.has(webContentsId);
  }

  /** When the window closes. The session in the store is left to idle out. */
  close(webContentsId: number): Connection | undefined {
    const connection = this.byWebContents.get(webContentsId);
    this.byWebContents.delete(webContentsId);
    return connection;
  }

  all(): Connection[] {
    return [...this.byWebContents.values()];
  }

  /** Windows with someone signed in, for notifications and locking. */
  signedIn(): Array<{ webContentsId: number; connection: Connection }> {
    return [...this.byWebContents.entries()]
      .filter(([, connection]) => connection.sessionId !== null)
      .map(([webContentsId, connection]) => ({ webContentsId, connection }));
  }
}
