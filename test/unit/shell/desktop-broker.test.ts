/**
 * The desktop's broker as the app (and the browser host's --user-data mode) starts it: a private
 * user-data folder, first run while it holds nothing, then the store first run made, with its
 * backups inside the folder and its audit checkpoints beside it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../../electron/core/clock/clock';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { startDesktopBroker } from '../../../electron/main/desktop-broker';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const broker of opened.splice(0)) broker.close();
});

const start = async (userData: string, keyStore: MemoryKeyStore) => {
  const started = await startDesktopBroker({ userData, keyStore, clock: new SystemClock(), log: () => undefined, logInternal: () => undefined });
  opened.push(started.broker);
  return started;
};
const window = () => ({ id: crypto.randomUUID(), sessionId: null as string | null });

describe('starting the desktop broker on a user-data folder', () => {
  it('makes a missing folder, private, and offers first run without writing anything into it', async () => {
    const userData = join(tempDir(), 'not-yet', 'user-data');
    const { opened: outcome } = await start(userData, new MemoryKeyStore());
    expect(outcome).toEqual({ kind: 'first-run' });
    expect(statSync(userData).mode & 0o777).toBe(0o700);
    expect(readdirSync(userData)).toEqual([]);
  });

  it('opens the store first run made at the next start, with its backups inside the folder and checkpoints beside it', async () => {
    const parent = tempDir();
    const userData = join(parent, 'user-data');
    const keyStore = new MemoryKeyStore();
    const first = await start(userData, keyStore);
    expect(await first.broker.dispatch('setup.createAdministrator', window(), { username: 'alice.admin', displayName: 'Alice Admin', password: 'correct horse battery' })).toMatchObject({ ok: true });
    first.broker.close();

    const next = await start(userData, keyStore);
    expect(next.opened).toEqual({ kind: 'ready' });
    expect(await next.broker.dispatch('auth.signIn', window(), { username: 'alice.admin', password: 'correct horse battery' })).toMatchObject({ ok: true });
    await expect.poll(() => existsSync(join(userData, 'backups'))).toBe(true);
    await expect.poll(() => existsSync(join(parent, 'user-data-audit-checkpoints.jsonl'))).toBe(true);
  });
});
