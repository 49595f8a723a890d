/**
 * `rab audit checkpoint --store PATH (--out FILE | --folder DIR | --url URL)`: signs the audit
 * chain's head and appends it outside the store. A desktop does this itself hourly and on every
 * shutdown; a server runs this from its scheduler at least hourly, with its configured key.
 */
import { appendAuditEvent } from '../../audit/audit-log';
import { fileSigner, keychainSigner } from '../../audit/checkpoint-key';
import { fileSink, folderSink, httpSink, writeCheckpoint, type CheckpointSink } from '../../audit/checkpoints';
import { openStore } from '../../store/open-store';
import { UsageError } from '../cli-context';
import { commandGroup, storeOption, type CliCommand } from './command';

interface CheckpointFlags {
  store: string;
  out?: string;
  folder?: string;
  url?: string;
  keyFile?: string;
}

export const auditCheckpointCommand: CliCommand = (program, ctx) => {
  storeOption(
    commandGroup(program, 'audit', 'The append-only, hash-chained audit log: verify it, export it.')
      .command('checkpoint')
      .description('Sign the audit chain\'s head (sequence, hash, time) with the checkpoint key and append it outside the store.'),
  )
    .option('--out <file>', 'append to this checkpoint file (created readable only by you)')
    .option('--folder <dir>', 'append to <store name>.checkpoints.jsonl in this folder')
    .option('--url <url>', 'POST the checkpoint as JSON to this https endpoint')
    .option('--key-file <file>', 'the signing key (64 hex characters) on a server; by default the key in the system keychain, made on first use')
    .addHelpText('after', '\nExample:\n  rab audit checkpoint --store ./broker.db --out ./broker-audit-checkpoints.jsonl')
    .action(async (flags: CheckpointFlags) => {
      const sinks: CheckpointSink[] = [];
      if (flags.out) sinks.push(fileSink(flags.out));
      if (flags.folder) sinks.push(folderSink(flags.folder, flags.store));
      if (flags.url) {
        if (!/^https:\/\//.test(flags.url) && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(flags.url)) throw new UsageError('--url must be an https:// address.');
        sinks.push(httpSink(flags.url));
      }
      if (sinks.length === 0) throw new UsageError('Say where the checkpoint goes: --out FILE, --folder DIR or --url URL.');
      const keyStore = ctx.keyStore();
      const signer = flags.keyFile ? fileSigner(flags.keyFile) : (await keychainSigner(keyStore, flags.store, { create: true }))!;
      const store = await openStore({ path: flags.store, keyStore });
      try {
        const checkpoint = await writeCheckpoint(store.db, signer, sinks, ctx.now());
        if (!checkpoint) {
          ctx.stdout.write('The audit log is empty: there is nothing to checkpoint yet.\n');
          return;
        }
        await appendAuditEvent(store.engine, { at: ctx.now(), actor: 'cli', action: 'audit.checkpoint', details: { seq: checkpoint.seq, keyId: checkpoint.keyId, to: sinks.map((s) => s.describe) } });
        ctx.stdout.write(`Checkpoint of event ${checkpoint.seq} signed with key ${checkpoint.keyId} and written to ${sinks.map((s) => s.describe).join(', ')}.\n`);
      } finally {
        store.close();
      }
    });
};
