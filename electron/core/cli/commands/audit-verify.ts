/**
 * `rab audit verify --store PATH [--checkpoints FILE]`: walks the audit hash chain and names the
 * first broken event; with signed checkpoints, also proves every checkpointed event is still there
 * unchanged (catching truncation, deletion and a recomputed chain). On an embedded store a long
 * chain is checked in worker threads (audit/verify-chain-in-workers.ts); PostgreSQL's is walked
 * through the seam in one thread.
 */
import { checkpointKeyAccount, signerFromSeed } from '../../audit/checkpoint-key';
import { verifyAgainstCheckpoints } from '../../audit/verify-checkpoints';
import { verifyAuditChain, type AuditChainResult } from '../../audit/verify-chain';
import { verifyStoreAuditChainInWorkers } from '../../audit/verify-chain-in-workers';
import { keychainAccount, openStore } from '../../store/open-store';
import { wholeNumber } from '../cli-options';
import { CommandFailed, UsageError } from '../cli-context';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import { commandGroup, type CliCommand } from './command';

export const auditVerifyCommand: CliCommand = (program, ctx) => {
  const reportChain = (result: AuditChainResult): void => {
    if (result.ok) {
      ctx.stdout.write(`Audit chain verified: ${result.checked} events, every hash follows from the one before.\n`);
      return;
    }
    ctx.stdout.write(`Audit chain BROKEN at event ${result.firstBadSeq}: ${result.problem}.\n${result.checked} events before it verified.\n`);
    throw new CommandFailed();
  };
  storeOrDatabaseOption(
    commandGroup(program, 'audit', 'The append-only, hash-chained audit log: verify it, export it.')
      .command('verify')
      .description('Recompute every audit event\'s SHA-256 hash from the first event on; name the first event that does not follow. Read-only.'),
  )
    .option('--checkpoints <file>', 'also check the chain against this file of signed checkpoints')
    .option('--public-key <hex>', 'the checkpoint key\'s public half (64 hex characters); by default taken from the key in the system keychain')
    .option('--workers <n>', 'worker threads checking ranges of the chain at once (embedded store); by default one per core once the chain is long, 1 for a single walk', wholeNumber(1, 64))
    .addHelpText(
      'after',
      '\nExit status 0 when the whole chain holds (and every checkpoint with it), 1 when an event is broken or missing.\n\n' +
        'Examples:\n  rab audit verify --store ./broker.db\n  rab audit verify --database postgres://broker@db.internal/broker\n  rab audit verify --store ./broker.db --checkpoints ./broker-audit-checkpoints.jsonl',
    )
    .action(async (flags: { store?: string; database?: string; checkpoints?: string; publicKey?: string; workers?: number }) => {
      if (flags.database) {
        if (flags.checkpoints) throw new UsageError('Signed checkpoints belong to the embedded store: --checkpoints goes with --store.');
        if (flags.workers !== undefined) throw new UsageError('--workers goes with --store: a PostgreSQL chain is walked in one thread through the database connection.');
        const target = await openStoreTarget(flags, ctx, { poolSize: 1 });
        try {
          reportChain(await verifyAuditChain(target.engine));
        } finally {
          await target.close();
        }
        return;
      }
      if (!flags.store) throw new UsageError('Give exactly one of --store PATH (the embedded store) or --database postgres://… (PostgreSQL).');
      const storePath = flags.store;
      const keyStore = ctx.keyStore();
      let publicKeyHex = flags.publicKey;
      if (flags.checkpoints && !publicKeyHex) {
        const seed = await keyStore.get(checkpointKeyAccount(storePath));
        if (!seed) throw new UsageError('There is no checkpoint key for this store in the keychain: pass --public-key with the key the checkpoints were signed with.');
        publicKeyHex = signerFromSeed(seed.keyHex).publicKeyHex;
      }
      const store = await openStore({ path: storePath, keyStore, readonly: true });
      try {
        // openStore has just proven this key; the threads get it in memory and open their own connections.
        const keyHex = (await keyStore.get(keychainAccount(store.path)))!.keyHex;
        const workers = flags.workers === undefined ? {} : { workers: flags.workers, always: flags.workers > 1 };
        const chain = await verifyStoreAuditChainInWorkers(store.db, store.path, keyHex, workers);
        if (!flags.checkpoints) {
          reportChain(chain);
          return;
        }
        const r = verifyAgainstCheckpoints(store.db, flags.checkpoints, publicKeyHex!, chain);
        if (r.ok) {
          const latest = r.latest ? ` (the latest vouches for event ${r.latest.seq}, signed at ${new Date(r.latest.at).toISOString()})` : '';
          ctx.stdout.write(
            `Audit chain verified: ${r.chain.checked} events, every hash follows from the one before.\n` +
              `${r.checkpoints} signed checkpoint(s) hold: every checkpointed event is still in the chain, unchanged${latest}.\n`,
          );
          return;
        }
        const first = r.problems[0]!;
        ctx.stdout.write(
          `Audit chain BROKEN${first.firstBadSeq !== null ? ` at event ${first.firstBadSeq}` : ''}: ${first.problem}.\n` +
            r.problems.slice(1).map((p) => `  also: ${p.problem}.\n`).join(''),
        );
        throw new CommandFailed();
      } finally {
        store.close();
      }
    });
};
