/** Every schema version, in order. Append only: a shipped migration never changes. */
import type { MigrationScript } from '../engine/migration-script';
import { updateToSchemaVersion1 } from './0001-records';
import { updateToSchemaVersion2 } from './0002-register-types-seed';
import { updateToSchemaVersion3 } from './0003-users';
import { updateToSchemaVersion4 } from './0004-broker';
import { updateToSchemaVersion5 } from './0005-request-list-indexes';
import { updateToSchemaVersion6 } from './0006-safety-rules';
import { updateToSchemaVersion7 } from './0007-emergency-request-index';
import { updateToSchemaVersion8 } from './0008-contact-details';
import { updateToSchemaVersion9 } from './0009-server-sessions-and-idempotent-calls';
import { updateToSchemaVersion10 } from './0010-offline-read-receipts';
import { updateToSchemaVersion11 } from './0011-session-ends-announced';

export interface Migration {
  version: number;
  name: string;
  /** Records the version's steps; the runner of each engine carries them out (see migrate.ts). */
  up: (m: MigrationScript) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'records', up: updateToSchemaVersion1 },
  { version: 2, name: 'register-types-seed', up: updateToSchemaVersion2 },
  { version: 3, name: 'users', up: updateToSchemaVersion3 },
  { version: 4, name: 'broker', up: updateToSchemaVersion4 },
  { version: 5, name: 'request-list-indexes', up: updateToSchemaVersion5 },
  { version: 6, name: 'safety-rules', up: updateToSchemaVersion6 },
  { version: 7, name: 'emergency-request-index', up: updateToSchemaVersion7 },
  { version: 8, name: 'contact-details', up: updateToSchemaVersion8 },
  { version: 9, name: 'server-sessions-and-idempotent-calls', up: updateToSchemaVersion9 },
  { version: 10, name: 'offline-read-receipts', up: updateToSchemaVersion10 },
  { version: 11, name: 'session-ends-announced', up: updateToSchemaVersion11 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
