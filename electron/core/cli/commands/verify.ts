/** `rab verify`: checks a store end to end; exit 0 only when every check holds. */
import { CommandFailed } from '../cli-context';
import { formatBytes, formatDuration, table } from '../cli-format';
import { verifyStore } from '../verify/verify-store';
import { storeOption, type CliCommand } from './command';

export const verifyCommand: CliCommand = (program, ctx) => {
  storeOption(
    program
      .command('verify')
      .description('Check a store: every page against its cipher HMAC, SQLite integrity and foreign keys, the schema version and row counts. Read-only.'),
  )
    .addHelpText('after', '\nExit status 0 only when every check holds.\n\nExample:\n  rab verify --store ./broker.db')
    .action(async (flags: { store: string }) => {
      const started = ctx.now();
      const report = await verifyStore(flags.store, ctx.keyStore());
      const ms = ctx.now() - started;
      const checks = report.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}\n`).join('');
      const counts = table(
        ['table', 'rows'],
        report.rowCounts.map((r) => [r.table, r.rows ?? 'unreadable']),
      );
      ctx.stdout.write(
        `Store ${report.path} (${formatBytes(report.bytes)})\n\n${checks}\n${counts}\n\n` +
          `${report.ok ? 'All checks hold' : 'The store FAILED verification'} (${formatDuration(ms)}).\n`,
      );
      if (!report.ok) throw new CommandFailed();
    });
};
