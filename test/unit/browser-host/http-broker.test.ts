import { describe, expect, it } from 'vitest';
import { buildBrokerApi } from '../../../electron/preload/broker-api';
import { DESKTOP_CHANNELS } from '../../../electron/preload/desktop-contract';
import { buildHttpBroker } from '../../browser-host/bridge/http-broker';
import { DEV_CHANNELS, HOST_CHANNELS } from '../../browser-host/bridge/host-channels';

type Tree = { [key: string]: Tree | 'function' };
const shape = (node: object): Tree =>
  Object.fromEntries(Object.entries(node).map(([k, v]) => [k, typeof v === 'function' ? 'function' : shape(v as object)]));

describe('window.broker in the browser host', () => {
  const calls: Array<{ url: string; init: { headers: Record<string, string>; body: string } }> = [];
  const fetch = async (url: string, init: { method: string; headers: Record<string, string>; body: string }) => {
    calls.push({ url, init });
    return { ok: true, json: async () => ({ ok: true, value: { echoed: JSON.parse(init.body) } }) };
  };
  const broker = buildHttpBroker({ channels: HOST_CHANNELS, token: 'tok', connection: '0b5cbd0e-9a9e-4bb8-9d0c-3d3f7f2e0a11', fetch });

  it('has exactly the desktop preload’s shape, plus the development clock channels', () => {
    const desktop = shape(buildBrokerApi(DESKTOP_CHANNELS, async () => null));
    const host = shape(broker) as Tree & { dev: Tree };
    const { dev, ...rest } = host;
    expect(rest).toEqual(desktop);
    expect(Object.keys(dev).sort()).toEqual(DEV_CHANNELS.map((c) => c.slice('dev.'.length)).sort());
    expect(Object.isFrozen(broker)).toBe(true);
  });

  it('posts each call to /rpc/<channel> with the token and the page’s connection, and answers what the host answers', async () => {
    const answer = await broker.auth.signIn({ username: 'ada', password: 'pw' });
    expect(calls.at(-1)?.url).toBe('/rpc/auth.signIn');
    expect(calls.at(-1)?.init.headers).toMatchObject({ 'X-Broker-Token': 'tok', 'X-Broker-Connection': '0b5cbd0e-9a9e-4bb8-9d0c-3d3f7f2e0a11', 'Content-Type': 'application/json' });
    expect(answer).toEqual({ ok: true, value: { echoed: { input: { username: 'ada', password: 'pw' } } } });
  });

  it('sends no input at all when called with none, as the preload forwards undefined', async () => {
    await (broker.auth.status as unknown as () => Promise<unknown>)();
    expect(JSON.parse(calls.at(-1)!.init.body)).toEqual({});
  });

  it('answers a refusal, not a throw, without a token', async () => {
    const tokenless = buildHttpBroker({ channels: HOST_CHANNELS, token: null, connection: 'c', fetch });
    expect(await tokenless.auth.status({})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });
});
