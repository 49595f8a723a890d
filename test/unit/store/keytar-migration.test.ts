/**
 * Stores made by earlier versions keep their key in a keytar entry. keytar is a development
 * dependency here only to create such entries exactly as those versions did; the app reads and
 * removes them through electron/core/store/keytar-entries.ts. Runs on the real Secret Service of
 * scripts/with-keyring.sh.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { KEYCHAIN_SERVICE, type KeyStore, type StoredKey } from '../../../electron/core/store/key-store';
import { SystemKeyStore } from '../../../electron/core/store/system-key-store';
import type { LegacyKeychain } from '../../../electron/core/store/keytar-entries';
import { useTempDirs } from '../../helpers/temp-dir';

const keytar = createRequire(import.meta.url)('keytar') as typeof import('keytar');
const tempDir = useTempDirs();

/** The key store of earlier versions, as they wrote entries: `key` or `key:salt`, through keytar. */
const earlierVersionKeyStore: KeyStore = {
  async get(account) {
    const v = await keytar.getPassword(KEYCHAIN_SERVICE, account);
    if (v === null) return null;
    const [keyHex = '', saltHex] = v.split(':');
    return saltHex ? { keyHex, saltHex } : { keyHex };
  },
  async set(account, value: StoredKey) {
    await keytar.setPassword(KEYCHAIN_SERVICE, account, value.saltHex ? `${value.keyHex}:${value.saltHex}` : value.keyHex);
  },
  async delete(account) {
    await keytar.deletePassword(KEYCHAIN_SERVICE, account);
  },
};

/** The current binding alone, blind to earlier entries: what is really in its own entry. */
const noEarlierEntries: LegacyKeychain = { read: async () => null, remove: async () => {} };
const currentEntryOnly = () => new SystemKeyStore(KEYCHAIN_SERVICE, noEarlierEntries);

async function storeMadeByAnEarlierVersion() {
  const path = join(tempDir(), 'broker.db');
  const store = await openStore({ path, keyStore: earlierVersionKeyStore, create: true });
  store.db.exec(`INSERT INTO providers VALUES ('N07', 'NPS London', 'NPS')`);
  store.close();
  const account = keychainAccount(path);
  const earlierEntry = await keytar.getPassword(KEYCHAIN_SERVICE, account);
  expect(earlierEntry).toMatch(/^[0-9a-f]{64}:[0-9a-f]{32}$/);
  return { path, account, earlierEntry };
}

describe('store keys kept by earlier versions through keytar', () => {
  it('are not visible to the current binding, because the Secret Service items carry other attributes', async () => {
    const { account } = await storeMadeByAnEarlierVersion();
    expect(await currentEntryOnly().get(account)).toBeNull();
  });

  it('open an existing store with no step by its user: the key moves to the current binding and the old entry goes', async () => {
    const { path, account, earlierEntry } = await storeMadeByAnEarlierVersion();

    const store = await openStore({ path, keyStore: new SystemKeyStore() });
    expect(store.db.prepare('SELECT name FROM providers').get()).toEqual({ name: 'NPS London' });
    store.close();

    expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBeNull();
    const moved = await currentEntryOnly().get(account);
    expect(moved && `${moved.keyHex}:${moved.saltHex}`).toBe(earlierEntry);

    // And it keeps opening from the new entry alone.
    const again = await openStore({ path, keyStore: currentEntryOnly() });
    again.close();
    await new SystemKeyStore().delete(account);
  });

  it('prefer the current entry when both exist, and leave the earlier one untouched', async () => {
    const { path, account, earlierEntry } = await storeMadeByAnEarlierVersion();
    await new SystemKeyStore().get(account);
    await earlierVersionKeyStore.set(account, { keyHex: 'f'.repeat(64) });

    const store = await openStore({ path, keyStore: new SystemKeyStore() });
    store.close();
    const current = await currentEntryOnly().get(account);
    expect(current && `${current.keyHex}:${current.saltHex}`).toBe(earlierEntry);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBe('f'.repeat(64));

    await new SystemKeyStore().delete(account);
  });

  it('are removed with the store key, even when the key was never moved', async () => {
    const { account } = await storeMadeByAnEarlierVersion();
    await new SystemKeyStore().delete(account);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBeNull();
    expect(await new SystemKeyStore().get(account)).toBeNull();
  });
});
