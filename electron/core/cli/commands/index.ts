/**
 * Every `rab` command, in the order `rab --help` lists them. Adding a command is one line here
 * plus its file in this folder (see command.ts).
 */
import type { CliCommand } from './command';
import { auditCheckpointCommand } from './audit-checkpoint';
import { auditExportCommand } from './audit-export';
import { auditVerifyCommand } from './audit-verify';
import { backupCommand } from './backup';
import { importCommand } from './import';
import { reportCommand } from './report';
import { restoreCommand } from './restore';
import { seedCommand } from './seed';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { usersAddCommand } from './users-add';
import { usersImportDemoCommand } from './users-import-demo';
import { verifyCommand } from './verify';

export const COMMANDS: readonly CliCommand[] = [
  seedCommand,
  importCommand,
  verifyCommand,
  backupCommand,
  restoreCommand,
  usersAddCommand,
  usersImportDemoCommand,
  auditVerifyCommand,
  auditExportCommand,
  auditCheckpointCommand,
  simulateCommand,
  reportCommand,
  serveCommand,
];
