import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channel, type Result } from '../../../shared/contract/define';
import { AppError } from '../../../shared/errors';
import { ConnectionRegistry, type Connection } from '../../../electron/main/connections';
import { bindContractToIpc, type Dispatch } from '../../../electron/main/ipc-binding';
import { channelsServedOverIpc, contractChannelOf, ipcChannelName } from '../../../electron/preload/ipc-channel-name';

/** A small contract of our own: the binder must work for any contract. */
const TEST_CONTRACT = {
  'auth.signIn': channel({
    summary: 'sign in',
    access: 'public',
    input: z.strictObject({ username: z.string().min(1), password: z.string().min(1) }),
    output: z.object({ user: z.string() }),
  }),
  'requests.create': channel({
    summary: 'create',
    access: 'session',
    input: z.strictObject({ crn: z.string().regex(/^X\d{6}$/) }),
    output: z.object({ id: z.string() }),
  }),
  'dev.sweep': channel({ summary: 'sweep', access: 'dev', input: z.strictObject({}), output: z.object({}) }),
};

interface FakeEvent {
  trusted: boolean;
  webContentsId: number;
}

type Listener = (event: FakeEvent, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(name: string, listener: Listener): void {
    if (this.handlers.has(name)) throw new Error(`Attempted to register a second handler for '${name}'`);
    this.handlers.set(name, listener);
  }
  removeHandler(name: string): void {
    this.handlers.delete(name);
  }
  invoke(name: string, event: FakeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(name);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${name}'`));
    return listener(event, ...args);
  }
}

/** A dispatcher in the core's shape: validates with the channel's schema, then records the call. */
function recordingDispatch() {
  const calls: Array<{ channel: string; conn: Connection; input: unknown }> = [];
  const dispatch: Dispatch = async (name, conn, raw) => {
    const def = TEST_CONTRACT[name as keyof typeof TEST_CONTRACT];
    if (!def) return { ok: false, error: new AppError('UNKNOWN_CHANNEL').toShape() };
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) return { ok: false, error: new AppError('INVALID_INPUT').toShape() };
    calls.push({ channel: name, conn, input: parsed.data });
    if (name === 'auth.signIn') conn.sessionId = 'session-1';
    return { ok: true, value: { user: 'alice' } };
  };
  return { calls, dispatch };
}

function setUp(dispatchOverride?: Dispatch) {
  const ipc = new FakeIpcMain();
  const connections = new ConnectionRegistry();
  const window = connections.open(1);
  const recorder = recordingDispatch();
  const refused: string[] = [];
  const unbind = bindContractToIpc<FakeEvent>({
    ipc,
    channels: channelsServedOverIpc(TEST_CONTRACT),
    dispatch: dispatchOverride ?? recorder.dispatch,
    isTrustedSender: (event) => event.trusted,
    connectionOf: (event) => connections.get(event.webContentsId),
    onRefused: (name, code) => refused.push(`${name} ${code}`),
  });
  const ours: FakeEvent = { trusted: true, webContentsId: 1 };
  return { ipc, window, ours, unbind, refused, ...recorder };
}

