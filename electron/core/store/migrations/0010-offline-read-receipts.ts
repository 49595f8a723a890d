/**
 * Version 10: the offline reads connected desktops have uploaded, one row per read in each
 * desktop's local chain, with the audit event it became. The server checks each upload against
 * the last receipt of the same chain (it must follow on from it), and a read uploaded twice (a
 * desktop that lost the answer) is recognised by its place and hash, never recorded twice.
 */
import type { MigrationScript } from '../engine/migration-script';

export function updateToSchemaVersion10(m: MigrationScript): void {
  m.ddl(`
    CREATE TABLE offline_read_receipts (
      chain_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      user_id INTEGER NOT NULL REFERENCES users(id),
      hash TEXT NOT NULL,
      audit_seq INTEGER NOT NULL,
      PRIMARY KEY (chain_id, seq)
    ) STRICT;
  `);
}
