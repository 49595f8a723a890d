/** `rab verify`: checks a store or a PostgreSQL database end to end; exit 0 only when every check holds. */
import { CommandFailed } from '../cli-context';
import { formatBytes, formatDuration, table } from '../cli-format';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import { verifyDatabase } from '../verify/verify-database';
import { verifyStore, type VerifyCheck } from '../verify/verify-store';
import type { CliCommand } from './command';

export const verifyCommand: CliCommand = (program, ctx) => {
  storeOrDatabaseOption(
    program
      .command('verify')
      .description(
        'Check a store: every page against its cipher HMAC, SQLite integrity and foreign keys, the schema version and row counts. ' +
          'With --database: the schema version, every foreign key row by row, row counts and the audit chain. Read-only.',
      ),
  )
    .addHelpText('after', '\nExit status 0 only when every check holds.\n\nExamples:\n  rab verify --store ./broker.db\n  rab verify --database postgres://broker@db.internal/broker')
    .action(async (flags: { store?: string; database?: string }) => {
      const started = ctx.now();
      let heading: string;
      let what: string;
      let report: { ok: boolean; checks: VerifyCheck[]; rowCounts: { table: string; rows: number | null }[] };
      if (flags.database || !flags.store) {
        const target = await openStoreTarget(flags, ctx, { poolSize: 1 });
        try {
          report = await verifyDatabase(target.engine);
        } finally {
          await target.close();
        }
        heading = `Database ${target.label}`;
        what = 'database';
      } else {
        const store = await verifyStore(flags.store, ctx.keyStore());
        report = store;
        heading = `Store ${store.path} (${formatBytes(store.bytes)})`;
        what = 'store';
      }
      const ms = ctx.now() - started;
      const checks = report.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}\n`).join('');
      const counts = table(
        ['table', 'rows'],
        report.rowCounts.map((r) => [r.table, r.rows ?? 'unreadable']),
      );
      ctx.stdout.write(`${heading}\n\n${checks}\n${counts}\n\n${report.ok ? 'All checks hold' : `The ${what} FAILED verification`} (${formatDuration(ms)}).\n`);
      if (!report.ok) throw new CommandFailed();
    });
};
