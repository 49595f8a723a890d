/**
 * `rab simulate --store PATH | --database URL --days N [--seed S] [--until WHEN] [--unavailable SHARE] [--baseline owner-only]`:
 * a history of broker activity to report on, and the mission figure with and without the hub.
 */
import { headlineFigures } from '../../../../shared/contract/report-tables';
import { MAX_SIMULATED_DAYS, simulateHistory } from '../../simulate/simulate-history';
import { UsageError } from '../cli-context';
import { formatDuration, table } from '../cli-format';
import { share, wholeNumber } from '../cli-options';
import { Option } from 'commander';
import type { MissionFigure } from '../../simulate/mission-figure';
import { progressBar } from '../progress-bar';
import { instantOption } from './audit-export';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import type { CliCommand } from './command';

interface SimulateFlags {
  store?: string;
  database?: string;
  days: number;
  seed: number;
  until?: number;
  unavailable: number;
  baseline?: 'owner-only';
}

const percent = (m: MissionFigure) => (m.share === null ? 'no immediate-safety requests' : `${(m.share * 100).toFixed(1)}% (${m.inTime} of ${m.asked})`);

export const simulateCommand: CliCommand = (program, ctx) => {
  storeOrDatabaseOption(
    program
      .command('simulate')
      .description(
        'Play N days of office activity on an imported store through the broker itself: practitioners asking, owners answering late or not at all, ' +
          'absences, the hub on shifts, refusals, revocations, emergency access. The same store and seed give the same history.',
      ),
  )
    .requiredOption('--days <n>', `days of history, ending now (1 to ${MAX_SIMULATED_DAYS})`, wholeNumber(1, MAX_SIMULATED_DAYS))
    .option('--seed <n>', 'seed for the simulation, 0 to 4294967295', wholeNumber(0, 4_294_967_295), 1)
    .option('--until <when>', 'end the history here instead of now (a date is midnight UTC)', instantOption)
    .option('--unavailable <share>', 'share of offender managers away for the whole period, e.g. 0.33 or 33%', share, 0)
    .addOption(new Option('--baseline <kind>', 'also run the same days with only owners able to give access (no hub, no emergency access), changing nothing, and compare').choices(['owner-only']))
    .addHelpText('after', '\nStaff who take part and have no account get one (username: their staff code in lower case) with a random password.\n\nExamples:\n  rab simulate --store ./broker.db --days 30 --seed 7\n  rab simulate --database postgres://broker@db.internal/broker --days 30 --seed 7')
    .action(async (flags: SimulateFlags) => {
      const now = ctx.now();
      const until = Math.floor((flags.until ?? now) / 60_000) * 60_000;
      if (until > now) throw new UsageError('--until cannot be in the future: the history ends at the latest now.');
      const target = await openStoreTarget(flags, ctx, { poolSize: 1 });
      const engine = target.engine;
      // A simulated history is written in bulk and simply run again if interrupted, so its commits
      // (one per simulated day) need not each wait for the disk; closing the store syncs what it wrote.
      target.embedded?.db.pragma('synchronous=NORMAL');
      try {
        const started = ctx.now();
        const options = { days: flags.days, seed: flags.seed, until, unavailableShare: flags.unavailable };
        let baseline: MissionFigure | null = null;
        if (flags.baseline) {
          // The baseline runs first, inside a transaction that is rolled back: the store is left as it was.
          const baselineBar = progressBar(ctx.stderr, flags.days + 1, 'days');
          try {
            await engine.write(async () => {
              baseline = (await simulateHistory(engine, { ...options, ownerOnly: true, onDay: (done) => baselineBar.update(done, 'owner-only baseline') })).mission;
              throw new BaselineDone();
            });
          } catch (e) {
            if (!(e instanceof BaselineDone)) throw e;
          } finally {
            baselineBar.stop();
          }
        }
        const bar = progressBar(ctx.stderr, flags.days + 1, 'days');
        const result = await simulateHistory(engine, { ...options, onDay: (done) => bar.update(done, 'simulating') }).finally(() => bar.stop());
        const c = result.counts;
        const refusedAtOnce = Object.entries(c.refusedAtOnceBy).map(([code, n]) => `${n} ${code}`).join(', ');
        const p = result.report.period;
        ctx.stdout.write(
          `Simulated ${flags.days} days (seed ${flags.seed}) from ${new Date(result.from).toISOString()} to ${new Date(result.until).toISOString()} in ${formatDuration(ctx.now() - started)}.\n\n` +
            `${table(['what happened', 'count'], [
              ['accounts created for staff taking part', result.accountsCreated],
              ['requests made', c.requests],
              ['requests refused on asking', `${c.refusedAtOnce}${refusedAtOnce ? ` (${refusedAtOnce})` : ''}`],
              ['approved', c.approved],
              ['refused by a decider', c.denied],
              ['withdrawn', c.withdrawn],
              ['emergency access uses', c.emergencyUses],
              ['emergency reviews', c.reviews],
              ['grants revoked', c.revoked],
              ['absences recorded', c.absences],
              ['routing sweeps', c.sweeps],
              ['actions the broker refused (decided meanwhile, no longer allowed)', c.refusedActions],
            ])}\n\n` +
            `Headline figures, ${p.from} to ${p.to} (the same as rab report and the Reports screen):\n\n` +
            `${table(['figure', 'value'], headlineFigures(result.report).map((h) => [h.label, h.value]))}\n\n` +
            `Immediate-safety requests decided or opened in an emergency within 30 minutes` +
            `${flags.unavailable > 0 ? `, with ${(flags.unavailable * 100).toFixed(0)}% of offender managers away` : ''}:\n\n` +
            `${table(['who can give access', 'within 30 minutes'], [
              ['owner, deputies, hub and emergency access (this history)', percent(result.mission)],
              ...(baseline ? [['owner only (baseline, not kept)', percent(baseline)]] : []),
            ])}\n`,
        );
      } finally {
        await target.close();
      }
    });
};

/** Thrown at the end of the owner-only baseline so its transaction rolls back, keeping nothing. */
class BaselineDone extends Error {}
