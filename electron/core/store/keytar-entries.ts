/**
 * Store keys written by earlier versions, which kept them through keytar (archived since 2022).
 * They are only read and removed here, once per store, when system-key-store.ts moves them to the
 * current binding; nothing new is ever written through keytar.
 *
 * keytar is needed to read them because the two bindings do not name entries alike, so the new
 * one cannot see the old ones (checked on a real Secret Service, see the README):
 * - Linux (Secret Service): keytar's item has the attributes {service, account,
 *   xdg:schema=org.freedesktop.Secret.Generic}; @napi-rs/keyring's has {service, username}.
 * - Windows (Credential Manager): keytar's target name is `service/account`; @napi-rs/keyring's is
 *   `account.service`.
 * - macOS (Keychain): both write a generic password with the same service and account, so the new
 *   binding already finds the old entry and this is never reached.
 * keytar is an optional dependency: where it failed to install, old entries cannot be read and the
 * store reports its key as missing, which changes nothing.
 */
import { AppError } from '../../../shared/errors';
import { keychainUnavailable } from './key-store';

/** The old entries, as the migration needs them. */
export interface LegacyKeychain {
  /** The entry's text, or null when there is none (or keytar is not installed). */
  read(account: string): Promise<string | null>;
  remove(account: string): Promise<void>;
}

type Keytar = typeof import('keytar');

export function keytarEntries(service: string): LegacyKeychain {
  let loaded: Promise<Keytar | null> | undefined;
  const load = (): Promise<Keytar | null> =>
    (loaded ??= import('keytar').then(
      (mod: Keytar & { default?: Keytar }) => mod.default ?? mod,
      // Not installed (an optional dependency), or built for another ABI: there is nothing to move.
      () => null,
    ));

  return {
    async read(account) {
      const keytar = await load();
      if (!keytar) return null;
      try {
        return await keytar.getPassword(service, account);
      } catch (e) {
        throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', keychainUnavailable('read the earlier keychain entry', e));
      }
    },
    async remove(account) {
      const keytar = await load();
      if (!keytar) return;
      try {
        await keytar.deletePassword(service, account);
      } catch (e) {
        throw new AppError('STORE_KEYCHAIN_UNAVAILABLE', keychainUnavailable('remove the earlier keychain entry', e));
      }
    },
  };
}
