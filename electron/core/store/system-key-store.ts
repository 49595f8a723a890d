/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows)
 * through @napi-rs/keyring: N-API, prebuilt for every platform we ship, so the same binary loads in
 * plain Node (`rab`, the tests) and in Electron without a rebuild.
 *
 * Keys written by earlier versions through keytar are moved on first use (moveEarlierEntry), so an
 * existing store opens without any step by its user.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../../shared/errors';
import {
  KEYCHAIN_SERVICE,
  decodeStoredKey,
  encodeStoredKey,
  keychainUnavailable,
  type KeyStore,
  type StoredKey,
} from './key-store';
import { keytarEntries, type LegacyKeychain } from './keytar-entries';

/**
 * On Linux the binding otherwise falls back to the kernel keyring when no Secret Service answers.
 * That keyring forgets everything at log-out, so a store whose key went there could never be opened
 * again: without a Secret Service we refuse instead.
 */
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

export class SystemKeyStore implements KeyStore {
  constructor(
    private readonly service = KEYCHAIN_SERVICE,
    private readonly earlier: LegacyKeychain = keytarEntries(service),
  ) {}

  async get(account: string): Promise<StoredKey | null> {
    const current = await this.read(account);
    if (current !== null) return decodeStoredKey(current);
    const moved = await this.moveEarlierEntry(account);
    return moved === null ? null : decodeStoredKey(moved);
  }

  async set(account: string, value: StoredKey): Promise<void> {
    await this.write(account, encodeStoredKey(value));
  }

  async delete(account: string): Promise<void> {
    const entry = this.entry(account, 'write to the keychain');
    try {
      await entry.deleteCredential();
    } catch (e) {
      throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', keychainUnavailable('write to the keychain', e));
    }
    // A store removed before its key was ever moved must not leave the old entry behind.
    await this.earlier.remove(account);
  }

  /**
   * Copies an earlier version's entry to this binding, reads it back, and only then removes the old
   * one: at every moment at least one readable copy of the key exists.
   */
  private async moveEarlierEntry(account: string): Promise<string | null> {
    const old = await this.earlier.read(account);
    if (old === null) return null;
    await this.write(account, old);
    if ((await this.read(account)) !== old) {
      throw new AppError(
        'STORE_KEYCHAIN_UNAVAILABLE',
        'The system keychain did not keep the store key when it was moved from its earlier entry. The earlier entry is kept and the store has not been changed.',
      );
    }
    await this.earlier.remove(account);
    // Where both bindings name the entry alike (macOS), removing the old one removed the new one.
    if ((await this.read(account)) !== old) await this.write(account, old);
    return old;
  }

  private entry(account: string, what: string): AsyncEntry {
    try {
      return new AsyncEntry(this.service, account, ENTRY_OPTIONS);
    } catch (e) {
      // Thrown when the Secret Service cannot be reached at all.
      throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', keychainUnavailable(what, e));
    }
  }

  private async read(account: string): Promise<string | null> {
    const entry = this.entry(account, 'read the keychain');
    try {
      // getSecret rejects when the keychain cannot be read; getPassword would say "no entry".
      const secret = await entry.getSecret();
      return secret === null ? null : Buffer.from(secret).toString('utf8');
    } catch (e) {
      throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', keychainUnavailable('read the keychain', e));
    }
  }

  private async write(account: string, text: string): Promise<void> {
    const entry = this.entry(account, 'write to the keychain');
    try {
      await entry.setPassword(text);
    } catch (e) {
      throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', keychainUnavailable('write to the keychain', e));
    }
  }
}
