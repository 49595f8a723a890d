/**
 * Imports an export set through the engine (PostgreSQL, or the embedded store's engine), all or
 * nothing, with the same checks, problems and summary as the embedded bulk import
 * (import-export-set.ts): the outline is checked before anything is written, then every row is
 * validated, its key and references checked, and written in batches inside ONE transaction. Any
 * problem rolls the whole import back.
 *
 * On PostgreSQL the transaction is SERIALIZABLE and may be run again after a serialisation
 * failure, so everything it keeps (problems, counts, keys) is made afresh inside it. Imports take a
 * named lock, so two at once follow one another.
 */
import { appendAuditEvent } from '../audit/audit-log';
import type { Engine } from '../store/engine/engine';
import { checkSetOutline, importAuditEvent, importFiles, summarise, type ImportOptions, type ImportOutcome } from './import-export-set';
import { ImportKeySets } from './import-key-sets';
import { ProblemList } from './import-problems';
import { BatchedWriter } from './batched-writer';
import { ReferenceChecks } from './reference-checks';

const IMPORT_LOCK = 'records-import';

/** Carries a refused set's problems out of the transaction, rolling it back. */
class SetRefused extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('The export set has problems.');
  }
}

export async function importExportSetInto(engine: Engine, dir: string, opts: ImportOptions = {}): Promise<ImportOutcome> {
  const outline = new ProblemList(opts.maxListedProblems);
  const set = await checkSetOutline(dir, outline);
  if (!set) return { ok: false, problems: outline.listed, problemCount: outline.total };
  try {
    return await engine.write(
      async (tx) => {
        const problems = new ProblemList(opts.maxListedProblems);
        const keys = await ImportKeySets.load(tx);
        const writer = await BatchedWriter.start(tx, (file, row) => keys.written(file, row));
        const refs = new ReferenceChecks(keys);
        const rowCounts = await importFiles(set, { writer, refs, problems, progress: { done: 0, total: set.rowsTotal, report: opts.onProgress } }, opts);
        if (!problems.empty) throw new SetRefused({ ok: false, problems: problems.listed, problemCount: problems.total });
        await writer.flush();
        const files = await summarise(writer, rowCounts);
        await appendAuditEvent(engine, importAuditEvent(set, files, opts));
        return { ok: true as const, files, rows: files.reduce((n, f) => n + f.rows, 0), manifest: set.manifest };
      },
      { serialise: [IMPORT_LOCK] },
    );
  } catch (e) {
    if (e instanceof SetRefused) return e.outcome;
    throw e;
  }
}
