import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { MemoryKeyStore, type KeyStore } from '../../../electron/core/store/key-store';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations';
import { sha256File } from '../../helpers/file-hash';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

async function newStoreWithPerson(keyStore: KeyStore, surname = 'Quillfeather') {
  const path = join(tempDir(), 'broker.db');
  const store = await openStore({ path, keyStore, create: true });
  store.db.exec(`INSERT INTO providers VALUES ('N07', 'NPS London', 'NPS')`);
  store.db.exec(`INSERT INTO teams (code, provider_code, name, pdu, ldu) VALUES ('N07T01', 'N07', 'Team 1', 'Camden', 'North')`);
  store.db
    .prepare(`INSERT INTO people (crn, forename, surname, dob, gender, managing_sector) VALUES (?, ?, ?, ?, ?, ?)`)
    .run('X320741', 'Alan', surname, '1980-01-01', 'M', 'NPS');
  return { path, store };
}

async function expectCode(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected ${code}, but the store opened`);
}

describe('the encrypted store', () => {
  it('creates a store at the latest schema version with the key kept in the OS keychain', async () => {
    const keyStore = new SystemKeyStore();
    const { path, store } = await newStoreWithPerson(keyStore);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    store.close();
    const stored = await keyStore.get(keychainAccount(path));
    expect(stored?.keyHex).toMatch(/^[0-9a-f]{64}$/);
    const reopened = await openStore({ path, keyStore });
    expect(reopened.db.prepare('SELECT surname FROM people').get()).toEqual({ surname: 'Quillfeather' });
    reopened.close();
    await keyStore.delete(keychainAccount(path));
  });

  it('is not a plain SQLite file and neither sqlite3 nor plain SQLite can read it', async () => {
    const { path, store } = await newStoreWithPerson(new MemoryKeyStore());
    store.close();
    const head = readFileSync(path).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    let cliError = '';
    try {
      execFileSync('sqlite3', [path, 'SELECT count(*) FROM people;'], { stdio: 'pipe' });
    } catch (e) {
      cliError = String((e as { stderr?: Buffer }).stderr ?? e);
    }
    expect(cliError).toMatch(/not a database|encrypted/i);
    // The same library without a key is "plain SQLite".
    const Database = (await import('better-sqlite3-multiple-ciphers')).default;
    const plain = new Database(path, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM people').get()).toThrow(/not a database/);
    plain.close();
  });

  it('leaves no plaintext surname in any file of its folder (db, -wal, -shm)', async () => {
    const surname = 'Zzyzxplaintextcheck';
    const { path, store } = await newStoreWithPerson(new MemoryKeyStore(), surname);
    // Keep the connection open so the -wal and -shm files exist while we look.
    const dir = join(path, '..');
    const files = readdirSync(dir);
    expect(files).toContain('broker.db-wal');
    for (const f of files) {
      expect(readFileSync(join(dir, f)).includes(Buffer.from(surname)), `${f} holds the surname`).toBe(false);
    }
    store.close();
    for (const f of readdirSync(dir)) {
      expect(readFileSync(join(dir, f)).includes(Buffer.from(surname)), `${f} holds the surname`).toBe(false);
    }
  });

  it('refuses to open when the key is missing from the keychain, and leaves the file byte-identical', async () => {
    const keyStore = new MemoryKeyStore();
    const { path, store } = await newStoreWithPerson(keyStore);
    store.close();
    const before = sha256File(path);
    await keyStore.delete(keychainAccount(path));
    const err = await expectCode(openStore({ path, keyStore, create: true }), 'STORE_KEY_MISSING');
    expect(err.message).toContain('not in the keychain');
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a wrong key with its own error and leaves the file byte-identical', async () => {
    const keyStore = new MemoryKeyStore();
    const { path, store } = await newStoreWithPerson(keyStore);
    store.close();
    const before = sha256File(path);
    await keyStore.set(keychainAccount(path), { keyHex: 'ab'.repeat(32), saltHex: '00'.repeat(16) });
    await expectCode(openStore({ path, keyStore, create: true }), 'STORE_KEY_WRONG');
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a damaged file (bytes flipped) and leaves it byte-identical', async () => {
    const keyStore = new MemoryKeyStore();
    const { path, store } = await newStoreWithPerson(keyStore);
    store.close();
    const bytes = readFileSync(path);
    for (let i = 100; i < 4096; i += 7) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(path, bytes);
    const before = sha256File(path);
    await expectCode(openStore({ path, keyStore, create: true }), 'STORE_DAMAGED');
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a truncated file and leaves it byte-identical', async () => {
    const keyStore = new MemoryKeyStore();
    const { path, store } = await newStoreWithPerson(keyStore);
    store.close();
    truncateSync(path, 5000);
    const before = sha256File(path);
    await expectCode(openStore({ path, keyStore }), 'STORE_DAMAGED');
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a file that is not a store at all', async () => {
    const keyStore = new MemoryKeyStore();
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    await keyStore.set(keychainAccount(path), { keyHex: 'cd'.repeat(32), saltHex: '11'.repeat(16) });
    const before = sha256File(path);
    await expectCode(openStore({ path, keyStore, create: true }), 'STORE_KEY_WRONG');
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a store from a newer version of the app and leaves it byte-identical', async () => {
    const keyStore = new MemoryKeyStore();
    const { path, store } = await newStoreWithPerson(keyStore);
    store.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const before = sha256File(path);
    const err = await expectCode(openStore({ path, keyStore }), 'STORE_FROM_FUTURE');
    expect(err.message).toContain(`version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(sha256File(path)).toBe(before);
  });

  it('reports an unavailable keychain as such and creates nothing', async () => {
    const failing: KeyStore = {
      get: () => Promise.reject(new AppError('STORE_KEYCHAIN_UNAVAILABLE')),
      set: () => Promise.reject(new AppError('STORE_KEYCHAIN_UNAVAILABLE')),
      delete: () => Promise.reject(new AppError('STORE_KEYCHAIN_UNAVAILABLE')),
    };
    const path = join(tempDir(), 'broker.db');
    await expectCode(openStore({ path, keyStore: failing, create: true }), 'STORE_KEYCHAIN_UNAVAILABLE');
    expect(existsSync(path)).toBe(false);
  });

  it('reports a missing Secret Service as an unavailable keychain, and never keeps keys in the kernel keyring instead', () => {
    // The binding chooses its Linux backend per process, so the failure is observed in a fresh one.
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../helpers/keychain-probe.ts')], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      encoding: 'utf8',
    });
    const [read, write] = out.trim().split('\n');
    expect(read).toMatch(/^STORE_KEYCHAIN_UNAVAILABLE The system keychain is not available \(could not read the keychain: /);
    expect(write).toMatch(/^STORE_KEYCHAIN_UNAVAILABLE The system keychain is not available \(could not write to the keychain: /);
  });

  it('never overwrites an existing file when asked to create', async () => {
    const keyStore = new MemoryKeyStore();
    const path = join(tempDir(), 'broker.db');
    writeFileSync(path, 'precious');
    appendFileSync(path, Buffer.alloc(504));
    const before = sha256File(path);
    await expect(openStore({ path, keyStore, create: true })).rejects.toBeInstanceOf(AppError);
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a key that is not 64 hex characters before it reaches SQL', async () => {
    const keyStore = new MemoryKeyStore();
    const { path, store } = await newStoreWithPerson(keyStore);
    store.close();
    await keyStore.set(keychainAccount(path), { keyHex: `x'; ATTACH DATABASE 'evil' AS e; --` });
    await expectCode(openStore({ path, keyStore }), 'STORE_KEY_INVALID');
  });
});
