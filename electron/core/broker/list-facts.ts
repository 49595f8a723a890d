/**
 * The facts a page of a list needs (LAO exclusions and restrictions, who owns and deputises, who is
 * away, which people have a request with the hub), gathered in a fixed number of set-based queries
 * keyed by CRN and staff code and sent as one statement. A page of 500 rows costs the same one
 * statement as a page of 5: a query per row would become a network round trip behind a server.
 *
 * The answers are those of the single-case readers in case-facts.ts (laoFacts, staffAvailability,
 * availableDeputies, caseRelationship); the statement-count and list tests hold them to it.
 */
import type { Db } from '../store/sql';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { readPolicy } from '../settings/policy-store';
import { all, sql, sqlDialect, type SqlFragment } from '../store/sql';
import type { Actor } from '../policy/actor';
import type { CaseRelationship } from '../policy/resources';
import { formatWhen, staffName, type LaoDetail, type StaffAvailability } from './case-facts';

export interface ListFacts {
  now: number;
  policy: PolicySettings;
  /** The office time zone (the policy's), read once for the page. */
  timeZone: string;
  lao(crn: string, staffCode: string | null): LaoDetail;
  /** The actor's standing for a case owned by `ownerStaffCode`. */
  relationship(ownerStaffCode: string | null): CaseRelationship;
  /** Only for staff named in `availabilityOf` (and their deputies); null when unknown. */
  availability(staffCode: string): StaffAvailability | null;
  availableDeputies(ownerStaffCode: string): StaffAvailability[];
  /** Only for CRNs when `withHub` was asked for. */
  withHub(crn: string): boolean;
}

export interface ListFactsNeeds {
  crns: Iterable<string>;
  /** Staff whose availability (and deputies) the page shows: owners of requests with the owner. */
  availabilityOf?: Iterable<string>;
  withHub?: boolean;
  /** CRNs already known to have a request with the hub (a row of the page is one): not asked again. */
  knownWithHub?: Iterable<string>;
  /** Read once by the caller already; read here otherwise. */
  policy?: PolicySettings;
}

/** A list bound as one parameter, so the statement text (and its cached statement) never varies with the page. */
export const jsonList = (values: Iterable<string>): string => JSON.stringify([...new Set(values)]);
/** `IN (…)` over a list bound as one JSON parameter. */
export const inList = (json: string) =>
  sqlDialect({
    sqlite: sql`IN (SELECT value FROM json_each(${json}))`,
    // As an array computed once, PostgreSQL looks each value up by index; as `IN (SELECT …)` it
    // guessed a hundred rows and scanned the whole table (78 ms for a page's people at scale 0.1).
    postgres: sql`= ANY(ARRAY(SELECT json_array_elements_text(${json}::json)))`,
  });

const NO_LAO: LaoDetail = { excluded: false, exclusionMessage: null, restricted: false, onAllowList: false };
const pairKey = (crn: string, staffCode: string) => `${crn}\u0000${staffCode}`;

export async function gatherListFacts(db: Db, actor: Actor, now: number, needs: ListFactsNeeds): Promise<ListFacts> {
  const policy = needs.policy ?? await readPolicy(db);
  const timeZone = policy.workingHours.timeZone;
  const crnList = [...new Set(needs.crns)];
  const known = new Set(needs.knownWithHub ?? []);
  const rows = await readFacts(db, now, {
    crns: jsonList(crnList),
    hubCrns: jsonList(needs.withHub ? crnList.filter((c) => !known.has(c)) : []),
    owners: jsonList(needs.availabilityOf ?? []),
    deputy: actor.staffCode,
  });
  const lao = laoFrom(rows);
  const deputisedFor = new Set(rows.filter((r) => r.kind === 'D').map((r) => r.staff!));
  const staff = availabilityFrom(rows, now, timeZone);
  const hub = new Set(rows.filter((r) => r.kind === 'H').map((r) => r.crn!));
  for (const crn of known) hub.add(crn);
  return {
    now,
    policy,
    timeZone,
    lao: (crn, staffCode) => {
      const excluded = staffCode === null ? undefined : lao.exclusions.get(pairKey(crn, staffCode));
      const restricted = lao.restricted.has(crn);
      if (excluded === undefined && !restricted) return NO_LAO;
      return {
        excluded: excluded !== undefined,
        exclusionMessage: excluded ?? null,
        restricted,
        onAllowList: staffCode !== null && lao.allowed.has(pairKey(crn, staffCode)),
      };
    },
    relationship: (owner) => {
      if (!actor.staffCode || !owner) return 'NONE';
      if (actor.staffCode === owner) return 'OWNER';
      return deputisedFor.has(owner) ? 'DEPUTY' : 'NONE';
    },
    availability: (code) => staff.availability.get(code) ?? null,
    availableDeputies: (owner) =>
      (staff.deputies.get(owner) ?? []).map((d) => staff.availability.get(d)).filter((s): s is StaffAvailability => s?.available === true),
    withHub: (crn) => hub.has(crn),
  };
}

