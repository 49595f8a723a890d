/**
 * Checks that a row refers only to things that exist: in the same set (already written inside
 * the import's transaction, since files import in dependency order) or already in the store.
 * Also checks the one rule that spans tables: a person's owner works for the sector that manages them.
 */
import type { EmbeddedConnection as Database, EmbeddedStatement as Statement } from '../store/embedded-connection';
import { ENTITY_FILE, ENTITY_LABEL, type Entity, type ExportFile } from './export-format';
import type { ImportProblem } from './import-problems';
import type { ImportRow } from './row-schemas';
import { quote } from './field-rules';

const EXISTS_SQL: Record<Entity, string> = {
  provider: 'SELECT 1 FROM providers WHERE code = ?',
  team: 'SELECT 1 FROM teams WHERE code = ?',
  staff: 'SELECT 1 FROM staff WHERE code = ?',
  person: 'SELECT 1 FROM people WHERE crn = ?',
};

type Problem = Omit<ImportProblem, 'file' | 'row' | 'line'>;

export interface ReferenceVerdict {
  problems: Problem[];
  /**
   * The row refers to something that may be in a file that could not be read through, so it
   * cannot be judged or written. That file's own problem already fails the set; listing every row
   * that refers into it would only bury that problem.
   */
  unjudged: boolean;
}

const UNJUDGED = Symbol('unjudged');

/** Where the checks look up what exists: the store itself, or keys read up front (import-key-sets.ts). */
export interface ReferenceLookup {
  exists(entity: Entity, key: string): boolean;
  /** The sector of the provider a staff member's team belongs to; null for unknown staff. */
  sectorOfStaff(code: string): string | null;
  readonly registerTypes: ReadonlySet<string>;
}

export class ReferenceChecks {
  /** Keys whose own rows had errors, so a reference to them says so instead of "does not exist". */
  private readonly rejected = new Map<Entity, Set<string>>();
  /** Entities whose file could not be read through: references to them cannot be judged. */
  private readonly unreadable = new Set<Entity>();
  /** Keys whose own rows could not be judged, so rows referring to them cannot be either. */
  private readonly unjudged = new Map<Entity, Set<string>>();
  // Child rows of one person usually sit together, so remembering the last hit saves most lookups.
  private readonly lastFound = new Map<Entity, string>();

  constructor(private readonly lookup: ReferenceLookup) {}

  rowRejected(file: ExportFile, key: string | undefined): void {
    remember(this.rejected, file, key);
  }

  rowUnjudged(file: ExportFile, key: string): void {
    remember(this.unjudged, file, key);
  }

  fileUnreadable(file: ExportFile): void {
    if (file.entity) this.unreadable.add(file.entity);
  }

  check(file: ExportFile, row: ImportRow): ReferenceVerdict {
    const problems: Problem[] = [];
    let unjudged = false;
    for (const ref of file.references) {
      const value = row[ref.column];
      if (typeof value !== 'string') continue;
      const p = this.problemWith(ref.entity, value);
      if (p === UNJUDGED) unjudged = true;
      else if (p) problems.push({ column: ref.column, problem: p });
    }
    if (unjudged) return { problems, unjudged };
    if (file.name === 'registrations.csv' && !this.lookup.registerTypes.has(String(row.type_code))) {
      problems.push({ column: 'type_code', problem: `${quote(row.type_code)} is not a known register type code` });
    }
    if (file.name === 'people.csv' && typeof row.owner_staff_code === 'string' && problems.length === 0) {
      const sector = this.lookup.sectorOfStaff(row.owner_staff_code);
      if (sector && sector !== row.managing_sector) {
        problems.push({
          column: 'owner_staff_code',
          problem: `${quote(row.owner_staff_code)} works for a ${sector} provider, but managing_sector is ${row.managing_sector}`,
        });
      }
    }
    return { problems, unjudged };
  }

  private problemWith(entity: Entity, key: string): string | typeof UNJUDGED | null {
    if (this.lastFound.get(entity) === key) return null;
    if (this.lookup.exists(entity, key)) {
      this.lastFound.set(entity, key);
      return null;
    }
    if (this.unreadable.has(entity) || this.unjudged.get(entity)?.has(key)) return UNJUDGED;
    const label = ENTITY_LABEL[entity];
    const source = ENTITY_FILE[entity].name;
    if (this.rejected.get(entity)?.has(key)) return `refers to ${label} ${quote(key)}, whose row in ${source} has errors`;
    return `refers to ${label} ${quote(key)}, which is neither in ${source} nor already in the store`;
  }
}

/** Looks up in the store itself, inside the import's transaction, so rows written by the import count. */
export function storeLookup(db: Database): ReferenceLookup {
  const exists = new Map<Entity, Statement>();
  for (const [entity, sqlText] of Object.entries(EXISTS_SQL)) exists.set(entity as Entity, db.prepare(sqlText).pluck());
  const staffSector = db
    .prepare(`SELECT p.sector FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code WHERE s.code = ?`)
    .pluck();
  const sectors = new Map<string, string | null>();
  return {
    exists: (entity, key) => exists.get(entity)!.get(key) !== undefined,
    sectorOfStaff: (code) => {
      let sector = sectors.get(code);
      if (sector === undefined) {
        sector = (staffSector.get(code) as string | undefined) ?? null;
        sectors.set(code, sector);
      }
      return sector;
    },
    registerTypes: new Set(db.prepare('SELECT code FROM register_types').pluck().all() as string[]),
  };
}

function remember(keys: Map<Entity, Set<string>>, file: ExportFile, key: string | undefined): void {
  if (!file.entity || !key) return;
  let set = keys.get(file.entity);
  if (!set) keys.set(file.entity, (set = new Set()));
  set.add(key);
}
