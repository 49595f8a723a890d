/**
 * `rab restore --backup FILE --store PATH [--checkpoints FILE] [--accept-loss] [--key-file KEYFILE]`:
 * puts a backup in place as the store, after checking it and holding it to the latest signed
 * audit checkpoint. A store already there is moved aside, never deleted.
 */
import { checkpointKeyAccount, signerFromSeed } from '../../audit/checkpoint-key';
import { latestSignedCheckpoint } from '../../audit/verify-checkpoints';
import { restoreStore } from '../../backup/restore-store';
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-context';
import { type CliCommand } from './command';

interface RestoreFlags {
  backup: string;
  store: string;
  checkpoints?: string;
  publicKey?: string;
  acceptLoss?: boolean;
  keyFile?: string;
}

export const restoreCommand: CliCommand = (program, ctx) => {
  program
    .command('restore')
    .description('Restore a backup as the store: the backup is checked page by page and held to the latest signed audit checkpoint.')
    .requiredOption('--backup <file>', 'the backup made by rab backup (or the desktop\'s daily backup)')
    .requiredOption('--store <path>', 'where the store goes; a store already there is moved aside to <path>.replaced-<time>, never deleted')
    .option('--checkpoints <file>', 'the signed audit checkpoints: a backup older than the latest is refused')
    .option('--public-key <hex>', 'the checkpoint key\'s public half; by default from the keychain')
    .option('--accept-loss', 'restore a backup older than the latest checkpoint anyway, losing the events after it (audited)')
    .option('--key-file <keyfile>', 'the backup\'s key written by rab backup --export-key (on another machine)')
    .addHelpText('after', '\nExample:\n  rab restore --backup /backups/broker-2026-03-02.db --store ./broker.db --checkpoints ./broker-audit-checkpoints.jsonl')
    .action(async (flags: RestoreFlags) => {
      const keyStore = ctx.keyStore();
      let latest = null;
      if (flags.checkpoints) {
        let publicKeyHex = flags.publicKey;
        if (!publicKeyHex) {
          const seed = await keyStore.get(checkpointKeyAccount(flags.store));
          if (!seed) throw new UsageError('There is no checkpoint key for this store in the keychain: pass --public-key.');
          publicKeyHex = signerFromSeed(seed.keyHex).publicKeyHex;
        }
        latest = latestSignedCheckpoint(flags.checkpoints, publicKeyHex);
      }
      const keyHex = flags.keyFile ? readFileSync(flags.keyFile, 'utf8').trim() : undefined;
      if (keyHex !== undefined && !/^[0-9a-f]{64}$/.test(keyHex)) throw new UsageError(`${flags.keyFile} does not hold a key (64 hex characters).`);
      const r = await restoreStore({
        backup: flags.backup,
        storePath: flags.store,
        keyStore,
        ...(keyHex ? { keyHex } : {}),
        latestCheckpoint: latest,
        acceptLoss: flags.acceptLoss ?? false,
        actor: 'cli',
        now: ctx.now(),
      });
      ctx.stdout.write(
        `Restored ${flags.backup} as ${flags.store} (audit events up to ${r.auditSeq}).\n` +
          (r.movedAside ? `The store that was there is kept at ${r.movedAside}.\n` : '') +
          (r.lostEvents > 0 ? `As accepted, ${r.lostEvents} audited event(s) after the backup were given up; the restore is audited.\n` : ''),
      );
    });
};
