/** `rab report --store PATH --from DATE --to DATE --out DIR`: the Reports screen's figures as CSV files and one HTML report. */
import { Option } from 'commander';
import { headlineFigures } from '../../../../shared/contract/report-tables';
import { BREAKDOWNS, BREAKDOWN_LABELS, type Breakdown } from '../../../../shared/contract/reports';
import { buildReport } from '../../reports/build-report';
import { reportPeriodFor } from '../../reports/report-period';
import { DEFAULT_LIST_LIMIT } from '../../reports/sla-performance';
import { HTML_REPORT_FILE, writeReportFiles } from '../../reports/write-report-files';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import { UsageError } from '../cli-context';
import { formatBytes, table } from '../cli-format';
import { calendarDay, wholeNumber } from '../cli-options';
import type { CliCommand } from './command';

interface ReportFlags {
  store?: string;
  database?: string;
  from: string;
  to: string;
  out: string;
  breakdown: Breakdown;
  listLimit: number;
  overwrite?: boolean;
}

export const reportCommand: CliCommand = (program, ctx) => {
  storeOrDatabaseOption(
    program
      .command('report')
      .description('Write the reports for a period as CSV (one file per table) and one self-contained HTML file with the charts. The export is audited.'),
  )
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD (days are counted in the policy time zone, Europe/London)', calendarDay)
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD (inclusive)', calendarDay)
    .requiredOption('--out <dir>', 'folder to write into (created if missing)')
    .addOption(new Option('--breakdown <by>', `break tables down by: ${BREAKDOWNS.map((b) => `${b} (${BREAKDOWN_LABELS[b].toLowerCase()})`).join(', ')}`).choices(BREAKDOWNS).default('NONE'))
    .option('--list-limit <n>', 'longest list written (breaches, expiring grants, people); totals count everything', wholeNumber(1, 1_000_000), DEFAULT_LIST_LIMIT)
    .option('--overwrite', 'replace the files of an earlier report in --out')
    .addHelpText('after', `\nThe HTML file (${HTML_REPORT_FILE}) opens in any browser, offline. The files hold access facts only: no record contents, no CRNs.\n\nExample:\n  rab report --store ./broker.db --from 2026-03-01 --to 2026-03-31 --out ./march-report --breakdown OFFENDER_MANAGER`)
    .action(async (flags: ReportFlags) => {
      if (flags.to < flags.from) throw new UsageError(`--to (${flags.to}) is before --from (${flags.from}): the period runs from one day to the same or a later day.`);
      const target = await openStoreTarget(flags, ctx, { poolSize: 2 });
      try {
        const now = ctx.now();
        const period = await reportPeriodFor(target.engine, flags.from, flags.to, now);
        const report = await buildReport(target.engine, period, { breakdown: flags.breakdown, listLimit: flags.listLimit, generatedAt: now });
        let written;
        try {
          written = await writeReportFiles(target.engine, report, flags.out, { actor: 'cli', at: now, overwrite: flags.overwrite ?? false });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${flags.out} already holds a report; choose a new folder, or pass --overwrite.`);
          throw e;
        }
        ctx.stdout.write(
          `Wrote the report for ${period.from} to ${period.to} to ${written.dir}\n\n` +
            `${table(['file', 'rows', 'size'], written.files.map((f) => [f.name, f.rows ?? '', formatBytes(f.bytes)]))}\n\n` +
            `${table(['figure', 'value'], headlineFigures(report).map((h) => [h.label, h.value]))}\n`,
        );
      } finally {
        await target.close();
      }
    });
};