describe('binding the contract to ipcMain', () => {
  it('registers one prefixed handler per desktop channel', () => {
    const { ipc } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(['rab:auth.signIn', 'rab:requests.create']);
  });

  it('never binds development-only channels', async () => {
    const { ipc, ours } = setUp();
    await expect(ipc.invoke('rab:dev.sweep', ours, {})).rejects.toThrow(/No handler/);
  });

  it('passes a trusted call to dispatch with the window\'s own connection', async () => {
    const { ipc, ours, calls, window } = setUp();
    const answer = await ipc.invoke('rab:auth.signIn', ours, { username: 'alice', password: 'pw' });
    expect(answer).toEqual({ ok: true, value: { user: 'alice' } });
    expect(calls).toEqual([{ channel: 'auth.signIn', conn: window, input: { username: 'alice', password: 'pw' } }]);
    expect(window.sessionId).toBe('session-1');
  });

  it('refuses an untrusted sender before dispatch sees anything', async () => {
    const { ipc, calls, refused } = setUp();
    const answer = (await ipc.invoke('rab:auth.signIn', { trusted: false, webContentsId: 1 }, { username: 'a', password: 'b' })) as Result<unknown>;
    expect(answer).toEqual({ ok: false, error: { code: 'UNTRUSTED_SENDER', message: expect.any(String) } });
    expect(calls).toEqual([]);
    expect(refused).toEqual(['auth.signIn UNTRUSTED_SENDER']);
  });

  it('refuses a sender with no connection (not a window this app opened)', async () => {
    const { ipc, calls } = setUp();
    const answer = (await ipc.invoke('rab:auth.signIn', { trusted: true, webContentsId: 99 }, { username: 'a', password: 'b' })) as Result<unknown>;
    expect(answer.ok === false && answer.error.code).toBe('UNTRUSTED_SENDER');
    expect(calls).toEqual([]);
  });

  it.each([[[]], [[{ crn: 'X123456' }, 'extra']], [[{ crn: 'X123456' }, { crn: 'X654321' }]]])(
    'refuses a call with other than exactly one argument (%j)',
    async (args) => {
      const { ipc, ours, calls } = setUp();
      const answer = (await ipc.invoke('rab:requests.create', ours, ...args)) as Result<unknown>;
      expect(answer.ok === false && answer.error.code).toBe('INVALID_INPUT');
      expect(answer.ok === false && answer.error.message).toMatch(/exactly one argument/);
      expect(calls).toEqual([]);
    },
  );

  it('returns the dispatcher\'s own validation error for a bad payload', async () => {
    const { ipc, ours, calls } = setUp();
    const answer = (await ipc.invoke('rab:requests.create', ours, { crn: 'not a crn' })) as Result<unknown>;
    expect(answer.ok === false && answer.error.code).toBe('INVALID_INPUT');
    expect(calls).toEqual([]);
  });

  it('answers INTERNAL, without details, when dispatch throws', async () => {
    const { ipc, ours } = setUp(async () => {
      throw new Error('SQLITE_CORRUPT at /home/alice/.config/broker.db');
    });
    const answer = (await ipc.invoke('rab:auth.signIn', ours, { username: 'a', password: 'b' })) as Result<unknown>;
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Nothing was changed.' } });
  });

  it('removes every handler it added when unbound', () => {
    const { ipc, unbind } = setUp();
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses to bind a name that is not a contract channel name', () => {
    const ipc = new FakeIpcMain();
    expect(() =>
      bindContractToIpc<FakeEvent>({
        ipc,
        channels: ['auth.signIn', 'rab:auth.signIn'],
        dispatch: async () => ({ ok: true, value: null }),
        isTrustedSender: () => true,
        connectionOf: () => undefined,
      }),
    ).toThrow(/not a contract channel name/);
  });
});

describe('IPC channel names', () => {
  it('prefixes contract channels with rab:', () => {
    expect(ipcChannelName('auth.signIn')).toBe('rab:auth.signIn');
    expect(ipcChannelName('admin.users.create')).toBe('rab:admin.users.create');
  });

  it.each(['signIn', 'auth.', '.signIn', 'auth..signIn', 'Auth.signIn', 'auth.sign-in', 'auth.sign In', '__proto__.x', ''])(
    'refuses "%s" as a contract channel name',
    (name) => {
      expect(() => ipcChannelName(name)).toThrow(/not a contract channel name/);
    },
  );

  it('reads back only prefixed, well-formed names', () => {
    expect(contractChannelOf('rab:auth.signIn')).toBe('auth.signIn');
    expect(contractChannelOf('auth.signIn')).toBeNull();
    expect(contractChannelOf('ELECTRON_BROWSER_REQUIRE')).toBeNull();
    expect(contractChannelOf('rab:auth')).toBeNull();
  });
});
