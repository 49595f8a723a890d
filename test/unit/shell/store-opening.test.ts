import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { storeOpeningOutcome, storePathIn } from '../../../electron/main/store-opening';

describe('opening the store at start-up', () => {
  it('keeps the store in the user data folder as broker.db', () => {
    expect(storePathIn('/home/alice/.config/Records Access Broker')).toBe('/home/alice/.config/Records Access Broker/broker.db');
  });

  it('treats a missing store as the first run', () => {
    expect(storeOpeningOutcome(new AppError('STORE_NOT_FOUND'))).toEqual({ kind: 'first-run' });
  });

  it.each<ErrorCode>(['STORE_KEY_MISSING', 'STORE_KEY_WRONG', 'STORE_KEY_INVALID', 'STORE_DAMAGED', 'STORE_FROM_FUTURE', 'STORE_KEYCHAIN_UNAVAILABLE', 'STORE_READ_ONLY', 'STORE_FULL'])(
    'stops with a clear message, and never offers to set up again, on %s',
    (code) => {
      const error = new AppError(code, `Specific: ${code}. The store has not been changed.`);
      const outcome = storeOpeningOutcome(error);
      expect(outcome.kind).toBe('stop');
      if (outcome.kind !== 'stop') return;
      expect(outcome.code).toBe(code);
      expect(outcome.message).toContain(`Specific: ${code}`);
      expect(outcome.message).toMatch(/do not delete or move the store file/);
      expect(outcome.title.length).toBeGreaterThan(5);
    },
  );

  it('stops without echoing the details of an unexpected error', () => {
    const outcome = storeOpeningOutcome(new Error('SQLITE_IOERR reading /home/alice/.config/broker.db'));
    expect(outcome).toMatchObject({ kind: 'stop', code: null });
    expect(outcome.kind === 'stop' && outcome.message).not.toContain('/home/alice');
  });
});
