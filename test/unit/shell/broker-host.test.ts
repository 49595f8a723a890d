import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_ERRORS, CONTRACT } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/define';
import type { SetupStatus } from '../../../shared/contract/setup';
import { SystemClock } from '../../../electron/core/clock/clock';
import { DEMO_PASSWORD } from '../../../electron/core/demo/create-demo-store';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { BrokerHost } from '../../../electron/main/broker-host';
import { sha256File } from '../../helpers/file-hash';
import { useTempDirs } from '../../helpers/temp-dir';

const connection = () => ({ id: 'window-1', sessionId: null as string | null });
const codeOf = (r: Result<unknown>) => (r.ok ? 'OK' : r.error.code);

describe('the desktop host before and after first run', () => {
  const tempDir = useTempDirs();
  const setUpHost = (keyStore = new MemoryKeyStore()) => {
    const storePath = join(tempDir(), 'broker.db');
    const host = new BrokerHost({ storePath, keyStore, clock: new SystemClock() });
    return { host, storePath, keyStore };
  };

  it('offers first run when there is no store, and serves nothing else until then', async () => {
    const { host, storePath } = setUpHost();
    expect(await host.start()).toEqual({ kind: 'first-run' });
    expect(await host.dispatch('setup.status', connection(), {})).toEqual({ ok: true, value: { state: 'NOT_SET_UP' } });
    expect(codeOf(await host.dispatch('auth.status', connection(), {}))).toBe('SETUP_REQUIRED');
    expect(existsSync(storePath)).toBe(false);
  });

  it('creates the store and its administrator, who can then sign in', async () => {
    const { host, storePath } = setUpHost();
    await host.start();
    const created = await host.dispatch('setup.createAdministrator', connection(), {
      username: 'alice.admin',
      displayName: 'Alice Admin',
      password: 'correct horse battery',
    });
    expect(created).toEqual({ ok: true, value: { state: 'READY', demo: false, demoAccounts: [] } });
    expect(existsSync(storePath)).toBe(true);
    const conn = connection();
    const signedIn = await host.dispatch('auth.signIn', conn, { username: 'alice.admin', password: 'correct horse battery' });
    expect(signedIn.ok && (signedIn.value as { state: string }).state).toBe('SIGNED_IN');
    expect(conn.sessionId).not.toBeNull();
    host.close();
  });

  it('refuses a second setup and changes nothing', async () => {
    const { host, storePath, keyStore } = setUpHost();
    await host.start();
    await host.dispatch('setup.createAdministrator', connection(), { username: 'alice.admin', displayName: 'Alice', password: 'correct horse battery' });
    host.close();
    const before = sha256File(storePath);
    const again = new BrokerHost({ storePath, keyStore, clock: new SystemClock() });
    expect(await again.start()).toEqual({ kind: 'ready' });
    expect(codeOf(await again.dispatch('setup.loadDemoData', connection(), {}))).toBe('SETUP_ALREADY_DONE');
    expect(codeOf(await again.dispatch('setup.createAdministrator', connection(), { username: 'bob.admin', displayName: 'Bob', password: 'another long password' }))).toBe(
      'SETUP_ALREADY_DONE',
    );
    again.close();
    expect(sha256File(storePath)).toBe(before);
  });

  it.each([
    [{ username: 'Alice', displayName: 'Alice', password: 'correct horse battery' }, 'username'],
    [{ username: 'alice.admin', displayName: '   ', password: 'correct horse battery' }, 'displayName'],
    [{ username: 'alice.admin', displayName: 'Alice', password: 'too short' }, 'password'],
    [{ username: 'alice.admin', displayName: 'Alice', password: 'correct horse battery', roles: ['admin'] }, 'roles'],
  ])('refuses bad administrator details (%j) naming the field, and creates no store', async (input, field) => {
    const { host, storePath } = setUpHost();
    await host.start();
    const answer = await host.dispatch('setup.createAdministrator', connection(), input);
    expect(codeOf(answer)).toBe('INVALID_INPUT');
    expect(!answer.ok && answer.error.message).toContain(field);
    expect(readdirSync(join(storePath, '..'))).toEqual([]);
  });

  it('loads demonstration data with an account per role, all signing in with the shown password', async () => {
    const { host, storePath, keyStore } = setUpHost();
    await host.start();
    const answer = await host.dispatch('setup.loadDemoData', connection(), {});
    expect(answer.ok).toBe(true);
    const status = (answer as { value: SetupStatus }).value;
    expect(status.state === 'READY' && status.demo).toBe(true);
    const accounts = status.state === 'READY' ? status.demoAccounts : [];
    expect(accounts.map((a) => a.role).sort()).toEqual(['admin', 'crc-practitioner', 'hub', 'hub', 'nps-offender-manager', 'nps-offender-manager', 'nps-offender-manager']);
    for (const account of accounts) {
      expect(account.password).toBe(DEMO_PASSWORD);
      expect(account.description.length).toBeGreaterThan(10);
    }
    const practitioner = accounts.find((a) => a.role === 'crc-practitioner');
    const signedIn = await host.dispatch('auth.signIn', connection(), { username: practitioner?.username, password: practitioner?.password });
    expect(codeOf(signedIn)).toBe('OK');
    host.close();

    // The marker lives in the encrypted store: a restart still knows it is a demo store.
    const restarted = new BrokerHost({ storePath, keyStore, clock: new SystemClock() });
    await restarted.start();
    const again = await restarted.dispatch('setup.status', connection(), {});
    expect(again.ok && again.value).toEqual(status);
    restarted.close();
    // No plaintext export set or staging file is left beside the store.
    expect(readdirSync(join(storePath, '..')).filter((f) => !f.startsWith('broker.db'))).toEqual([]);
  });

  it('sets up once when asked twice at the same time', async () => {
    const { host, storePath } = setUpHost();
    await host.start();
    const [a, b] = await Promise.all([
      host.dispatch('setup.createAdministrator', connection(), { username: 'alice.admin', displayName: 'Alice', password: 'correct horse battery' }),
      host.dispatch('setup.createAdministrator', connection(), { username: 'bob.admin', displayName: 'Bob', password: 'another long password' }),
    ]);
    expect([codeOf(a), codeOf(b)]).toEqual(['OK', 'SETUP_ALREADY_DONE']);
    expect(readdirSync(join(storePath, '..')).filter((f) => f.includes('.setup-'))).toEqual([]);
    host.close();
  });

  it('stops, without touching the file, when the store will not open', async () => {
    const { host, storePath } = setUpHost();
    writeFileSync(storePath, Buffer.alloc(4096, 7));
    const before = sha256File(storePath);
    const outcome = await host.start();
    expect(outcome).toMatchObject({ kind: 'stop', code: 'STORE_KEY_MISSING' });
    expect(codeOf(await host.dispatch('setup.loadDemoData', connection(), {}))).toBe('SETUP_ALREADY_DONE');
    expect(sha256File(storePath)).toBe(before);
  });

  it('stops on a damaged store whose key is present, leaving it byte-identical', async () => {
    const keyStore = new MemoryKeyStore();
    const storePath = join(tempDir(), 'broker.db');
    (await openStore({ path: storePath, keyStore, create: true })).close();
    const bytes = Buffer.alloc(4096, 1);
    writeFileSync(storePath, bytes);
    const before = sha256File(storePath);
    const host = new BrokerHost({ storePath, keyStore, clock: new SystemClock() });
    expect(await host.start()).toMatchObject({ kind: 'stop' });
    expect(sha256File(storePath)).toBe(before);
    expect(await keyStore.get(keychainAccount(storePath))).not.toBeNull();
  });

  it('validates and fuzzes the first-run channels like every other: random payloads get a typed error from the contract, never INTERNAL', async () => {
    const { host, storePath } = setUpHost();
    await host.start();
    for (const channel of ['setup.status', 'setup.createAdministrator', 'setup.loadDemoData'] as const) {
      const allowed = [...COMMON_ERRORS, ...(CONTRACT[channel].errors ?? [])];
      const keys = Object.keys((CONTRACT[channel].input as unknown as { shape: Record<string, unknown> }).shape);
      const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(fc.anything(), fc.string())])), { requiredKeys: [] });
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), shaped), async (payload) => {
          // Demonstration data is loaded only for a valid (empty) payload, which is tested above.
          fc.pre(channel !== 'setup.loadDemoData' || CONTRACT[channel].input.safeParse(payload ?? {}).success === false);
          const r = await host.dispatch(channel, connection(), payload);
          if (!r.ok) expect(allowed, `${channel} answered ${r.error.code}`).toContain(r.error.code);
        }),
        { numRuns: 40 },
      );
    }
    expect(existsSync(storePath)).toBe(false);
    host.close();
  });
});

