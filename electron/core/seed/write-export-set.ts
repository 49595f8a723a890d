/**
 * `rab seed`: writes a synthetic export set (docs/import-format.md) for a scale and seed. Staff and
 * the index arrays that say who owns whom are planned in memory; people are generated and written
 * one at a time, so national scale (~240,000 people) runs in flat memory. The manifest is written
 * last, so an interrupted run never leaves a set that imports.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { DEMO_USERS_FILE, EXPORT_FILES, EXPORT_FORMAT_VERSION, MANIFEST_FILE } from '../import/export-format';
import { MANIFEST_FORMAT, type Manifest } from '../import/manifest';
import { planCases, planProgrammeGroups } from './case-plan';
import { CsvFileWriter, type CsvValue } from '../csv/csv-writer';
import { planDemoScenario } from './demo-scenario';
import { DEMO_USER_COLUMNS, demoUserRow, demoUsers } from './demo-users';
import { planOrganisation } from './organisation-plan';
import { generatePerson, type PersonBundle } from './person-generator';
import { SCALES, type ScaleName } from './scales';
import { asOfDay } from './seed-dates';
import { planStaffEvents } from './staff-events';
import { crnFor } from './synthetic-identifiers';

export interface SeedOptions {
  scale: ScaleName;
  seed: number;
  outDir: string;
  /** The day "now" refers to, `YYYY-MM-DD`. */
  asOf: string;
  demoUsers?: boolean;
  /** Replace the export files of an earlier run in the folder. */
  overwrite?: boolean;
  onProgress?: (p: { peopleDone: number; peopleTotal: number }) => void;
}

export interface SeedResult {
  dir: string;
  manifest: Manifest;
  /** Total size of the files written. */
  bytes: number;
  files: string[];
}

const PROGRESS_EVERY = 2000;
const BUNDLE_FILES: Record<Exclude<keyof PersonBundle, 'person'>, string> = {
  registrations: 'registrations.csv',
  assessments: 'assessments.csv',
  sentences: 'sentences.csv',
  allocations: 'allocations.csv',
  laoExclusions: 'lao_exclusions.csv',
  laoRestrictions: 'lao_restrictions.csv',
};

export async function seedExportSet(opts: SeedOptions): Promise<SeedResult> {
  const spec = SCALES[opts.scale];
  const asOf = asOfDay(opts.asOf);
  const dir = prepareOutput(resolve(opts.outDir), opts.overwrite ?? false);
  const seed = opts.seed;

  const org = planOrganisation(spec, seed);
  const cases = planCases(org, spec, seed);
  const scenario = planDemoScenario(org, cases, spec.demoProgrammeSize, asOf, (i) => crnFor(i, seed));
  planProgrammeGroups(org, cases, spec, seed, asOf);
  const events = planStaffEvents(org, scenario, seed, asOf);

  const writers = new Map(EXPORT_FILES.map((f) => [f.name, new CsvFileWriter(join(dir, f.name), f.columns)]));
  const out = (file: string) => writers.get(file)!;
  try {
    for (const p of org.providers) await out('providers.csv').write({ code: p.code, name: p.name, sector: p.sector });
    for (const t of org.teams) {
      await out('teams.csv').write({ code: t.code, provider_code: t.providerCode, name: t.name, pdu: t.pdu, ldu: t.ldu, phone: t.phone, email: t.email });
    }
    for (const s of org.staff) {
      await out('staff.csv').write({
        code: s.code,
        team_code: s.teamCode,
        forename: s.forename,
        surname: s.surname,
        grade: s.grade,
        email: s.email,
        phone: s.phone,
        active: s.active,
      });
    }
    for (const row of events.absences) await out('absences.csv').write(row);
    for (const row of events.deputies) await out('deputies.csv').write(row);

    const ctx = { seed, asOf, org, cases, scenario };
    for (let i = 0; i < spec.people; i++) {
      const bundle = generatePerson(i, ctx);
      await out('people.csv').write(bundle.person);
      for (const [key, file] of Object.entries(BUNDLE_FILES)) {
        for (const row of bundle[key as keyof typeof BUNDLE_FILES]) await out(file).write(row as Record<string, CsvValue>);
      }
      if ((i + 1) % PROGRESS_EVERY === 0) opts.onProgress?.({ peopleDone: i + 1, peopleTotal: spec.people });
    }
  } finally {
    await Promise.all([...writers.values()].map((w) => w.close()));
  }
  opts.onProgress?.({ peopleDone: spec.people, peopleTotal: spec.people });

  const files = EXPORT_FILES.map((f) => f.name);
  if (opts.demoUsers) {
    const w = new CsvFileWriter(join(dir, DEMO_USERS_FILE), DEMO_USER_COLUMNS);
    for (const u of demoUsers(scenario)) await w.write(demoUserRow(u));
    await w.close();
    files.push(DEMO_USERS_FILE);
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    scale: spec.name,
    seed,
    asOf: asOf.date,
    files: Object.fromEntries(EXPORT_FILES.map((f) => [f.name, { rows: writers.get(f.name)!.rows }])),
  };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  files.push(MANIFEST_FILE);
  const bytes = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  return { dir, manifest, bytes, files };
}

/** An empty (or new) folder; with overwrite, the files of an earlier set are removed first. */
function prepareOutput(dir: string, overwrite: boolean): string {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new AppError('SEED_OUTPUT_NOT_EMPTY', `${dir} is a file, not a folder.`);
  }
  mkdirSync(dir, { recursive: true });
  const ours = new Set([...EXPORT_FILES.map((f) => f.name), MANIFEST_FILE, DEMO_USERS_FILE]);
  const present = readdirSync(dir);
  if (present.length === 0) return dir;
  if (!overwrite) {
    throw new AppError('SEED_OUTPUT_NOT_EMPTY', `The folder ${dir} already holds ${present.length} file(s). Choose an empty folder, or pass --overwrite to replace an earlier export set.`);
  }
  const foreign = present.filter((f) => !ours.has(f));
  if (foreign.length > 0) {
    throw new AppError('SEED_OUTPUT_NOT_EMPTY', `The folder ${dir} holds files that are not part of an export set (${foreign.slice(0, 3).join(', ')}); --overwrite only replaces export files.`);
  }
  // The manifest goes first, so an interrupted overwrite never looks like a complete set.
  rmSync(join(dir, MANIFEST_FILE), { force: true });
  for (const f of present) rmSync(join(dir, f), { force: true });
  return dir;
}
