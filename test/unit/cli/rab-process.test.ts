import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { keychainAccount } from '../../../electron/core/store/open-store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const BIN = resolve(__dirname, '../../../bin/rab.mjs');

/** The real launcher in a child process, with the real system keychain (scripts/with-keyring.sh). */
function rab(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the rab launcher, through the system keychain', () => {
  it('seeds, imports, verifies and adds an account, keeping the store key in the keychain', async () => {
    const set = join(tempDir(), 'set');
    const store = join(tempDir(), 'broker.db');
    const seeded = rab(['seed', '--scale', 'small', '--out', set, '--as-of', '2026-11-22']);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    const imported = rab(['import', set, '--store', store]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const keychain = new SystemKeyStore();
    expect((await keychain.get(keychainAccount(store)))?.keyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(rab(['verify', '--store', store]).code).toBe(0);

    const password = 'piped passphrase 1234';
    const added = rab(['users', 'add', '--store', store, '--username', 'hub.admin', '--role', 'admin', '--password-stdin'], `${password}\n`);
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('Created account hub.admin (hub.admin) with role(s) admin.\n');
    expect(`${added.stdout}${added.stderr}`).not.toContain(password);
    await keychain.delete(keychainAccount(store));
  });

  it('exits 2 for a usage error and 1 for a failure', () => {
    expect(rab(['import']).code).toBe(2);
    const missing = rab(['verify', '--store', join(tempDir(), 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: There is no store at /);
  });
});
