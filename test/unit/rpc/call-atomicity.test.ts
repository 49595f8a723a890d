/**
 * Calls are each one transaction, one at a time; a store locked by another process for long (a
 * large `rab import`) still answers reads.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { keychainAccount } from '../../../electron/core/store/open-store';
import { PASSWORD, useBrokerFixture } from '../../helpers/broker-fixture';

const fixture = useBrokerFixture();

describe('calls as transactions', () => {
  it('runs calls made at the same time one after another, each seeing the one before', async () => {
    const fx = await fixture();
    const conn = fx.core.connect();
    const answers = await Promise.all([
      fx.core.dispatch('auth.signIn', conn, { username: 'priya', password: PASSWORD }),
      fx.core.dispatch('auth.status', conn, {}),
      fx.core.dispatch('requests.mine', conn, {}),
    ]);
    expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
    expect(answers[1]).toMatchObject({ ok: true, value: { state: 'SIGNED_IN' } });
  });

  it('still answers reads while another process holds the write lock, after a short wait', async () => {
    const fx = await fixture();
    const key = (await fx.keyStore.get(keychainAccount(fx.store.path)))!.keyHex;
    const other = new Database(fx.store.path);
    other.pragma(`cipher='sqlcipher'`);
    other.pragma('legacy=4');
    other.pragma(`key="x'${key}'"`);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(await fx.attempt('priya', 'requests.mine', {})).toMatchObject({ ok: true });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(fx.internalErrors).toEqual([]);
  });
});
