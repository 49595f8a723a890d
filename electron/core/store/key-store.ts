/**
 * Where store keys live. Production uses the OS keychain through keytar; tests of the broker may
 * use the in-memory key store so they can create many stores quickly (the store is still encrypted).
 */
import { AppError } from '../../../shared/errors';

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

const encode = (v: StoredKey): string => (v.saltHex ? `${v.keyHex}:${v.saltHex}` : v.keyHex);
const decode = (s: string): StoredKey => {
  const [keyHex = '', saltHex] = s.split(':');
  return saltHex ? { keyHex, saltHex } : { keyHex };
};

export class MemoryKeyStore implements KeyStore {
  private readonly entries = new Map<string, string>();
  async get(account: string): Promise<StoredKey | null> {
    const v = this.entries.get(account);
    return v === undefined ? null : decode(v);
  }
  async set(account: string, value: StoredKey): Promise<void> {
    this.entries.set(account, encode(value));
  }
  async delete(account: string): Promise<void> {
    this.entries.delete(account);
  }
}

type Keytar = typeof import('keytar');

/** The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Vault on Windows). */
export class KeytarKeyStore implements KeyStore {
  private keytar: Keytar | undefined;
  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  private async load(): Promise<Keytar> {
    if (!this.keytar) {
      try {
        const mod = (await import('keytar')) as Keytar & { default?: Keytar };
        this.keytar = mod.default ?? mod;
      } catch (e) {
        throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', `${describe('load keytar', e)}`);
      }
    }
    return this.keytar;
  }

  async get(account: string): Promise<StoredKey | null> {
    const k = await this.load();
    try {
      const v = await k.getPassword(this.service, account);
      return v === null ? null : decode(v);
    } catch (e) {
      throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', describe('read the keychain', e));
    }
  }

  async set(account: string, value: StoredKey): Promise<void> {
    const k = await this.load();
    try {
      await k.setPassword(this.service, account, encode(value));
    } catch (e) {
      throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', describe('write to the keychain', e));
    }
  }

  async delete(account: string): Promise<void> {
    const k = await this.load();
    try {
      await k.deletePassword(this.service, account);
    } catch (e) {
      throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', describe('write to the keychain', e));
    }
  }
}

function describe(what: string, e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `The system keychain is not available (could not ${what}: ${detail}). The store has not been changed.`;
}
