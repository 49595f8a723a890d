/**
 * What the app does when the store will not open. Only a missing file means "first run"; every other
 * store error stops the app with the error's own message, and nothing is created or overwritten
 * (the file stays byte-identical for whoever investigates).
 */
import { join } from 'node:path';
import { AppError, type ErrorCode } from '../../shared/errors';

export const STORE_FILE_NAME = 'broker.db';

export const storePathIn = (userDataPath: string): string => join(userDataPath, STORE_FILE_NAME);

export type StoreOpeningOutcome =
  | { kind: 'first-run' }
  | { kind: 'stop'; title: string; message: string; code: ErrorCode | null };

const TITLES: Partial<Record<ErrorCode, string>> = {
  STORE_KEY_MISSING: 'The store’s key is missing',
  STORE_KEY_WRONG: 'The store’s key does not match',
  STORE_KEY_INVALID: 'The store’s key is not valid',
  STORE_DAMAGED: 'The store is damaged',
  STORE_READ_ONLY: 'The store cannot be written',
  STORE_FULL: 'The disk is full',
  STORE_FROM_FUTURE: 'The store is from a newer version',
  STORE_KEYCHAIN_UNAVAILABLE: 'The system keychain is not available',
};

const ADVICE = 'Records Access Broker will close. Contact your administrator; do not delete or move the store file.';

export function storeOpeningOutcome(error: unknown): StoreOpeningOutcome {
  if (error instanceof AppError) {
    if (error.code === 'STORE_NOT_FOUND') return { kind: 'first-run' };
    return {
      kind: 'stop',
      title: TITLES[error.code] ?? 'The store could not be opened',
      message: `${error.message}\n\n${ADVICE}`,
      code: error.code,
    };
  }
  // Anything unexpected is reported without its details, which could include paths or SQL.
  return { kind: 'stop', title: 'The store could not be opened', message: `An unexpected error stopped the store from opening.\n\n${ADVICE}`, code: null };
}
