/**
 * Signal-style migration runner: refuses a store from the future, runs every pending step in one
 * transaction and sets `user_version` at the end, so a crash leaves the old version intact.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import { MigrationScript, stepsFor } from './engine/migration-script';
import { renderSql } from './engine/sql-fragment';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotFromFuture(version: number, latest = LATEST_SCHEMA_VERSION): void {
  if (version > latest) {
    throw new AppError(
      'STORE_FROM_FUTURE',
      `The store is at schema version ${version}, but this app knows versions up to ${latest}. ` +
        'Use a newer version of the app. The store has not been changed.',
    );
  }
}

export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersion(db);
  assertNotFromFuture(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) applyMigration(db, m);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}

/** Carries out one migration's steps on an embedded store (inside the caller's transaction). */
export function applyMigration(db: Database, migration: Migration): void {
  const script = new MigrationScript();
  migration.up(script);
  for (const step of stepsFor(script, 'sqlite')) {
    if (step.kind === 'text') db.exec(step.text);
    else {
      const { text, params } = renderSql(step.query, 'sqlite');
      db.prepare(text).run(...params);
    }
  }
}
