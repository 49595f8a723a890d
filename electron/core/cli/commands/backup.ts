/**
 * `rab backup --store PATH --out FILE [--export-key KEYFILE]`: a consistent copy of the store taken
 * while it may be in use, still encrypted. Its key stays in this machine's keychain; writing it to
 * a file for another machine happens only with --export-key, and is audited.
 */
import { appendAuditEvent } from '../../audit/audit-log';
import { backupStore, exportBackupKey } from '../../backup/store-backup';
import { openStore } from '../../store/open-store';
import { UsageError } from '../cli-context';
import { formatBytes } from '../cli-format';
import { storeOption, type CliCommand } from './command';

export const backupCommand: CliCommand = (program, ctx) => {
  storeOption(program.command('backup').description('Copy the store, consistently and still encrypted, to a new file; safe while the app is running.'))
    .requiredOption('--out <file>', 'the backup file to create (never overwritten)')
    .option('--export-key <keyfile>', 'also write the backup\'s key to this new file (readable only by you) for a restore on another machine; audited')
    .addHelpText(
      'after',
      '\nA restore on this machine needs no key file: the key is kept in the keychain, found by the backup itself.\n\n' +
        'Examples:\n  rab backup --store ./broker.db --out /backups/broker-2026-03-02.db\n' +
        '  rab backup --store ./broker.db --out /backups/broker.db --export-key /secure/broker-backup.key',
    )
    .action(async (flags: { store: string; out: string; exportKey?: string }) => {
      const keyStore = ctx.keyStore();
      const store = await openStore({ path: flags.store, keyStore });
      try {
        let result;
        try {
          result = await backupStore(store.db, store.path, flags.out, keyStore);
        } catch (e) {
          if (e instanceof Error && /already exists|does not exist/.test(e.message)) throw new UsageError(e.message);
          throw e;
        }
        await appendAuditEvent(store.engine, { at: ctx.now(), actor: 'cli', action: 'backup.create', details: { file: result.path, auditSeq: result.auditSeq, bytes: result.bytes } });
        ctx.stdout.write(`Backed up ${store.path} to ${result.path} (${formatBytes(result.bytes)}, audit events up to ${result.auditSeq}), encrypted with the store's key.\n`);
        if (flags.exportKey) {
          try {
            await exportBackupKey(result.path, flags.exportKey, keyStore);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${flags.exportKey} already exists; choose a new file name for the key.`);
            throw e;
          }
          await appendAuditEvent(store.engine, { at: ctx.now(), actor: 'cli', action: 'backup.keyExport', details: { file: result.path, keyFile: flags.exportKey } });
          ctx.stdout.write(`Wrote the backup's key to ${flags.exportKey} (readable only by you). Keep it apart from the backup; this export is audited.\n`);
        }
      } finally {
        store.close();
      }
    });
};