/**
 * One row of the facts statement, tagged by what it is: X an LAO exclusion (n1 orders them as the
 * single-case lookup meets them, by its index), R a restriction's allow-list entry, D an owner the actor
 * deputises for, P an owner's deputy (crn holds the owner), S a member of staff (t1 forename, t2
 * surname, n1 active), A an absence (t1 kind, n1 start, n2 end), U staff with an active account,
 * H a person with a request at the hub.
 */
interface FactRow {
  kind: 'X' | 'R' | 'D' | 'P' | 'S' | 'A' | 'U' | 'H';
  crn: string | null;
  staff: string | null;
  t1: string | null;
  t2: string | null;
  n1: number | null;
  n2: number | null;
}

/** `IN (…)` over a subquery's rows, looked up by index on PostgreSQL (see inList). */
const inRows = (rows: SqlFragment) => sqlDialect({ sqlite: sql`IN (${rows})`, postgres: sql`= ANY(ARRAY(${rows}))` });
const NO_TEXT = sql`CAST(NULL AS TEXT)`;
const NO_NUMBER = sql`CAST(NULL AS BIGINT)`;

/**
 * Every fact of a page in one statement: behind a server each statement is a round trip, and a
 * page (or a single request, viewed two or three times in a call) needed eight. The branches are
 * the eight set-based queries they replace, each keyed by the page's CRNs or staff codes.
 */
