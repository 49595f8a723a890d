/**
 * Electron glue for SECURITY.md items 1, 5, 9 and 10: serves the renderer through app://, denies
 * every web permission, and stops every navigation, redirect, new window and <webview>. The
 * decisions come from the policy modules; this file only attaches them.
 */
import { app, protocol, session, shell, type WebContents } from 'electron';
import { APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { navigationDecision, windowOpenDecision } from './navigation-policy';
import { devicePermissionAnswer, permissionCheckAnswer, permissionRequestAnswer } from './permission-policy';

/** Call once the app is ready, before any window exists. */
export function hardenDefaultSession(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionRequestAnswer(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionCheckAnswer(permission));
  ses.setDevicePermissionHandler((details) => devicePermissionAnswer(details.deviceType));
  ses.setDisplayMediaRequestHandler(null);
}

const openOutside = (url: string): void => {
  // Only ever reached for URLs isAllowedExternalUrl accepted: https, exact allowlisted host.
  void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
};

function hardenWebContents(contents: WebContents, isDev: boolean): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (navigationDecision(url).openExternally) openOutside(url);
  });
  // Covers subframes too (the app has none; anything that appears is refused like the page).
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenDecision(url).openExternally) openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (!isDev) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** Every webContents the app ever creates gets the same handlers, including ones we did not expect. */
export function hardenAllWebContents(isDev: boolean): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isDev));
}
