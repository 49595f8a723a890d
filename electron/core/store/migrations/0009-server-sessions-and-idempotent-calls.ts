/**
 * Version 9: what a broker server must remember beyond its own process, so that several servers
 * behind a load balancer act as one and a restarted server carries on.
 *
 * - `server_sessions`: a signed-in desktop's session, found by the SHA-256 of its bearer token
 *   (the token itself is never stored), with the idle and lock state every server applies.
 * - `idempotent_calls`: the first answer to a call sent with an idempotency key, found by the
 *   SHA-256 of the caller's scope and the key, so a retry that reaches any server gets that answer
 *   instead of acting again. `answer` is NULL while a call that checks a password is under way.
 * - On PostgreSQL, every transaction that writes notifications NOTIFYs `rab_notifications` as it
 *   commits, so each server's live feed hears of changes made through the others at once.
 */
import type { MigrationScript } from '../engine/migration-script';

export function updateToSchemaVersion9(m: MigrationScript): void {
  m.ddl(`
    CREATE TABLE server_sessions (
      token_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      created_at INTEGER NOT NULL,
      last_active_at INTEGER NOT NULL,
      locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
    ) STRICT;
    CREATE INDEX server_sessions_created ON server_sessions(created_at);

    CREATE TABLE idempotent_calls (
      call_hash TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      input_hash TEXT NOT NULL,
      claimed_at INTEGER NOT NULL,
      answer TEXT,
      -- A sign-in's session token, encrypted under a key derived from the idempotency key, which
      -- only the caller holds: the stored row alone cannot give the token away.
      sealed_token TEXT
    ) STRICT;
    CREATE INDEX idempotent_calls_claimed ON idempotent_calls(claimed_at);
  `);
  m.dialect({
    sqlite: '',
    postgres: `
    CREATE FUNCTION notifications_announce() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('rab_notifications', ''); RETURN NULL; END $$;
    CREATE TRIGGER notifications_announce AFTER INSERT ON notifications
      FOR EACH STATEMENT EXECUTE FUNCTION notifications_announce();
  `,
  });
}
