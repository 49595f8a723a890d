/**
 * Version 11: on PostgreSQL, a broker server session's row deleted (a sign-out, an account made
 * inactive, a session ended by its limits) NOTIFYs `rab_sessions` with the row's token hash as the
 * transaction commits, so every server closes that session's push connections at once instead of
 * at their next keep-alive. The payload is the hash the database already holds, never the token.
 * The embedded store has one server and nothing to announce.
 */
import type { MigrationScript } from '../engine/migration-script';

export function updateToSchemaVersion11(m: MigrationScript): void {
  m.dialect({
    sqlite: '',
    postgres: `
    CREATE FUNCTION server_sessions_announce_end() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('rab_sessions', OLD.token_hash); RETURN NULL; END $$;
    CREATE TRIGGER server_sessions_announce_end AFTER DELETE ON server_sessions
      FOR EACH ROW EXECUTE FUNCTION server_sessions_announce_end();
  `,
  });
}
