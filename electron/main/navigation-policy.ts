/**
 * Where the renderer may go: nowhere. The app is one page; in-page routing never fires
 * 'will-navigate', so every navigation and every new window is denied. A few public https pages
 * (guidance linked from the UI) open in the system browser instead, never inside the app.
 */

/** Hosts whose https pages may be opened in the system browser. Exact matches only. */
export const EXTERNAL_HOSTS: readonly string[] = ['www.gov.uk'];

export function isAllowedExternalUrl(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_HOSTS.includes(url.hostname)
  );
}

export interface NavigationDecision {
  /** Navigation inside the app window is always prevented. */
  allowInApp: false;
  /** Whether to hand the URL to the system browser instead. */
  openExternally: boolean;
}

/** For 'will-navigate', 'will-redirect' and 'will-frame-navigate'. */
export const navigationDecision = (targetUrl: string): NavigationDecision => ({
  allowInApp: false,
  openExternally: isAllowedExternalUrl(targetUrl),
});

/** For `setWindowOpenHandler`: no window is ever created by the page. */
export const windowOpenDecision = (targetUrl: string): { action: 'deny'; openExternally: boolean } => ({
  action: 'deny',
  openExternally: isAllowedExternalUrl(targetUrl),
});
