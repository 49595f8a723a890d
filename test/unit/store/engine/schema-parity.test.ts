/**
 * One ordered list of migrations, two engines: every version applies on both, and the resulting
 * schemas have the same tables and columns, the same append-only audit log, and the same refusal
 * of a database from a newer version.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { Engine } from '../../../../electron/core/store/engine/engine';
import { sql } from '../../../../electron/core/store/engine/sql-fragment';
import { migratePostgres } from '../../../../electron/core/store/migrate-postgres';
import { LATEST_SCHEMA_VERSION } from '../../../../electron/core/store/migrations';
import { POSTGRES_URL, useEngines } from '../../../helpers/engines';

type Columns = Record<string, string[]>;

async function sqliteColumns(engine: Engine): Promise<Columns> {
  const rows = await engine.read((db) =>
    db.all<{ tbl: string; col: string }>(
      sql`SELECT m.name AS tbl, p.name AS col FROM sqlite_master m JOIN pragma_table_info(m.name) p
          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`,
    ),
  );
  return group(rows);
}

async function postgresColumns(engine: Engine): Promise<Columns> {
  const rows = await engine.read((db) =>
    db.all<{ tbl: string; col: string }>(
      sql`SELECT table_name AS tbl, column_name AS col FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name <> 'schema_version' ORDER BY table_name, ordinal_position`,
    ),
  );
  return group(rows);
}

function group(rows: { tbl: string; col: string }[]): Columns {
  const out: Columns = {};
  for (const r of rows) (out[r.tbl] ??= []).push(r.col);
  return out;
}

describe.runIf(POSTGRES_URL)('the schema on PostgreSQL, from the same migrations', () => {
  const open = useEngines();

  it('has the same tables and columns as the embedded store', async () => {
    const embedded = await open('sqlcipher'); // opened through openStore, so fully migrated
    const server = await open('postgres');
    expect(await migratePostgres(server)).toBe(LATEST_SCHEMA_VERSION);
    const expected = await sqliteColumns(embedded);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(await postgresColumns(server)).toEqual(expected);
  });

  it('migrates once, however often and from however many servers it is started', async () => {
    const server = await open('postgres');
    const versions = await Promise.all([migratePostgres(server), migratePostgres(server), migratePostgres(server)]);
    expect(versions).toEqual([LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION]);
    const seeded = await server.read((db) => db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM register_types`));
    expect(seeded?.n).toBeGreaterThan(10);
  });

  it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const server = await open('postgres');
    await migratePostgres(server);
    await server.write((tx) => tx.run(sql`INSERT INTO audit_events (seq, at, actor, action, details, prev_hash, hash) VALUES (1, 0, 'a', 'b', '{}', 'x', 'y')`));
    await expect(server.write((tx) => tx.run(sql`UPDATE audit_events SET actor = 'z'`))).rejects.toThrow(/append-only/);
    await expect(server.write((tx) => tx.run(sql`DELETE FROM audit_events`))).rejects.toThrow(/append-only/);
    await expect(server.write((tx) => tx.run(sql`TRUNCATE audit_events`))).rejects.toThrow(/append-only/);
  });

  it('treats usernames as unique whatever their case, as the embedded store does', async () => {
    const server = await open('postgres');
    await migratePostgres(server);
    await server.write((tx) => tx.run(sql`INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('Jade.S', 'Jade', 'x', 0)`));
    await expect(
      server.write((tx) => tx.run(sql`INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('jade.s', 'Jade', 'x', 0)`)),
    ).rejects.toThrow(/users_username_nocase/);
  });

  it('refuses a database from a newer version and leaves it unchanged', async () => {
    const server = await open('postgres');
    await migratePostgres(server);
    await server.write((tx) => tx.run(sql`UPDATE schema_version SET version = ${LATEST_SCHEMA_VERSION + 3}`));
    const error = await migratePostgres(server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_FROM_FUTURE');
    const row = await server.read((db) => db.one<{ version: number }>(sql`SELECT version FROM schema_version`));
    expect(row?.version).toBe(LATEST_SCHEMA_VERSION + 3);
  });

  it('rolls back every pending step when one fails, leaving an empty database', async () => {
    const server = await open('postgres');
    const broken = [{ version: 1, name: 'broken', up: (m: { ddl(t: string): unknown }) => void m.ddl('CREATE TABLE ok (id INTEGER); CREATE TABLE x (; nonsense') }];
    await expect(migratePostgres(server, broken as never)).rejects.toThrow();
    const left = await server.read((db) => db.all(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`));
    expect(left).toEqual([]);
  });
});
