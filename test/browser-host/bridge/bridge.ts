/**
 * The browser host's bridge: gives the page the same window.broker the desktop preload builds (the
 * very same builder, from the same channel names), with the calls going to the host over HTTP
 * instead of IPC. It also has the development-only dev.* channels, which the desktop app never
 * serves. The per-run token arrives in the address's fragment once and is then kept in
 * sessionStorage; the page's connection id is random and kept there too.
 */
import { CONTRACT } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/define';
import { buildBrokerApi } from '../../../electron/preload/broker-api';
import { DESKTOP_CHANNELS } from '../../../electron/preload/desktop-contract';
import { contractChannelOf } from '../../../electron/preload/ipc-channel-name';

// The bridge runs in the page, but this folder is type-checked for Node, without the DOM: these
// name the little of the page it uses, in this file only.
declare const window: typeof globalThis & {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
};
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

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

const refused = (message: string): Result<never> => ({ ok: false, error: { code: 'UNTRUSTED_SENDER', message } });

async function invoke(ipcChannel: string, input: unknown): Promise<unknown> {
  const channel = contractChannelOf(ipcChannel);
  if (!channel) return refused('No such operation.');
  if (!token) return refused('Open the address the browser host printed: it carries the token this page needs.');
  const response = await fetch(`/rpc/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Broker-Token': token, 'X-Broker-Connection': connection },
    body: JSON.stringify(input === undefined ? {} : { input }),
    credentials: 'omit',
  });
  if (!response.ok) return refused('The browser host refused the call. Open the address it printed, with its token.');
  return response.json();
}

const DEV_CHANNELS = Object.keys(CONTRACT).filter((name) => CONTRACT[name as keyof typeof CONTRACT].access === 'dev');

Object.defineProperty(window, 'broker', {
  value: buildBrokerApi([...DESKTOP_CHANNELS, ...DEV_CHANNELS], invoke),
  enumerable: true,
  writable: false,
  configurable: false,
});
