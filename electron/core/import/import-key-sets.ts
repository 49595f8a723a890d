/**
 * What exists, for the reference checks of an import through the engine: every key already in the
 * database, read once at the start of the import's transaction, plus every row the import has
 * written since. Rows are written in batches, so asking the database row by row would miss the
 * rows still waiting in the current batch (and cost a round trip per reference on PostgreSQL).
 */
import type { WritableDb } from '../store/engine/engine';
import { sql } from '../store/sql';
import type { Entity, ExportFile } from './export-format';
import type { ReferenceLookup } from './reference-checks';
import type { ImportRow } from './row-schemas';

export class ImportKeySets implements ReferenceLookup {
  private readonly keys = new Map<Entity, Set<string>>();
  private readonly providerSector = new Map<string, string>();
  private readonly teamProvider = new Map<string, string>();
  private readonly staffTeam = new Map<string, string>();

  private constructor(readonly registerTypes: ReadonlySet<string>) {}

  static async load(tx: WritableDb): Promise<ImportKeySets> {
    const types = await tx.all<{ code: string }>(sql`SELECT code FROM register_types`);
    const sets = new ImportKeySets(new Set(types.map((t) => t.code)));
    for (const p of await tx.all<{ code: string; sector: string }>(sql`SELECT code, sector FROM providers`)) sets.provider(p.code, p.sector);
    for (const t of await tx.all<{ code: string; provider_code: string }>(sql`SELECT code, provider_code FROM teams`)) sets.team(t.code, t.provider_code);
    for (const s of await tx.all<{ code: string; team_code: string }>(sql`SELECT code, team_code FROM staff`)) sets.staff(s.code, s.team_code);
    const people = sets.set('person');
    for (const p of await tx.all<{ crn: string }>(sql`SELECT crn FROM people`)) people.add(p.crn);
    return sets;
  }

  exists(entity: Entity, key: string): boolean {
    return this.keys.get(entity)?.has(key) ?? false;
  }

  sectorOfStaff(code: string): string | null {
    const team = this.staffTeam.get(code);
    const provider = team === undefined ? undefined : this.teamProvider.get(team);
    return (provider === undefined ? undefined : this.providerSector.get(provider)) ?? null;
  }

  /** A row the import has written (or queued to write in this transaction): it now exists. */
  written(file: ExportFile, row: ImportRow): void {
    const key = String(row[file.key]);
    if (file.entity === 'provider') this.provider(key, String(row.sector));
    else if (file.entity === 'team') this.team(key, String(row.provider_code));
    else if (file.entity === 'staff') this.staff(key, String(row.team_code));
    else if (file.entity === 'person') this.set('person').add(key);
  }

  private provider(code: string, sector: string): void {
    this.set('provider').add(code);
    this.providerSector.set(code, sector);
  }

  private team(code: string, provider: string): void {
    this.set('team').add(code);
    this.teamProvider.set(code, provider);
  }

  private staff(code: string, team: string): void {
    this.set('staff').add(code);
    this.staffTeam.set(code, team);
  }

  private set(entity: Entity): Set<string> {
    let s = this.keys.get(entity);
    if (!s) this.keys.set(entity, (s = new Set()));
    return s;
  }
}
