/**
 * The facts a page of a list needs (LAO exclusions and restrictions, who owns and deputises, who is
 * away, which people have a request with the hub), gathered in a fixed number of set-based queries
 * keyed by CRN and staff code. A page of 500 rows costs the same statements as a page of 5: a query
 * per row would become a network round trip once the store sits behind a server.
 *
 * The answers are those of the single-case readers in case-facts.ts (laoFacts, staffAvailability,
 * availableDeputies, caseRelationship); the statement-count and list tests hold them to it.
 */
import type { Db } from '../store/sql';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { readPolicy } from '../settings/policy-store';
import { all, sql, sqlDialect } from '../store/sql';
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
  const crns = jsonList(crnList);
  const lao = await laoForCrns(db, crns, now);
  const deputisedFor = new Set(actor.staffCode ? await ownersDeputisedByOne(db, actor.staffCode, now) : []);
  const staff = await availabilityOf(db, [...(needs.availabilityOf ?? [])], now, timeZone);
  const known = new Set(needs.knownWithHub ?? []);
  const hub = needs.withHub ? await crnsWithHub(db, jsonList(crnList.filter((c) => !known.has(c))), now) : new Set<string>();
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

/** The same facts for one case (a single request or person): the page reader with a page of one. */
export const caseFactsOneByOne = async (db: Db, actor: Actor, now: number, needs: { crn: string; owner?: string | null; policy?: PolicySettings }): Promise<ListFacts> =>
  await gatherListFacts(db, actor, now, { crns: [needs.crn], availabilityOf: needs.owner ? [needs.owner] : [], withHub: true, policy: needs.policy });

async function laoForCrns(db: Db, crns: string, now: number) {
  const exclusions = new Map<string, string>();
  // Ordered as the single-case lookup meets them (by its index), so the same message is chosen.
  for (const e of await all<{ crn: string; staff_code: string; message: string }>(db, sql`SELECT crn, staff_code, message FROM lao_exclusions WHERE crn ${inList(crns)}
           AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now}) ORDER BY crn, staff_code, ${sqlDialect({ sqlite: sql`rowid`, postgres: sql`id` })}`)) {
    const key = pairKey(e.crn, e.staff_code);
    if (!exclusions.has(key)) exclusions.set(key, e.message);
  }
  const restricted = new Set<string>();
  const allowed = new Set<string>();
  for (const r of await all<{ crn: string; staff_code: string }>(db, sql`SELECT crn, staff_code FROM lao_restrictions WHERE crn ${inList(crns)} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`)) {
    restricted.add(r.crn);
    allowed.add(pairKey(r.crn, r.staff_code));
  }
  return { exclusions, restricted, allowed };
}

async function ownersDeputisedByOne(db: Db, deputy: string, now: number): Promise<string[]> {
  return (await all<{ staff_code: string }>(
    db,
    sql`SELECT DISTINCT staff_code FROM deputies
        WHERE deputy_staff_code = ${deputy} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`,
  )).map((r) => r.staff_code);
}

async function crnsWithHub(db: Db, crns: string, now: number): Promise<Set<string>> {
  return new Set(
    (await all<{ crn: string }>(db, sql`SELECT DISTINCT crn FROM requests WHERE crn ${inList(crns)} AND queue IS NOT NULL AND (status = 'PENDING_HUB' OR deadline <= ${now})`)).map((r) => r.crn),
  );
}

const ABSENCE_WORDS: Record<string, string> = { LEAVE: 'on leave', SICKNESS: 'off sick', TRAINING: 'on training' };

interface AbsenceRow {
  staff_code: string;
  kind: string;
  start_at: number;
  end_at: number;
}

/** Availability of some owners and of their deputies in date: always four queries, whatever their number (none included). */
async function availabilityOf(db: Db, owners: string[], now: number, timeZone: string) {
  const availability = new Map<string, StaffAvailability>();
  const deputies = new Map<string, string[]>();
  for (const d of await all<{ staff_code: string; deputy_staff_code: string }>(db, sql`SELECT DISTINCT staff_code, deputy_staff_code FROM deputies
           WHERE staff_code ${inList(jsonList(owners))} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now}) ORDER BY staff_code, deputy_staff_code`)) {
    const list = deputies.get(d.staff_code) ?? [];
    list.push(d.deputy_staff_code);
    deputies.set(d.staff_code, list);
  }
  const codes = jsonList([...owners, ...[...deputies.values()].flat()]);
  const staff = await all<{ code: string; forename: string; surname: string; active: number }>(db, sql`SELECT code, forename, surname, active FROM staff WHERE code ${inList(codes)}`);
  // Every absence that could be part of a run still going on now ends after now.
  const absences = new Map<string, AbsenceRow[]>();
  for (const a of await all<AbsenceRow>(db, sql`SELECT staff_code, kind, start_at, end_at FROM absences WHERE staff_code ${inList(codes)} AND end_at > ${now} ORDER BY staff_code, end_at DESC`)) {
    const list = absences.get(a.staff_code) ?? [];
    list.push(a);
    absences.set(a.staff_code, list);
  }
  const withAccount = new Set(
    (await all<{ staff_code: string }>(db, sql`SELECT DISTINCT staff_code FROM users WHERE staff_code ${inList(codes)} AND active = 1`)).map((r) => r.staff_code),
  );
  for (const s of staff) {
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
