/**
 * The browser host's bridge, loaded before the app: it defines window.broker exactly as the
 * desktop preload does (see http-broker.ts), with the live updates streamed from the host (live-stream.ts). The per-run token arrives once in the address's
 * fragment and is then kept in sessionStorage, as is the page's random connection id.
 */
import { buildLiveBridge } from '../../../electron/preload/live-bridge';
import { buildHttpBroker } from './http-broker';
import { followLiveStream } from './live-stream';

// The bridge runs in the page, but this folder is type-checked for Node, without the DOM: these
// name the little of the page it uses, in this file only.
declare const window: typeof globalThis & {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
};
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

/** Replaced when the bridge is built (build-renderer.ts) by the names in host-channels.ts. */
declare const __HOST_CHANNELS__: string[];

const TOKEN_KEY = 'rab.browserHost.token';
const CONNECTION_KEY = 'rab.browserHost.connection';

function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    // The token should not linger in the address bar, history or screenshots.
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function connectionId(): string {
  let id = sessionStorage.getItem(CONNECTION_KEY);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(CONNECTION_KEY, id);
  }
  return id;
}

const token = takeToken();
const connection = connectionId();
const live = buildLiveBridge((receive) =>
  followLiveStream({ fetch: (url, init) => fetch(url, init), token, connection, receive, later: (run, ms) => void setTimeout(run, ms) }),
);

Object.defineProperty(window, 'broker', {
  value: Object.freeze({ ...buildHttpBroker({ channels: __HOST_CHANNELS__, token, connection, fetch: (url, init) => fetch(url, init) }), onUpdate: live.onUpdate, onConnection: live.onConnection, onSession: live.onSession }),
  enumerable: true,
  writable: false,
  configurable: false,
});