async function readFacts(db: Db, now: number, keys: { crns: string; hubCrns: string; owners: string; deputy: string | null }): Promise<FactRow[]> {
  const inDate = sql`start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`;
  const deputiesOfOwners = sql`SELECT deputy_staff_code FROM deputies WHERE staff_code ${inList(keys.owners)} AND ${inDate}`;
  // The owners asked about and their deputies in date.
  const codes = sql`(${sql`staff_code`} ${inList(keys.owners)} OR staff_code ${inRows(deputiesOfOwners)})`;
  return await all<FactRow>(db, sql`
    SELECT 'X' AS kind, crn, staff_code AS staff, message AS t1, ${NO_TEXT} AS t2, CAST(row_number() OVER (ORDER BY crn, staff_code, ${sqlDialect({ sqlite: sql`rowid`, postgres: sql`id` })}) AS BIGINT) AS n1, ${NO_NUMBER} AS n2
      FROM lao_exclusions WHERE crn ${inList(keys.crns)} AND ${inDate}
    UNION ALL SELECT 'R', crn, staff_code, ${NO_TEXT}, ${NO_TEXT}, ${NO_NUMBER}, ${NO_NUMBER} FROM lao_restrictions WHERE crn ${inList(keys.crns)} AND ${inDate}
    UNION ALL SELECT DISTINCT 'D', ${NO_TEXT}, staff_code, ${NO_TEXT}, ${NO_TEXT}, ${NO_NUMBER}, ${NO_NUMBER} FROM deputies WHERE deputy_staff_code = ${keys.deputy} AND ${inDate}
    UNION ALL SELECT DISTINCT 'P', staff_code, deputy_staff_code, ${NO_TEXT}, ${NO_TEXT}, ${NO_NUMBER}, ${NO_NUMBER} FROM deputies WHERE staff_code ${inList(keys.owners)} AND ${inDate}
    UNION ALL SELECT 'S', ${NO_TEXT}, code, forename, surname, CAST(active AS BIGINT), ${NO_NUMBER} FROM staff WHERE ${sql`(code`} ${inList(keys.owners)} OR code ${inRows(deputiesOfOwners)})
    UNION ALL SELECT 'A', ${NO_TEXT}, staff_code, kind, ${NO_TEXT}, start_at, end_at FROM absences WHERE ${codes} AND end_at > ${now}
    UNION ALL SELECT DISTINCT 'U', ${NO_TEXT}, staff_code, ${NO_TEXT}, ${NO_TEXT}, ${NO_NUMBER}, ${NO_NUMBER} FROM users WHERE ${codes} AND active = 1
    UNION ALL SELECT DISTINCT 'H', crn, ${NO_TEXT}, ${NO_TEXT}, ${NO_TEXT}, ${NO_NUMBER}, ${NO_NUMBER} FROM requests
      WHERE crn ${inList(keys.hubCrns)} AND queue IS NOT NULL AND (status = 'PENDING_HUB' OR deadline <= ${now})`);
}

/** The same facts for one case (a single request or person): the page reader with a page of one. */
export const caseFactsOneByOne = async (db: Db, actor: Actor, now: number, needs: { crn: string; owner?: string | null; policy?: PolicySettings }): Promise<ListFacts> =>
  await gatherListFacts(db, actor, now, { crns: [needs.crn], availabilityOf: needs.owner ? [needs.owner] : [], withHub: true, policy: needs.policy });

function laoFrom(rows: readonly FactRow[]) {
  const exclusions = new Map<string, string>();
  // In the order the single-case lookup meets them (by its index), so the same message is chosen.
  const excluded = rows.filter((r) => r.kind === 'X').sort((x, y) => compare(x.crn!, y.crn!) || compare(x.staff!, y.staff!) || x.n1! - y.n1!);
  for (const e of excluded) {
    const key = pairKey(e.crn!, e.staff!);
    if (!exclusions.has(key)) exclusions.set(key, e.t1!);
  }
  const restricted = new Set<string>();
  const allowed = new Set<string>();
  for (const r of rows) {
    if (r.kind !== 'R') continue;
    restricted.add(r.crn!);
    allowed.add(pairKey(r.crn!, r.staff!));
  }
  return { exclusions, restricted, allowed };
}

/** Text in the order SQL's ORDER BY gives it (binary, not the locale's). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const ABSENCE_WORDS: Record<string, string> = { LEAVE: 'on leave', SICKNESS: 'off sick', TRAINING: 'on training' };

interface AbsenceRow {
  staff_code: string;
  kind: string;
  start_at: number;
  end_at: number;
}

/** Availability of the owners asked about and of their deputies in date, from the facts' rows. */
function availabilityFrom(rows: readonly FactRow[], now: number, timeZone: string) {
  const availability = new Map<string, StaffAvailability>();
  const deputies = new Map<string, string[]>();
  for (const d of rows.filter((r) => r.kind === 'P').sort((x, y) => compare(x.crn!, y.crn!) || compare(x.staff!, y.staff!))) {
    const list = deputies.get(d.crn!) ?? [];
    list.push(d.staff!);
    deputies.set(d.crn!, list);
  }
  const absences = new Map<string, AbsenceRow[]>();
  for (const a of rows.filter((r) => r.kind === 'A').sort((x, y) => y.n2! - x.n2!)) {
    const list = absences.get(a.staff!) ?? [];
    list.push({ staff_code: a.staff!, kind: a.t1!, start_at: a.n1!, end_at: a.n2! });
    absences.set(a.staff!, list);
  }
  const withAccount = new Set(rows.filter((r) => r.kind === 'U').map((r) => r.staff!));
  for (const row of rows) {
    if (row.kind !== 'S') continue;
    const s = { code: row.staff!, forename: row.t1!, surname: row.t2!, active: row.n1! };
    const name = staffName(s);
    const own = absences.get(s.code) ?? [];
    const current = own.find((a) => a.start_at <= now && a.end_at > now);
    if (current) {
      const until = continuousEnd(own, current.end_at);
      availability.set(s.code, { staffCode: s.code, name, available: false, reason: 'OWNER_ABSENT', note: `${name} is ${ABSENCE_WORDS[current.kind] ?? 'away'} until ${formatWhen(until, timeZone)}` });
    } else if (s.active !== 1 || !withAccount.has(s.code)) {
      availability.set(s.code, { staffCode: s.code, name, available: false, reason: 'OWNER_INACTIVE', note: `${name}'s account is not active` });
    } else {
      availability.set(s.code, { staffCode: s.code, name, available: true, reason: null, note: null });
    }
  }
  return { availability, deputies };
}

/** Back-to-back absences read as one, as in case-facts (the same 50-step bound). */
function continuousEnd(absences: readonly AbsenceRow[], end: number): number {
  let until = end;
  for (let i = 0; i < 50; i++) {
    let next: number | null = null;
    for (const a of absences) if (a.start_at <= until && a.end_at > until && (next === null || a.end_at > next)) next = a.end_at;
    if (next === null) return until;
    until = next;
  }
  return until;
}
