/**
 * `rab serve` anchors the audit chain like the desktop does: it signs checkpoints with a configured
 * key kept apart from the store, on starting, hourly and at shutdown, to a folder of another party.
 */
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../../electron/core/audit/audit-log';
import { signerFromSeed } from '../../../electron/core/audit/checkpoint-key';
import { verifyAgainstCheckpoints } from '../../../electron/core/audit/verify-checkpoints';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { cliHarness } from '../cli/cli-harness';
import { startRabServe } from '../../helpers/rab-serve-process';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const SEED = '5a'.repeat(32);

describe('rab serve and signed checkpoints', () => {
  it('writes a signed checkpoint on starting and another at shutdown, with the configured key, to a folder', async () => {
    const dir = tempDir();
    const path = join(dir, 'broker.db');
    const keychain = new SystemKeyStore();
    const store = await openStore({ path, keyStore: keychain, create: true });
    await appendAuditEvent(engineOf(store.db), { at: Date.now(), actor: 'cli', action: 'test.event' });
    store.close();
    const keyFile = join(dir, 'checkpoint.key');
    writeFileSync(keyFile, `${SEED}\n`, { mode: 0o600 });
    const share = join(tempDir(), 'hub-share');

    const server = await startRabServe(['--store', path, '--listen', '127.0.0.1:0', '--insecure-loopback', '--quiet', '--checkpoint-key', keyFile, '--checkpoint-folder', share]);
    const file = join(share, 'broker.db.checkpoints.jsonl');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);

    const reopened = await openStore({ path, keyStore: keychain, readonly: true });
    expect(verifyAgainstCheckpoints(reopened.db, file, signerFromSeed(SEED).publicKeyHex)).toMatchObject({ ok: true, checkpoints: 2 });
    reopened.close();
    await keychain.delete(keychainAccount(path));
  });

  it('refuses a checkpoint endpoint that is not https, before opening anything', async () => {
    const { rab } = cliHarness();
    const r = await rab(['serve', '--store', join(tempDir(), 'none.db'), '--listen', '127.0.0.1:0', '--insecure-loopback', '--checkpoint-url', 'http://hub.example/checkpoints']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--checkpoint-url must be an https:// address');
  });
});
