/** `rab seed`: writes a synthetic nDelius/OASys-style export set. */
import { Option } from 'commander';
import { EXPORT_FILES } from '../../import/export-format';
import { SCALE_NAMES, SCALES, type ScaleName } from '../../seed/scales';
import { todayUtc } from '../../seed/seed-dates';
import { seedExportSet } from '../../seed/write-export-set';
import { calendarDay, wholeNumber } from '../cli-options';
import { formatBytes, formatDuration, rowsPerSecond, table } from '../cli-format';
import { progressBar } from '../progress-bar';
import type { CliCommand } from './command';

interface SeedFlags {
  scale: ScaleName;
  out: string;
  seed: number;
  asOf?: string;
  demoUsers?: boolean;
  overwrite?: boolean;
}

export const seedCommand: CliCommand = (program, ctx) => {
  program
    .command('seed')
    .description('Write a synthetic export set (one CSV per entity and a manifest), the same for the same seed and as-of day.')
    .addOption(new Option('--scale <scale>', 'how much data: small (tests), office (one London office), national (~240,000 people)').choices(SCALE_NAMES).makeOptionMandatory())
    .requiredOption('--out <dir>', 'folder to write the files to (created if missing; must be empty)')
    .option('--seed <n>', 'seed for the generator, 0 to 4294967295', wholeNumber(0, 4_294_967_295), 1)
    .option('--as-of <date>', 'the day "now" means in the data, YYYY-MM-DD (default: today, UTC)', calendarDay)
    .option('--demo-users', `also write demo-users.csv: one account per role for the demonstration (see rab users import-demo)`)
    .option('--overwrite', 'replace the files of an earlier export set in --out')
    .addHelpText(
      'after',
      `\nFiles written: ${EXPORT_FILES.map((f) => f.name).join(', ')}, manifest.json.\n` +
        'Format: docs/import-format.md.\n\nExample:\n  rab seed --scale office --out ./office-set --seed 42 --demo-users',
    )
    .action(async (flags: SeedFlags) => {
      const started = ctx.now();
      const spec = SCALES[flags.scale];
      const bar = progressBar(ctx.stderr, spec.people, 'people');
      const result = await seedExportSet({
        scale: flags.scale,
        seed: flags.seed,
        outDir: flags.out,
        asOf: flags.asOf ?? todayUtc(ctx.now()),
        demoUsers: flags.demoUsers ?? false,
        overwrite: flags.overwrite ?? false,
        onProgress: (p) => bar.update(p.peopleDone, 'generating people'),
      }).finally(() => bar.stop());
      const ms = ctx.now() - started;
      const rows = Object.values(result.manifest.files).reduce((n, f) => n + f.rows, 0);
      ctx.stdout.write(
        `Wrote the ${flags.scale} export set (seed ${flags.seed}, as of ${result.manifest.asOf}) to ${result.dir}\n\n` +
          `${table(['file', 'rows'], Object.entries(result.manifest.files).map(([f, { rows: n }]) => [f, n]))}\n\n` +
          `${rows.toLocaleString('en-GB')} rows, ${formatBytes(result.bytes)} in ${formatDuration(ms)} (${rowsPerSecond(rows, ms)}).\n` +
          (flags.demoUsers ? 'Demonstration accounts are listed in demo-users.csv.\n' : ''),
      );
    });
};
