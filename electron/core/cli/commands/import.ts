/**
 * `rab import`: loads an export set into the store, all or nothing. A store this command creates
 * and then cannot fill is removed again (with its key), so a failed import leaves no trace. With
 * --database it imports into PostgreSQL (creating the schema in an empty database) in one
 * transaction, written in batches through the engine.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { importExportSet, type ImportOutcome, type ImportProgress } from '../../import/import-export-set';
import { describeProblem } from '../../import/import-problems';
import type { KeyStore } from '../../store/key-store';
import { keychainAccount, openStore } from '../../store/open-store';
import { CommandFailed } from '../cli-context';
import { formatBytes, formatDuration, rowsPerSecond, table } from '../cli-format';
import { progressBar, type Progress } from '../progress-bar';
import { importExportSetInto } from '../../import/import-into-database';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import type { CliCommand } from './command';

export const importCommand: CliCommand = (program, ctx) => {
  storeOrDatabaseOption(
    program
      .command('import')
      .description('Import an export set into the store (created if it does not exist): every row is checked, and nothing is imported unless all are valid.')
      .argument('<dir>', 'the folder holding the export set (manifest.json and one CSV per entity)'),
  )
    .addHelpText(
      'after',
      '\nImporting the same set again changes nothing; a newer snapshot updates rows by their keys and removes\n' +
        'child rows (registrations, allocations, …) its people and staff no longer have. See docs/import-format.md.\n\n' +
        'Examples:\n  rab import ./office-set --store ./broker.db\n  rab import ./office-set --database postgres://broker@db.internal/broker',
    )
    .action(async (dir: string, flags: { store?: string; database?: string }) => {
      if (flags.database || !flags.store) {
        await importIntoDatabase(dir, flags);
        return;
      }
      const path = resolve(flags.store);
      if (!existsSync(dirname(path))) {
        throw new AppError('STORE_NOT_FOUND', `The folder for the store, ${dirname(path)}, does not exist. Create it first.`);
      }
      const keyStore = ctx.keyStore();
      const created = !existsSync(path);
      const store = await openStore({ path, keyStore, create: true });
      const started = ctx.now();
      const progress = importProgress();
      let outcome: ImportOutcome | undefined;
      try {
        outcome = await importExportSet(store.db, dir, { actor: 'cli', now: ctx.now, onProgress: progress.onProgress });
      } finally {
        progress.stop();
        store.close();
        if (created && !outcome?.ok) await removeStore(path, keyStore);
      }
      report(dir, outcome, ctx.now() - started, path, () => `the store is ${formatBytes(statSync(path).size)}`);
    });

  /** Into PostgreSQL (or, given neither flag, the usage error saying which to give). */
  async function importIntoDatabase(dir: string, flags: { store?: string; database?: string }): Promise<void> {
    const target = await openStoreTarget(flags, ctx, { migrate: true, poolSize: 1 });
    const started = ctx.now();
    const progress = importProgress();
    let outcome: ImportOutcome;
    try {
      outcome = await importExportSetInto(target.engine, dir, { actor: 'cli', now: ctx.now, onProgress: progress.onProgress });
    } finally {
      progress.stop();
      await target.close();
    }
    report(dir, outcome, ctx.now() - started, target.label, () => 'written in one transaction');
  }

  /** A progress bar on standard error, made at the first report: the total is known once the manifest is read. */
  function importProgress(): { onProgress: (p: ImportProgress) => void; stop: () => void } {
    let bar: Progress | null = null;
    return {
      onProgress: (p) => {
        bar ??= progressBar(ctx.stderr, p.rowsTotal, 'rows');
        bar.update(p.rowsDone, p.file);
      },
      stop: () => bar?.stop(),
    };
  }

  /** The summary table, or every problem and that nothing was imported. `after` is read only on success. */
  function report(dir: string, outcome: ImportOutcome, ms: number, into: string, after: () => string): void {
    if (!outcome.ok) {
      const listed = outcome.problems.map((p) => `  ${describeProblem(p)}\n`).join('');
      const more = outcome.problemCount - outcome.problems.length;
      ctx.stderr.write(
        `The export set in ${resolve(dir)} has problems:\n${listed}` +
          (more > 0 ? `  … and ${more.toLocaleString('en-GB')} more.\n` : '') +
          `${outcome.problemCount.toLocaleString('en-GB')} problem(s) in total. Nothing was imported.\n`,
      );
      throw new CommandFailed();
    }
    const rows = outcome.files.map((f) => [f.file, f.rows, f.inserted, f.updated, f.unchanged, f.removed] as const);
    ctx.stdout.write(
      `Imported ${resolve(dir)} into ${into}\n\n` +
        `${table(['file', 'rows', 'inserted', 'updated', 'unchanged', 'removed'], rows)}\n\n` +
        `${outcome.rows.toLocaleString('en-GB')} rows in ${formatDuration(ms)} (${rowsPerSecond(outcome.rows, ms)}); ${after()}.\n`,
    );
  }
};

async function removeStore(path: string, keyStore: KeyStore): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  await keyStore.delete(keychainAccount(path));
}
