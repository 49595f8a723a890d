/**
 * The one place a browser window's options are decided. Every item of SECURITY.md that lives in
 * webPreferences is set here explicitly, even where Electron's default already agrees, so a change
 * of default can never loosen the app and the table tests can see each setting.
 */
import { isAbsolute } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** True only under `electron-vite dev`; a packaged app is never in development. */
  isDev: boolean;
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
}

export const WINDOW_TITLE = 'Records Access Broker';

export function windowOptions({ isDev, preloadPath }: WindowOptionsInput): BrowserWindowConstructorOptions {
  if (!isAbsolute(preloadPath)) throw new Error(`The preload path must be absolute, got "${preloadPath}".`);
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    // Shown on 'ready-to-show' so staff never see a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway, twice is safer).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries from the internet on Linux and Windows.
      spellcheck: false,
      devTools: isDev,
    },
  };
}
