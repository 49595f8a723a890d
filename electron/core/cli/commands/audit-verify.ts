/** `rab audit verify --store PATH`: walks the audit hash chain and names the first broken event. */
import { verifyAuditChain } from '../../audit/verify-chain';
import { openStore } from '../../store/open-store';
import { CommandFailed } from '../cli-context';
import { commandGroup, storeOption, type CliCommand } from './command';

export const auditVerifyCommand: CliCommand = (program, ctx) => {
  storeOption(
    commandGroup(program, 'audit', 'The append-only, hash-chained audit log: verify it, export it.')
      .command('verify')
      .description('Recompute every audit event\'s SHA-256 hash from the first event on; name the first event that does not follow. Read-only.'),
  )
    .addHelpText('after', '\nExit status 0 when the whole chain holds, 1 when an event is broken or missing.\n\nExample:\n  rab audit verify --store ./broker.db')
    .action(async (flags: { store: string }) => {
      const store = await openStore({ path: flags.store, keyStore: ctx.keyStore(), readonly: true });
      try {
        const result = verifyAuditChain(store.db);
        if (result.ok) {
          ctx.stdout.write(`Audit chain verified: ${result.checked} events, every hash follows from the one before.\n`);
          return;
        }
        ctx.stdout.write(`Audit chain BROKEN at event ${result.firstBadSeq}: ${result.problem}.\n${result.checked} events before it verified.\n`);
        throw new CommandFailed();
      } finally {
        store.close();
      }
    });
};
