/** Version 6 on a fresh in-memory store: durations in minutes, route and close reasons, the clock's high-water mark, reviews of refusals. */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigration } from '../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../electron/core/store/migrations';

const upTo5 = () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys=ON');
  for (const m of MIGRATIONS.slice(0, 5)) applyMigration(db, m);
  return db;
};

const columns = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration 6: safety rules', () => {
  it('adds durations in minutes, route and close reasons, and keeps the clock\'s latest time as a high-water mark', () => {
    const db = upTo5();
    db.prepare('UPDATE clock_state SET latest_seen_at = 500, rollback_detected_at = 100, rollback_latest_seen_at = 900').run();
    applyMigration(db, MIGRATIONS[5]!);
    expect(columns(db, 'requests')).toEqual(expect.arrayContaining(['duration_minutes', 'approved_duration_minutes', 'route_reason', 'closed_reason']));
    expect(db.prepare('SELECT high_water_at FROM clock_state').get()).toEqual({ high_water_at: 900 });
  });

  it('creates one review per refused request, and refuses a decided review without its reason', () => {
    const db = upTo5();
    applyMigration(db, MIGRATIONS[5]!);
    expect(columns(db, 'refusal_reviews')).toEqual(expect.arrayContaining(['request_id', 'reason', 'owner_team_code', 'outcome', 'decision_reason', 'grant_id']));
    db.pragma('foreign_keys=OFF');
    db.prepare(`INSERT INTO refusal_reviews (request_id, asked_by_user_id, asked_at, reason) VALUES (1, 1, 0, 'Please look again.')`).run();
    expect(() => db.prepare(`INSERT INTO refusal_reviews (request_id, asked_by_user_id, asked_at, reason) VALUES (1, 1, 0, 'Again.')`).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(`UPDATE refusal_reviews SET outcome = 'UPHELD', decided_at = 1 WHERE request_id = 1`).run()).toThrow(/CHECK/);
  });
});
