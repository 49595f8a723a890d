/**
 * Where store keys live. Production uses the OS keychain (system-key-store.ts); tests of the broker
 * may use the in-memory key store so they can create many stores quickly (the store is still
 * encrypted).
 */

export const KEYCHAIN_SERVICE = 'records-access-broker';

/** What the keychain holds per store: the raw key and, once the file exists, its cipher salt. */
export interface StoredKey {
  keyHex: string;
  /** First 16 bytes of the store file (SQLCipher salt), hex; tells a wrong key from a damaged file. */
  saltHex?: string;
}

export interface KeyStore {
  get(account: string): Promise<StoredKey | null>;
  set(account: string, value: StoredKey): Promise<void>;
  delete(account: string): Promise<void>;
}

/** The keychain entry's text: `key` or `key:salt`. Kept identical across bindings, so entries move verbatim. */
export const encodeStoredKey = (v: StoredKey): string => (v.saltHex ? `${v.keyHex}:${v.saltHex}` : v.keyHex);
export const decodeStoredKey = (s: string): StoredKey => {
  const [keyHex = '', saltHex] = s.split(':');
  return saltHex ? { keyHex, saltHex } : { keyHex };
};

export class MemoryKeyStore implements KeyStore {
  private readonly entries = new Map<string, string>();
  async get(account: string): Promise<StoredKey | null> {
    const v = this.entries.get(account);
    return v === undefined ? null : decodeStoredKey(v);
  }
  async set(account: string, value: StoredKey): Promise<void> {
    this.entries.set(account, encodeStoredKey(value));
  }
  async delete(account: string): Promise<void> {
    this.entries.delete(account);
  }
}

/** The message of every keychain failure: what could not be done, and that nothing changed. */
export function keychainUnavailable(what: string, e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `The system keychain is not available (could not ${what}: ${detail}). The store has not been changed.`;
}
