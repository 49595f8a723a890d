/**
 * The same ordered migrations on PostgreSQL. The version lives in a one-row `schema_version`
 * table (PostgreSQL has no `user_version`). A database from a newer version is refused unchanged;
 * pending steps run in one transaction, under a lock, so two servers starting together migrate once.
 */
import { AppError } from '../../../shared/errors';
import { MigrationScript, stepsFor } from './engine/migration-script';
import type { Engine, ReadableDb } from './engine/engine';
import { sql, sqlTrusted } from './engine/sql-fragment';
import { assertNotFromFuture } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export async function postgresSchemaVersion(db: ReadableDb): Promise<number> {
  const table = await db.one<{ name: string | null }>(sql`SELECT to_regclass('schema_version')::text AS name`);
  if (!table?.name) return 0;
  const row = await db.one<{ version: number }>(sql`SELECT version FROM schema_version WHERE id = 1`);
  return row?.version ?? 0;
}

export async function migratePostgres(engine: Engine, migrations: readonly Migration[] = MIGRATIONS, o: { checkOnly?: boolean } = {}): Promise<number> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  return engine.write(
    async (tx) => {
      const current = await postgresSchemaVersion(tx);
      assertNotFromFuture(current, latest);
      const pending = migrations.filter((m) => m.version > current);
      if (pending.length === 0) return current;
      if (o.checkOnly) {
        throw new AppError('STORE_NOT_FOUND', current === 0
          ? 'This PostgreSQL database holds no broker schema yet: start `rab serve --database` (or run `rab import --database`) once to create it.'
          : `This database is at schema version ${current}; this broker needs ${latest}. Start \`rab serve --database\` once to bring it up to date.`);
      }
      if (current === 0) {
        await tx.run(sql`CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)`);
        await tx.run(sql`INSERT INTO schema_version (id, version) VALUES (1, 0)`);
      }
      for (const migration of pending) {
        const script = new MigrationScript();
        migration.up(script);
        for (const step of stepsFor(script, 'postgres')) {
          await tx.run(step.kind === 'text' ? sqlTrusted(step.text) : step.query);
        }
      }
      await tx.run(sql`UPDATE schema_version SET version = ${latest} WHERE id = 1`);
      return latest;
    },
    { serialise: ['schema-migration'] },
  );
}
