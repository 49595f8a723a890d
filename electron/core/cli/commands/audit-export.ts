/** `rab audit export --store PATH --out FILE.csv [--from WHEN] [--to WHEN]`: the audit log as CSV. */
import { InvalidArgumentError } from 'commander';
import { appendAuditEvent } from '../../audit/audit-log';
import { writeAuditCsv } from '../../audit/export-csv';
import { openStore } from '../../store/open-store';
import { UsageError } from '../cli-context';
import { commandGroup, storeOption, type CliCommand } from './command';

/** A date (YYYY-MM-DD, midnight UTC) or a full ISO instant with its offset. */
export function instantOption(value: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const full = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (!(dateOnly || full) || Number.isNaN(ms) || (dateOnly && new Date(ms).toISOString().slice(0, 10) !== value)) {
    throw new InvalidArgumentError('It must be a date (2026-03-01) or an instant with its offset (2026-03-01T09:00:00Z).');
  }
  return ms;
}

export const auditExportCommand: CliCommand = (program, ctx) => {
  storeOption(
    commandGroup(program, 'audit', 'The append-only, hash-chained audit log: verify it, export it.')
      .command('export')
      .description('Write audit events as CSV (with their hashes) to a new file readable only by you. The export itself is audited.'),
  )
    .requiredOption('--out <file>', 'the CSV file to create (never overwritten)')
    .option('--from <when>', 'first instant to include (a date is midnight UTC)', instantOption)
    .option('--to <when>', 'instant to stop before (a date is midnight UTC)', instantOption)
    .addHelpText('after', '\nExample:\n  rab audit export --store ./broker.db --out audit-march.csv --from 2026-03-01 --to 2026-04-01')
    .action(async (flags: { store: string; out: string; from?: number; to?: number }) => {
      if (flags.from !== undefined && flags.to !== undefined && flags.to <= flags.from) throw new UsageError('--to must be after --from.');
      const store = await openStore({ path: flags.store, keyStore: ctx.keyStore() });
      try {
        let rows: number;
        try {
          rows = (await writeAuditCsv(store.engine, flags.out, { from: flags.from, to: flags.to })).rows;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${flags.out} already exists; choose a new file name.`);
          throw e;
        }
        await appendAuditEvent(store.engine, { at: ctx.now(), actor: 'cli', action: 'audit.export', details: { from: flags.from ?? null, to: flags.to ?? null, rows } });
        ctx.stdout.write(`Wrote ${rows} audit events to ${flags.out}.\n`);
      } finally {
        store.close();
      }
    });
};
