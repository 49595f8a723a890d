/**
 * Lets an administrator import an export set from the desktop app's admin screen: the same
 * all-or-nothing import as `rab import`, audited under the administrator's name, answered in the
 * contract's ImportReport shape. Very large sets are better imported with `rab import`, which
 * shows a progress bar in a terminal and leaves the window free.
 */
import type { EmbeddedConnection as Database } from '../core/store/embedded-connection';
import type { ImportReport } from '../../shared/contract';
import type { Clock } from '../core/clock/clock';
import { importExportSet } from '../core/import/import-export-set';
import type { Importer } from '../core/rpc/call';

export const desktopImporter =
  (db: Database, clock: Clock): Importer =>
  async (directory, by, onProgress): Promise<ImportReport> => {
    const outcome = await importExportSet(db, directory, {
      actor: by.username,
      now: () => clock.now(),
      onProgress: (p) => onProgress({ file: p.file, rowsDone: p.rowsDone, rowsTotal: p.rowsTotal }),
    });
    if (!outcome.ok) {
      return {
        ok: false,
        counts: {},
        errors: outcome.problems.map((p) => ({ file: p.file, row: p.row ?? null, field: p.column ?? null, message: p.problem })),
      };
    }
    return { ok: true, counts: Object.fromEntries(outcome.files.map((f) => [f.file, f.rows])), errors: [] };
  };
