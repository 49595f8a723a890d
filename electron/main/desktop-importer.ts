/**
 * Lets an administrator import an export set from the desktop app's admin screen: the same
 * all-or-nothing import as `rab import`, audited under the administrator's name, answered in the
 * contract's ImportReport shape. Very large sets are better imported with `rab import`, which
 * shows a progress bar in a terminal and leaves the window free.
 *
 * The import holds a transaction while it reads files, so it runs on a second connection to the
 * same store: on the app's own connection, every call made meanwhile (a sweep, a sign-in, the
 * progress poll) would run inside the import's transaction and vanish with it if it failed.
 */
import type { ImportReport } from '../../shared/contract';
import type { Clock } from '../core/clock/clock';
import { importExportSet } from '../core/import/import-export-set';
import type { Importer } from '../core/rpc/call';
import type { KeyStore } from '../core/store/key-store';
import { openStore } from '../core/store/open-store';

export const desktopImporter =
  (storePath: string, keyStore: KeyStore, clock: Clock): Importer =>
  async (directory, by, onProgress): Promise<ImportReport> => {
    const store = await openStore({ path: storePath, keyStore });
    try {
      const outcome = await importExportSet(store.db, directory, {
        actor: by.username,
        now: () => clock.now(),
        onProgress: (p) => onProgress({ file: p.file, rowsDone: p.rowsDone, rowsTotal: p.rowsTotal }),
      });
      if (outcome.ok) return { ok: true, counts: Object.fromEntries(outcome.files.map((f) => [f.file, f.rows])), errors: [] };
      const errors = outcome.problems.map((p) => ({ file: p.file, row: p.row ?? null, field: p.column ?? null, message: p.problem }));
      const unlisted = outcome.problemCount - outcome.problems.length;
      if (unlisted > 0) errors.push({ file: '', row: null, field: null, message: `… and ${unlisted.toLocaleString('en-GB')} more problems of the same kinds.` });
      return { ok: false, counts: {}, errors };
    } finally {
      store.close();
    }
  };
