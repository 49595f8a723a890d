/**
 * Version 3: local accounts. A user may hold several roles (hub staff who are also LAO
 * administrators). Passwords are scrypt hashes in the `scrypt$N$r$p$salt$hash` form.
 */
import type { MigrationScript } from '../engine/migration-script';

export function updateToSchemaVersion3(m: MigrationScript): void {
  m.ddl(`
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      staff_code TEXT REFERENCES staff(code),
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX users_staff ON users(staff_code);

    CREATE TABLE user_roles (
      user_id INTEGER NOT NULL REFERENCES users(id),
      role TEXT NOT NULL CHECK (role IN ('crc-practitioner', 'nps-offender-manager', 'hub', 'admin', 'lao-admin')),
      PRIMARY KEY (user_id, role)
    ) STRICT, WITHOUT ROWID;
  `);
  // Usernames are unique whatever their case: SQLite says so on the column, PostgreSQL with an index.
  m.dialect({ sqlite: '', postgres: 'CREATE UNIQUE INDEX users_username_nocase ON users (lower(username));' });
}
