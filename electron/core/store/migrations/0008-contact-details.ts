/**
 * Version 8: how to reach people. A practitioner waiting on a request is shown who holds it and how
 * to reach them: the phone number of each member of staff, and each team's own phone and mailbox
 * (the NPS hub is reached through its team's duty line, not one person). All optional, so export
 * sets without them still import.
 */
import type { MigrationScript } from '../engine/migration-script';

export function updateToSchemaVersion8(m: MigrationScript): void {
  m.ddl(`
    ALTER TABLE staff ADD COLUMN phone TEXT;
    ALTER TABLE teams ADD COLUMN phone TEXT;
    ALTER TABLE teams ADD COLUMN email TEXT;
  `);
}
