/**
 * manifest.json: which format and version a set is, what made it, and how many data rows each
 * file holds. The importer checks the counts, which is how a file that lost whole lines at the end
 * is told apart from a complete one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EXPORT_FILES, EXPORT_FORMAT_VERSION, MANIFEST_FILE } from './export-format';
import type { ProblemList } from './import-problems';

export const MANIFEST_FORMAT = 'rab-export';

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT, { error: `must be "${MANIFEST_FORMAT}"` }),
  formatVersion: z.number({ error: 'must be a number' }).int(),
  scale: z.string().optional(),
  seed: z.number().int().optional(),
  asOf: z.string().optional(),
  files: z.record(
    z.string(),
    z.object({ rows: z.number({ error: 'must be a whole number' }).int().nonnegative() }, { error: 'must be an object like {"rows": 12}' }),
    { error: 'must list every file with its row count' },
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Reads and checks the manifest; returns null (with problems added) when it cannot be used. */
export function readManifest(dir: string, problems: ProblemList): Manifest | null {
  const path = join(dir, MANIFEST_FILE);
  const file = MANIFEST_FILE;
  if (!existsSync(path)) {
    problems.add({ file, problem: 'is missing: every export set has a manifest.json listing its files and row counts' });
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.add({ file, problem: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
    return null;
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.add({ file, column: issue.path.join('.') || undefined, problem: issue.message });
    }
    return null;
  }
  const m = parsed.data;
  if (m.formatVersion !== EXPORT_FORMAT_VERSION) {
    problems.add({
      file,
      column: 'formatVersion',
      problem: `is ${m.formatVersion}, but this version of rab reads format version ${EXPORT_FORMAT_VERSION}`,
    });
    return null;
  }
  const known = new Set(EXPORT_FILES.map((f) => f.name));
  for (const f of EXPORT_FILES) {
    if (!m.files[f.name]) problems.add({ file, column: 'files', problem: `does not list ${f.name}` });
  }
  for (const name of Object.keys(m.files)) {
    if (!known.has(name)) problems.add({ file, column: 'files', problem: `lists ${name}, which is not part of the export format` });
  }
  return m;
}
