import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigration, migrate } from '../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../electron/core/store/migrations';

const upTo = (version: number) => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys=ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) applyMigration(db, m);
  return db;
};

describe('broker schema', () => {
  it('version 4 creates the broker tables, with an audit log that refuses UPDATE and DELETE', () => {
    const db = upTo(4);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['settings', 'clock_state', 'requests', 'grants', 'emergency_uses', 'notifications', 'audit_events']));
    db.prepare(`INSERT INTO audit_events (seq, at, actor, action, details, prev_hash, hash) VALUES (1, 0, 'a', 'b', '{}', 'x', 'y')`).run();
    expect(() => db.prepare(`UPDATE audit_events SET actor = 'z'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });

  it('version 4 keeps a pending request in a queue and a decided one out of every queue', () => {
    const db = upTo(4);
    db.exec(`INSERT INTO providers VALUES ('N07', 'NPS London', 'NPS'); INSERT INTO teams (code, provider_code, name, pdu, ldu) VALUES ('N07T01', 'N07', 't', 'p', 'l');
      INSERT INTO people (crn, forename, surname, dob, gender, managing_sector) VALUES ('X000001', 'A', 'B', '1990-01-01', 'M', 'NPS');
      INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('u', 'U', 'h', 0);`);
    const insert = (status: string, queue: string | null) =>
      db.prepare(`INSERT INTO requests (requester_user_id, crn, scope, purpose, justification, urgency, duration_days, status, queue, created_at, routed_at, deadline)
        VALUES (1, 'X000001', 'FRONT_SHEET', 'OTHER', 'j', 'ROUTINE', 1, ?, ?, 0, 0, 0)`).run(status, queue);
    expect(() => insert('PENDING_OWNER', null)).toThrow(/CHECK/);
    expect(() => insert('APPROVED', 'HUB')).toThrow(/CHECK/);
    insert('PENDING_HUB', 'HUB');
  });

  it('version 5 indexes the decided side of the owner\'s and the hub\'s lists', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (q: string) => (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan(`SELECT * FROM requests r WHERE r.owner_staff_code IN ('A', 'B') AND r.queue IS NULL`)).toContain('requests_owner_all');
    expect(plan(`SELECT * FROM requests r WHERE r.decision_route = 'HUB' AND r.decided_at IS NOT NULL ORDER BY r.decided_at DESC`)).toContain('requests_route_decided');
    expect(plan(`SELECT * FROM requests r WHERE r.queue IS NOT NULL AND r.status = 'PENDING_OWNER' AND r.deadline <= 5`)).toContain('requests_pending_deadline');
  });
});
