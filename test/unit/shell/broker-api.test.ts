import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channel } from '../../../shared/contract/define';
import { buildBrokerApi, type BrokerApi } from '../../../electron/preload/broker-api';

const TEST_CONTRACT = {
  'auth.signIn': channel({
    summary: 'sign in',
    access: 'public',
    input: z.strictObject({ username: z.string(), password: z.string() }),
    output: z.object({ user: z.string() }),
  }),
  'auth.signOut': channel({ summary: 'sign out', access: 'public', input: z.strictObject({}), output: z.object({}) }),
  'requests.create': channel({
    summary: 'create',
    access: 'session',
    input: z.strictObject({ crn: z.string() }),
    output: z.object({ id: z.string() }),
  }),
  'admin.users.create': channel({
    summary: 'create a user',
    access: 'session',
    input: z.strictObject({ username: z.string() }),
    output: z.object({ id: z.string() }),
  }),
};
type TestContract = typeof TEST_CONTRACT;
const names = Object.keys(TEST_CONTRACT) as Array<keyof TestContract>;

function recordingInvoke() {
  const calls: Array<[string, unknown]> = [];
  const invoke = async (name: string, input: unknown) => {
    calls.push([name, input]);
    return { ok: true, value: { id: 'r1' } };
  };
  return { calls, invoke };
}

describe('the preload API builder', () => {
  it('builds one nested function per channel', () => {
    const api = buildBrokerApi<TestContract>(names, recordingInvoke().invoke);
    expect(Object.keys(api).sort()).toEqual(['admin', 'auth', 'requests']);
    expect(Object.keys(api.auth).sort()).toEqual(['signIn', 'signOut']);
    expect(typeof api.requests.create).toBe('function');
    expect(typeof api.admin.users.create).toBe('function');
  });

  it('sends each call on its rab: channel with its one argument', async () => {
    const { calls, invoke } = recordingInvoke();
    const api: BrokerApi<TestContract> = buildBrokerApi<TestContract>(names, invoke);
    await api.auth.signIn({ username: 'alice', password: 'pw' });
    await api.admin.users.create({ username: 'bob' });
    expect(calls).toEqual([
      ['rab:auth.signIn', { username: 'alice', password: 'pw' }],
      ['rab:admin.users.create', { username: 'bob' }],
    ]);
  });

  it('forwards the answer from the main process unchanged', async () => {
    const api = buildBrokerApi<TestContract>(names, recordingInvoke().invoke);
    expect(await api.requests.create({ crn: 'X123456' })).toEqual({ ok: true, value: { id: 'r1' } });
  });

  it('forwards only the first argument, so nothing else can ride along', async () => {
    const { calls, invoke } = recordingInvoke();
    const api = buildBrokerApi<TestContract>(names, invoke);
    const create = api.requests.create as unknown as (...args: unknown[]) => Promise<unknown>;
    await create({ crn: 'X123456' }, 'extra', () => 'callback');
    expect(calls).toEqual([['rab:requests.create', { crn: 'X123456' }]]);
  });

  it('exposes nothing but the channels: no invoke, no ipcRenderer, no send', () => {
    const api = buildBrokerApi<TestContract>(names, recordingInvoke().invoke) as unknown as Record<string, unknown>;
    const everything = JSON.stringify(api, (_k, v: unknown) => (typeof v === 'function' ? 'fn' : v));
    expect(JSON.parse(everything)).toEqual({
      auth: { signIn: 'fn', signOut: 'fn' },
      requests: { create: 'fn' },
      admin: { users: { create: 'fn' } },
    });
    for (const key of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(api).not.toHaveProperty(key);
  });

  it('is frozen, so the page cannot swap a function for its own', () => {
    const api = buildBrokerApi<TestContract>(names, recordingInvoke().invoke);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.auth)).toBe(true);
    expect(Object.isFrozen(api.admin.users)).toBe(true);
    expect(() => {
      (api.auth as unknown as Record<string, unknown>).signIn = () => null;
    }).toThrow(TypeError);
  });

  it('refuses a contract where a channel nests under another channel', () => {
    expect(() => buildBrokerApi(['auth.signIn', 'auth.signIn.twice'], recordingInvoke().invoke)).toThrow(/nests under the operation/);
    expect(() => buildBrokerApi(['auth.lock.now', 'auth.lock'], recordingInvoke().invoke)).toThrow(/clashes with a group/);
  });

  it('refuses a channel name that is not a contract name', () => {
    expect(() => buildBrokerApi(['signIn'], recordingInvoke().invoke)).toThrow(/not a contract channel name/);
  });
});
