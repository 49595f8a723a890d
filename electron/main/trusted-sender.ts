/**
 * Who may call the broker over IPC: only the main frame of one of our own windows, showing our own
 * page (app://renderer, or the dev server during `electron-vite dev`). A subframe, a page the window
 * was somehow navigated to, or a frame that is already gone is refused before anything is parsed.
 */
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './app-protocol';

export interface PageOrigins {
  isDev: boolean;
  /** The Vite dev server's URL; honoured only when isDev is true. */
  devServerUrl: string | null;
}

export interface SenderFacts {
  /** URL of the frame that sent the message, or null when the frame is gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
  /** The sending webContents belongs to a window this app created. */
  fromAppWindow: boolean;
}

/** The page a new window loads: the dev server under `electron-vite dev`, app:// otherwise. */
export const pageEntryUrl = (origins: PageOrigins): string =>
  origins.isDev && origins.devServerUrl ? origins.devServerUrl : APP_ENTRY_URL;

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/** Is this URL one of our own pages? */
export function isAppPageUrl(rawUrl: string, origins: PageOrigins): boolean {
  const url = parse(rawUrl);
  if (!url || url.username || url.password) return false;
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  if (!origins.isDev || !origins.devServerUrl) return false;
  const dev = parse(origins.devServerUrl);
  return dev !== null && url.protocol === dev.protocol && url.host === dev.host;
}

export const isTrustedSender = (sender: SenderFacts, origins: PageOrigins): boolean =>
  sender.fromAppWindow && sender.isMainFrame && sender.frameUrl !== null && isAppPageUrl(sender.frameUrl, origins);

/** The parts of Electron's IpcMainInvokeEvent the check needs (structural, so tests need no Electron). */
export interface InvokeEventLike {
  sender: { id: number; mainFrame: unknown };
  senderFrame: { url: string; parent: unknown } | null;
}

export function senderFactsOf(event: InvokeEventLike, isAppWindow: (webContentsId: number) => boolean): SenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null && frame === event.sender.mainFrame,
    fromAppWindow: isAppWindow(event.sender.id),
  };
}
