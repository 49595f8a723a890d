/**
 * `rab backup` and `rab restore`: a consistent, still-encrypted copy that restores on the same
 * machine with no manual step; a key taken elsewhere only on request; a backup older than the
 * latest signed checkpoint refused unless the loss is accepted.
 */
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../../electron/core/audit/audit-log';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { sha256File } from '../../helpers/file-hash';
import { fixtureRab } from '../../helpers/fixture-rab';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();

const addEvents = async (fx: BrokerFixture, n: number) => {
  for (let i = 0; i < n; i++) await appendAuditEvent(engineOf(fx.db), { at: fx.clock.now(), actor: 'cli', action: 'test.event', details: { i } });
};
const count = (db: import('better-sqlite3-multiple-ciphers').Database, sql: string) => db.prepare(sql).pluck().get() as number;

async function backedUp(fx: BrokerFixture, ...extra: string[]) {
  const dir = tempDir();
  const out = join(dir, 'broker-backup.db');
  const r = await fixtureRab(fx, ['backup', '--store', fx.store.path, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return { dir, out, r };
}

describe('rab backup and rab restore', () => {
  it('copy a running store, still encrypted, and restore it on the same machine with no key file', async () => {
    const fx = await fixture();
    await addEvents(fx, 3);
    const { out, r } = await backedUp(fx);
    expect(r.stdout).toMatch(/^Backed up .* to .*broker-backup\.db \(.*, audit events up to \d+\), encrypted with the store's key\.\n$/);
    expect(readFileSync(out).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(readFileSync(out).includes(Buffer.from('Practitioner'))).toBe(false);
    expect(count(fx.db, `SELECT count(*) FROM audit_events WHERE action = 'backup.create'`)).toBe(1);
    const target = join(tempDir(), 'restored.db');
    const restored = await fixtureRab(fx, ['restore', '--backup', out, '--store', target]);
    expect(restored.code, restored.stderr).toBe(0);
    const store = await openStore({ path: target, keyStore: fx.keyStore });
    expect(count(store.db, 'SELECT count(*) FROM users')).toBe(count(fx.db, 'SELECT count(*) FROM users'));
    expect(store.db.prepare(`SELECT details FROM audit_events WHERE action = 'backup.restore'`).pluck().get()).toContain('"lostEvents":0');
    store.close();
  });

  it('export the key for another machine only when asked, audited, and restore there with it', async () => {
    const fx = await fixture();
    const { out, dir } = await backedUp(fx);
    const otherMachine = new MemoryKeyStore();
    const target = join(tempDir(), 'broker.db');
    const without = await fixtureRab(fx, ['restore', '--backup', out, '--store', target], otherMachine);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('is not in this machine\'s keychain');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.key'))).toEqual([]);

    const keyFile = join(dir, 'backup.key');
    const second = join(dir, 'second.db');
    expect((await fixtureRab(fx, ['backup', '--store', fx.store.path, '--out', second, '--export-key', keyFile])).code).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(count(fx.db, `SELECT count(*) FROM audit_events WHERE action = 'backup.keyExport'`)).toBe(1);
    const withKey = await fixtureRab(fx, ['restore', '--backup', second, '--store', target, '--key-file', keyFile], otherMachine);
    expect(withKey.code, withKey.stderr).toBe(0);
    const store = await openStore({ path: target, keyStore: otherMachine });
    expect(count(store.db, 'SELECT count(*) FROM users')).toBeGreaterThan(0);
    store.close();
  });

  it('refuse a backup older than the latest signed checkpoint unless told to accept the loss, which is audited', async () => {
    const fx = await fixture();
    await addEvents(fx, 2);
    const { out } = await backedUp(fx);
    await addEvents(fx, 4);
    const checkpoints = join(tempDir(), 'checkpoints.jsonl');
    expect((await fixtureRab(fx, ['audit', 'checkpoint', '--store', fx.store.path, '--out', checkpoints])).code).toBe(0);
    fx.close();
    const before = sha256File(fx.store.path);
    const refused = await fixtureRab(fx, ['restore', '--backup', out, '--store', fx.store.path, '--checkpoints', checkpoints]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/restoring it would lose \d+ audited event\(s\)/);
    expect(sha256File(fx.store.path)).toBe(before);

    const accepted = await fixtureRab(fx, ['restore', '--backup', out, '--store', fx.store.path, '--checkpoints', checkpoints, '--accept-loss']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('The store that was there is kept at');
    const aside = accepted.stdout.match(/kept at (.*)\.\n/)![1]!;
    expect(sha256File(aside)).toBe(before);
    const old = await openStore({ path: aside, keyStore: fx.keyStore });
    old.close();
    const store = await openStore({ path: fx.store.path, keyStore: fx.keyStore });
    const details = JSON.parse(store.db.prepare(`SELECT details FROM audit_events WHERE action = 'backup.restore'`).pluck().get() as string);
    expect(details).toMatchObject({ acceptedLoss: true });
    expect(details.lostEvents).toBeGreaterThan(0);
    store.close();
  });

  it('refuse a damaged backup, restoring nothing', async () => {
    const fx = await fixture();
    const { out } = await backedUp(fx);
    const bytes = readFileSync(out);
    bytes[bytes.length - 4096 + 300]! ^= 0x10;
    writeFileSync(out, bytes);
    const target = join(tempDir(), 'broker.db');
    const r = await fixtureRab(fx, ['restore', '--backup', out, '--store', target]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is damaged');
    expect(existsSync(target)).toBe(false);
    expect(await fx.keyStore.get(keychainAccount(target))).toBeNull();
  });
});
