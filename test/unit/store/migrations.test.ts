import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { REGISTER_TYPES } from '../../../shared/domain/register-types';
import { applyMigration, migrate, schemaVersion } from '../../../electron/core/store/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/store/migrations';
import type { MigrationScript } from '../../../electron/core/store/engine/migration-script';

const fresh = () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys=ON');
  return db;
};

const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  // Numbers are reserved per change, so one may ship before a lower one lands: order matters, not gaps.
  it('are numbered in increasing order, each number once', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
  });

  it('version 7 lets a request\'s emergency uses be found by index, not by scanning the table', () => {
    const db = fresh();
    migrate(db);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT 1 FROM emergency_uses WHERE request_id = ? AND used_at <= ?`).all(1, 0) as { detail: string }[])
      .map((r) => r.detail)
      .join('; ');
    expect(plan).toMatch(/SEARCH emergency_uses USING (COVERING )?INDEX emergency_uses_request/);
  });

  it('version 8 adds a phone to each member of staff and a duty line and mailbox to each team, all optional', () => {
    const db = fresh();
    for (const m of MIGRATIONS.filter((x) => x.version < 8)) applyMigration(db, m);
    db.exec(`INSERT INTO providers VALUES ('N07', 'NPS London', 'NPS');
      INSERT INTO teams (code, provider_code, name, pdu, ldu) VALUES ('N07H01', 'N07', 'Hub', 'p', 'l');
      INSERT INTO staff (code, team_code, forename, surname, grade) VALUES ('N07H01A', 'N07H01', 'Ann', 'Hub', 'HUB');`);
    applyMigration(db, MIGRATIONS.find((m) => m.version === 8)!);
    expect(db.prepare(`SELECT phone FROM staff`).get()).toEqual({ phone: null });
    expect(db.prepare(`SELECT phone, email FROM teams`).get()).toEqual({ phone: null, email: null });
    db.exec(`UPDATE teams SET phone = '0113 496 0001', email = 'hub@n07.probation.example'`);
    expect(db.prepare(`SELECT phone FROM teams`).pluck().get()).toBe('0113 496 0001');
  });

  it("version 9 keeps a broker server's sessions by token hash and its idempotent answers by call hash, each once", () => {
    const db = fresh();
    migrate(db);
    db.exec(`INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('ann', 'Ann', 'x', 0)`);
    const session = db.prepare(`INSERT INTO server_sessions (token_hash, user_id, created_at, last_active_at, locked) VALUES (?, 1, 0, 0, ?)`);
    session.run('a'.repeat(64), 0);
    expect(() => session.run('a'.repeat(64), 0)).toThrow(/UNIQUE/);
    expect(() => session.run('b'.repeat(64), 2)).toThrow(/CHECK/);
    const claim = db.prepare(`INSERT INTO idempotent_calls (call_hash, channel, input_hash, claimed_at) VALUES (?, 'requests.create', 'h', 0) ON CONFLICT (call_hash) DO NOTHING`);
    expect(claim.run('c'.repeat(64)).changes).toBe(1);
    expect(claim.run('c'.repeat(64)).changes).toBe(0);
    expect(db.prepare(`SELECT answer, sealed_token FROM idempotent_calls`).get()).toEqual({ answer: null, sealed_token: null });
  });

  it('version 1 creates the records tables', () => {
    const db = fresh();
    applyMigration(db, MIGRATIONS[0]!);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['providers', 'teams', 'staff', 'people', 'register_types', 'registrations', 'assessments',
        'sentences', 'allocations', 'lao_exclusions', 'lao_restrictions', 'absences', 'deputies']),
    );
  });

  it('version 2 seeds every register type from DOMAIN.md, Warrant/Summons ranked first on the front sheet', () => {
    const db = fresh();
    applyMigration(db, MIGRATIONS[0]!);
    applyMigration(db, MIGRATIONS[1]!);
    const rows = db.prepare('SELECT code FROM register_types').all() as { code: string }[];
    expect(rows.map((r) => r.code).sort()).toEqual(REGISTER_TYPES.map((r) => r.code).sort());
    const first = db.prepare('SELECT code FROM register_types WHERE front_sheet_rank > 0 ORDER BY front_sheet_rank LIMIT 2').all();
    expect(first).toEqual([{ code: 'WRSM' }, { code: 'AV2S' }]);
  });

  it('version 3 creates users with roles limited to the known ones', () => {
    const db = fresh();
    for (const m of MIGRATIONS.slice(0, 3)) applyMigration(db, m);
    db.prepare(`INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('a', 'A', 'x', 0)`).run();
    expect(() => db.prepare(`INSERT INTO user_roles VALUES (1, 'superuser')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO user_roles VALUES (1, 'hub')`).run();
  });

  it('runs every pending step in one go and sets user_version', () => {
    const db = fresh();
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('rolls back all pending steps when one fails, leaving the old version', () => {
    const db = fresh();
    const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', up: (m: MigrationScript) => void m.ddl('CREATE TABLE x (; nonsense') }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuses a store from the future', () => {
    const db = fresh();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(AppError);
    try {
      migrate(db);
    } catch (e) {
      expect((e as AppError).code).toBe('STORE_FROM_FUTURE');
    }
  });
});
