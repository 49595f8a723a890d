/** What the store's own failures are answered as: typed, so a desktop knows to retry or to call for help. */
import { describe, expect, it } from 'vitest';
import { storeFailureOf } from '../../../electron/core/store/store-failures';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('store failures', () => {
  it('answers a serialisation failure or deadlock left after the retries as a retryable STORE_UNAVAILABLE, saying nothing changed', () => {
    for (const code of ['40001', '40P01']) {
      const failure = storeFailureOf(pgError(code, 'could not serialize access due to read/write dependencies among transactions'));
      expect(failure?.code).toBe('STORE_UNAVAILABLE');
      expect(failure?.message).toContain('Nothing was changed');
    }
  });

  it('leaves other database errors to be answered as bugs', () => {
    expect(storeFailureOf(pgError('23505', 'duplicate key value violates unique constraint'))).toBeNull();
  });
});
