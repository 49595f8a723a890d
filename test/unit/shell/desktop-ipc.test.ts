import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/contract';
import { setupChannels } from '../../../shared/contract/setup';
import { SystemClock } from '../../../electron/core/clock/clock';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { BrokerHost } from '../../../electron/main/broker-host';
import { ConnectionRegistry } from '../../../electron/main/connections';
import { bindContractToIpc } from '../../../electron/main/ipc-binding';
import { buildBrokerApi } from '../../../electron/preload/broker-api';
import { DESKTOP_CHANNELS, type DesktopContract } from '../../../electron/preload/desktop-contract';
import { useTempDirs } from '../../helpers/temp-dir';

interface FakeEvent {
  webContentsId: number;
  frameUrl: string;
}
type Listener = (event: FakeEvent, ...args: unknown[]) => Promise<unknown>;

describe('the desktop app over IPC: preload and main agree, end to end without Electron', () => {
  const tempDir = useTempDirs();

  async function wired() {
    const handlers = new Map<string, Listener>();
    const connections = new ConnectionRegistry();
    const host = new BrokerHost({ storePath: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), clock: new SystemClock() });
    await host.start();
    bindContractToIpc<FakeEvent>({
      ipc: { handle: (name, listener) => handlers.set(name, listener), removeHandler: (name) => handlers.delete(name) },
      channels: DESKTOP_CHANNELS,
      dispatch: host.dispatch,
      isTrustedSender: (event) => connections.isAppWindow(event.webContentsId) && event.frameUrl.startsWith('app://renderer/'),
      connectionOf: (event) => connections.get(event.webContentsId),
    });
    connections.open(1);
    const event: FakeEvent = { webContentsId: 1, frameUrl: 'app://renderer/index.html' };
    // What the preload would expose, with ipcRenderer.invoke replaced by a direct call.
    const broker = buildBrokerApi<DesktopContract>(DESKTOP_CHANNELS, (name, input) => {
      const listener = handlers.get(name);
      if (!listener) return Promise.reject(new Error(`No handler registered for '${name}'`));
      return listener(event, input);
    });
    return { handlers, host, broker };
  }

  it('binds every contract channel except dev ones, the first-run channels among them', async () => {
    const { handlers, host } = await wired();
    const expected = CHANNEL_NAMES.filter((c) => !c.startsWith('dev.')).map((c) => `rab:${c}`);
    for (const c of Object.keys(setupChannels)) expect(expected).toContain(`rab:${c}`);
    expect([...handlers.keys()].sort()).toEqual(expected.sort());
    host.close();
  });

  it('walks first run, sign-in and a status check through window.broker', async () => {
    const { broker, host } = await wired();
    expect(await broker.setup.status({})).toEqual({ ok: true, value: { state: 'NOT_SET_UP' } });
    expect(await broker.auth.status({})).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });
    await broker.setup.createAdministrator({ username: 'alice.admin', displayName: 'Alice Admin', password: 'correct horse battery' });
    const signedIn = await broker.auth.signIn({ username: 'alice.admin', password: 'correct horse battery' });
    expect(signedIn.ok && signedIn.value.state).toBe('SIGNED_IN');
    const status = await broker.auth.status({});
    expect(status.ok && status.value.state === 'SIGNED_IN' && status.value.user.username).toBe('alice.admin');
    host.close();
  });
});
