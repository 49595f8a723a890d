/**
 * The desktop's upkeep of its store: a full page check in the background after opening, a signed
 * audit checkpoint on opening, hourly and at shutdown, and a daily backup kept for the policy's
 * number of days and listed for administrators.
 */
import { all, sql } from '../../../electron/core/store/sql';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/define';
import { appendAuditEvent } from '../../../electron/core/audit/audit-log';
import { checkpointKeyAccount, signerFromSeed } from '../../../electron/core/audit/checkpoint-key';
import { verifyAgainstCheckpoints } from '../../../electron/core/audit/verify-checkpoints';
import { DAY, TestClock } from '../../../electron/core/clock/clock';
import { savePolicy, readPolicy } from '../../../electron/core/settings/policy-store';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { STORE_PAGE_SIZE } from '../../../electron/core/store/page-check';
import { BrokerHost } from '../../../electron/main/broker-host';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const ADMIN = { username: 'alice.admin', displayName: 'Alice Admin', password: 'correct horse battery' };
const conn = () => ({ id: 'window-1', sessionId: null as string | null });
const valueOf = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

async function setUpDesktop() {
  const root = tempDir();
  const keyStore = new MemoryKeyStore();
  const clock = new TestClock(Date.UTC(2026, 2, 2, 9));
  const options = { storePath: join(root, 'userData', 'broker.db'), keyStore, clock, backupDir: join(root, 'userData', 'backups'), checkpointFile: join(root, 'userData-audit-checkpoints.jsonl') };
  mkdirSync(join(root, 'userData'));
  const host = new BrokerHost(options);
  await host.start();
  valueOf(await host.dispatch('setup.createAdministrator', conn(), ADMIN));
  await host.maintenanceStarted;
  return { host, options, clock, keyStore };
}

describe('the desktop looking after its store', () => {
  it('takes a daily backup, keeps it for the policy number of days, and lists the backups for administrators', async () => {
    const { host, options, clock } = await setUpDesktop();
    expect(readdirSync(options.backupDir)).toEqual(['broker-2026-03-02.db']);
    const db = host.core!.ctx.db;
    await savePolicy(db, { ...await readPolicy(db), backupRetentionDays: 3 }, { userId: null, actor: 'test' }, clock.now());
    for (let day = 1; day <= 4; day++) {
      clock.set(clock.now() + DAY);
      await host.maintenance!.hourly();
      await host.maintenance!.hourly();
    }
    expect(readdirSync(options.backupDir).sort()).toEqual(['broker-2026-03-04.db', 'broker-2026-03-05.db', 'broker-2026-03-06.db']);
    const admin = conn();
    valueOf(await host.dispatch('auth.signIn', admin, { username: ADMIN.username, password: ADMIN.password }));
    const listed = valueOf(await host.dispatch('admin.backups', admin, {})) as { directory: string; keepDays: number; backups: { file: string }[] };
    expect(listed).toMatchObject({ directory: options.backupDir, keepDays: 3 });
    expect(listed.backups.map((b) => b.file)).toEqual(['broker-2026-03-06.db', 'broker-2026-03-05.db', 'broker-2026-03-04.db']);
    host.close();
  });

  it('writes a signed checkpoint on opening, every hour and at shutdown, to a file beside the user-data folder', async () => {
    const { host, options, keyStore } = await setUpDesktop();
    const lines = () => readFileSync(options.checkpointFile, 'utf8').trim().split('\n').length;
    expect(lines()).toBe(1);
    await appendAuditEvent(host.core!.ctx.db, { at: Date.now(), actor: 'test', action: 'test.event' });
    await host.maintenance!.hourly();
    expect(lines()).toBe(2);
    host.close();
    expect(lines()).toBe(3);
    const seed = (await keyStore.get(checkpointKeyAccount(options.storePath)))!.keyHex;
    const store = await openStore({ path: options.storePath, keyStore, readonly: true });
    expect(verifyAgainstCheckpoints(store.db, options.checkpointFile, signerFromSeed(seed).publicKeyHex)).toMatchObject({ ok: true, checkpoints: 3 });
    store.close();
  });

  it('refuses the store when the background page check finds a damaged page the opening did not read', async () => {
    const { host, options } = await setUpDesktop();
    const db = host.core!.ctx.db;
    for (let i = 0; i < 400; i++) await appendAuditEvent(db, { at: Date.now(), actor: 'test', action: 'test.filler', details: { text: 'x'.repeat(200) } });
    const roots = new Set((await all<{ rootpage: number }>(db, sql`SELECT rootpage FROM sqlite_master`)).map((r) => r.rootpage));
    host.close();
    const bytes = readFileSync(options.storePath);
    const pages = bytes.length / STORE_PAGE_SIZE;
    const leaf = Array.from({ length: pages }, (_, i) => i + 1).reverse().find((p) => !roots.has(p) && p > 1)!;
    bytes[(leaf - 1) * STORE_PAGE_SIZE + 500]! ^= 0x20;
    writeFileSync(options.storePath, bytes);
    const again = new BrokerHost({ ...options, backupDir: join(tempDir(), 'b') });
    expect(await again.start()).toEqual({ kind: 'ready' });
    expect(await again.pageCheckDone).toContain(leaf);
    expect(await again.dispatch('setup.status', conn(), {})).toMatchObject({ ok: true });
    expect(await again.dispatch('auth.status', conn(), {})).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } });
    again.close();
  });
});
