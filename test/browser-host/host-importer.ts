/**
 * Imports an export set for the admin screen. The import holds its connection's transaction while
 * it reads files, so it runs on a second connection to the same store: the core's own connection
 * keeps answering other windows meanwhile (reads see the store as it was until the import commits).
 */
import type { ImportReport } from '../../shared/contract';
import type { Clock } from '../../electron/core/clock/clock';
import { importExportSet } from '../../electron/core/import/import-export-set';
import type { Importer } from '../../electron/core/rpc/call';
import type { KeyStore } from '../../electron/core/store/key-store';
import { openStore } from '../../electron/core/store/open-store';

export function hostImporter(storePath: string, keyStore: KeyStore, clock: Clock): Importer {
  return async (directory, by, onProgress): Promise<ImportReport> => {
    const store = await openStore({ path: storePath, keyStore });
    try {
      const outcome = await importExportSet(store.db, directory, { actor: by.username, now: () => clock.now(), onProgress });
      if (outcome.ok) return { ok: true, counts: Object.fromEntries(outcome.files.map((f) => [f.file, f.rows])), errors: [] };
      const errors = outcome.problems.map((p) => ({ file: p.file, row: p.row ?? null, field: p.column ?? null, message: p.problem }));
      const unlisted = outcome.problemCount - outcome.problems.length;
      if (unlisted > 0) errors.push({ file: '', row: null, field: null, message: `… and ${unlisted.toLocaleString('en-GB')} more problems of the same kinds.` });
      return { ok: false, counts: {}, errors };
    } finally {
      store.close();
    }
  };
}
