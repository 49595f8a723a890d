/**
 * The keys an import's snapshot holds, per file, with the row each was first seen on: it says
 * which child rows a newer snapshot no longer contains (duplicates are refused before, as rows are
 * checked: check-file-rows.ts). Shared by the
 * embedded store's writer and the engine's batched writer.
 */
import { EXPORT_FILES, type ExportFile } from './export-format';

export class SnapshotKeys {
  private readonly seen = new Map<string, Map<string, number>>(EXPORT_FILES.map((f) => [f.name, new Map()]));

  /** Records the key as part of the snapshot; returns the row that already had it, if any. */
  claim(file: ExportFile, key: string, row: number): number | null {
    const keys = this.seen.get(file.name)!;
    const first = keys.get(key);
    if (first !== undefined) return first;
    keys.set(key, row);
    return null;
  }

  of(file: ExportFile): ReadonlyMap<string, number> {
    return this.seen.get(file.name)!;
  }
}
