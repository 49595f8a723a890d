/**
 * A call is all or nothing; a store locked by another process for long (a large `rab import`)
 * still answers reads.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { keychainAccount } from '../../../electron/core/store/open-store';
import { PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { TEST_ENGINE } from '../../helpers/engines';

const fixture = useBrokerFixture();

// Both cases work the embedded file itself (its page limit, another process's lock on it).
describe.skipIf(TEST_ENGINE === 'postgres')('calls as transactions (embedded store file: page limit, file lock)', () => {
  it('leaves no trace of a call that fails part-way through: neither its rows nor its audit events', async () => {
    const fx = await fixture();
    await fx.signIn('priya');
    fx.db.exec('VACUUM');
    // No page may be added: the call's first writes fit in pages with room, later ones do not.
    fx.db.pragma(`max_page_count = ${fx.db.pragma('page_count', { simple: true }) as number}`);
    const count = (sql: string) => fx.db.prepare(sql).pluck().get() as number;
    const before = { requests: count('SELECT count(*) FROM requests'), events: count('SELECT count(*) FROM audit_events'), notices: count('SELECT count(*) FROM notifications') };
    const crns = [PEOPLE.warrant.crn, PEOPLE.allocated.crn];
    const r = await fx.attempt('priya', 'requests.create', { crns, scope: 'FRONT_SHEET', purpose: 'OTHER', justification: 'x'.repeat(1900), urgency: 'ROUTINE', durationDays: 7 });
    expect(r).toMatchObject({ ok: false, error: { code: 'STORE_FULL' } });
    expect({ requests: count('SELECT count(*) FROM requests'), events: count('SELECT count(*) FROM audit_events'), notices: count('SELECT count(*) FROM notifications') }).toEqual(before);
    expect(fx.internalErrors).toEqual([]);
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
