/**
 * window.broker over HTTP: the desktop preload's own builder, over the channel names it is given
 * (host-channels.ts), with each call posted to the browser host. Pure (it is given fetch), so its
 * shape is tested against the preload's without a browser. It imports no schemas: zod probes for
 * eval when loaded, which the page's CSP rightly refuses.
 */
import type { Result } from '../../../shared/contract/define';
import { buildBrokerApi, type BrokerApi } from '../../../electron/preload/broker-api';
import type { DesktopContract } from '../../../electron/preload/desktop-contract';
import { contractChannelOf } from '../../../electron/preload/ipc-channel-name';

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; credentials: 'omit' }) => Promise<{ ok: boolean; json(): Promise<unknown> }>;

export interface HttpBrokerOptions {
  channels: readonly string[];
  token: string | null;
  connection: string;
  fetch: Fetch;
}

const refused = (message: string): Result<never> => ({ ok: false, error: { code: 'UNTRUSTED_SENDER', message } });

export function buildHttpBroker(o: HttpBrokerOptions): BrokerApi<DesktopContract> {
  const invoke = async (ipcChannel: string, input: unknown): Promise<unknown> => {
    const channel = contractChannelOf(ipcChannel);
    if (!channel) return refused('No such operation.');
    if (!o.token) return refused('Open the address the browser host printed: it carries the token this page needs.');
    const response = await o.fetch(`/rpc/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Broker-Token': o.token, 'X-Broker-Connection': o.connection },
      // One argument, wrapped so that "no argument" survives JSON.
      body: JSON.stringify(input === undefined ? {} : { input }),
      credentials: 'omit',
    });
    if (!response.ok) return refused('The browser host refused the call. Open the address it printed, with its token.');
    return response.json();
  };
  return buildBrokerApi<DesktopContract>(o.channels as Array<keyof DesktopContract & string>, invoke);
}
