/**
 * Facts about a case at an instant, read from the store: who owns it, whether they and their
 * deputies are available, LAO exclusions and restrictions, allocations. The policy decides on
 * these; routing uses them to pick a queue.
 */
import { mapInOrder } from '../../../shared/async/map-in-order';
import type { Db } from '../store/sql';
import type { HubReason } from '../../../shared/contract/vocabulary';
import { formatDate, formatDateTime } from '../../../shared/format/dates';
import { localDateIn } from '../clock/local-day';
import { readPolicy } from '../settings/policy-store';
import { all, one, sql } from '../store/sql';
import type { Actor } from '../policy/actor';
import type { CaseRelationship, LaoFacts } from '../policy/resources';

export interface StaffAvailability {
  staffCode: string;
  name: string;
  available: boolean;
  /** Why not, as a hub reason, when unavailable. */
  reason: Extract<HubReason, 'OWNER_ABSENT' | 'OWNER_INACTIVE'> | null;
  /** In words, for the screens: "on leave until 14 December 2026". */
  note: string | null;
}

interface StaffRow {
  code: string;
  forename: string;
  surname: string;
  active: number;
}

/**
 * Where the office is: the policy's time zone, the one working hours are counted in. Dates and
 * times shown to staff, and "today" for allocations, follow it.
 */
export const officeTimeZone = async (db: Db): Promise<string> => (await readPolicy(db)).workingHours.timeZone;

/**
 * A local date and time in words, the UK way the screens use (shared/format/dates.ts): "14 December
 * 2026" at midnight, "14 December 2026, 13:30" otherwise.
 */
export function formatWhen(ms: number, timeZone: string): string {
  const at = formatDateTime(ms, timeZone);
  return at.endsWith(', 00:00') ? formatDate(ms, timeZone) : at;
}

/**
 * The calendar date at `ms` in `timeZone`, as YYYY-MM-DD, for allocation and registration dates.
 * The zone is required: usually officeTimeZone(db), so "today" is the office's day.
 */
export const localDate = (ms: number, timeZone: string): string => localDateIn(ms, timeZone);

export const staffName = (s: { forename: string; surname: string }): string => `${s.forename} ${s.surname}`;

const ABSENCE_WORDS: Record<string, string> = { LEAVE: 'on leave', SICKNESS: 'off sick', TRAINING: 'on training' };

/**
 * Available = staff record active, some active account linked to it, and not absent now. When
 * absent, the absence is the reason given even if the account is not active too: "on leave until
 * 14 Dec" tells the requester when the owner is back; a missing account tells them nothing.
 */
export async function staffAvailability(db: Db, staffCode: string, now: number): Promise<StaffAvailability | null> {
  const staff = await one<StaffRow>(db, sql`SELECT code, forename, surname, active FROM staff WHERE code = ${staffCode}`);
  if (!staff) return null;
  const name = staffName(staff);
  const absence = await one<{ kind: string; end_at: number }>(
    db,
    sql`SELECT kind, end_at FROM absences WHERE staff_code = ${staffCode} AND start_at <= ${now} AND end_at > ${now} ORDER BY end_at DESC LIMIT 1`,
  );
  if (absence) {
    const until = await continuousAbsenceEnd(db, staffCode, absence.end_at);
    return { staffCode, name, available: false, reason: 'OWNER_ABSENT', note: `${name} is ${ABSENCE_WORDS[absence.kind] ?? 'away'} until ${formatWhen(until, await officeTimeZone(db))}` };
  }
  const account = await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM users WHERE staff_code = ${staffCode} AND active = 1`);
  if (staff.active !== 1 || !account || account.n === 0) {
    return { staffCode, name, available: false, reason: 'OWNER_INACTIVE', note: `${name}'s account is not active` };
  }
  return { staffCode, name, available: true, reason: null, note: null };
}

/** Back-to-back absences (leave then sickness) read as one: the end of the last one. */
async function continuousAbsenceEnd(db: Db, staffCode: string, end: number): Promise<number> {
  let until = end;
  for (let i = 0; i < 50; i++) {
    const next = await one<{ end_at: number }>(
      db,
      sql`SELECT max(end_at) AS end_at FROM absences WHERE staff_code = ${staffCode} AND start_at <= ${until} AND end_at > ${until}`,
    );
    if (!next || next.end_at === null) return until;
    until = next.end_at;
  }
  return until;
}

/** Deputies in date now for an owner, who are themselves available. */
export async function availableDeputies(db: Db, ownerStaffCode: string, now: number): Promise<StaffAvailability[]> {
  const rows = await all<{ deputy_staff_code: string }>(
    db,
    sql`SELECT DISTINCT deputy_staff_code FROM deputies
        WHERE staff_code = ${ownerStaffCode} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})
        ORDER BY deputy_staff_code`,
  );
  return (await mapInOrder(rows, async (r) => await staffAvailability(db, r.deputy_staff_code, now))).filter((s): s is StaffAvailability => s?.available === true);
}

/** Owners the actor is deputising for now. */
export async function ownersDeputisedBy(db: Db, deputyStaffCode: string, now: number): Promise<string[]> {
  return (await all<{ staff_code: string }>(
    db,
    sql`SELECT DISTINCT staff_code FROM deputies
        WHERE deputy_staff_code = ${deputyStaffCode} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`,
  )).map((r) => r.staff_code);
}

export async function caseOwner(db: Db, crn: string): Promise<string | null | undefined> {
  const row = await one<{ owner_staff_code: string | null }>(db, sql`SELECT owner_staff_code FROM people WHERE crn = ${crn}`);
  return row === undefined ? undefined : row.owner_staff_code;
}

/** The actor's standing for a case owned by `ownerStaffCode`: its owner, a deputy in date, or neither. */
export async function caseRelationship(db: Db, actor: Actor, ownerStaffCode: string | null, now: number): Promise<CaseRelationship> {
  if (!actor.staffCode || !ownerStaffCode) return 'NONE';
  if (actor.staffCode === ownerStaffCode) return 'OWNER';
  const deputy = await one<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM deputies WHERE staff_code = ${ownerStaffCode} AND deputy_staff_code = ${actor.staffCode}
        AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`,
  );
  return deputy && deputy.n > 0 ? 'DEPUTY' : 'NONE';
}

export interface LaoDetail extends LaoFacts {
  exclusionMessage: string | null;
}

/** LAO exclusion and restriction facts for a member of staff and a person, by timestamp. */
export async function laoFacts(db: Db, crn: string, staffCode: string | null, now: number): Promise<LaoDetail> {
  const exclusion = staffCode
    ? await one<{ message: string }>(
        db,
        sql`SELECT message FROM lao_exclusions WHERE crn = ${crn} AND staff_code = ${staffCode}
            AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now}) LIMIT 1`,
      )
    : undefined;
  const restricted = await one<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM lao_restrictions WHERE crn = ${crn} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`,
  );
  const listed = staffCode
    ? await one<{ n: number }>(
        db,
        sql`SELECT count(*) AS n FROM lao_restrictions WHERE crn = ${crn} AND staff_code = ${staffCode}
            AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`,
      )
    : undefined;
  return {
    excluded: exclusion !== undefined,
    exclusionMessage: exclusion?.message ?? null,
    restricted: (restricted?.n ?? 0) > 0,
    onAllowList: (listed?.n ?? 0) > 0,
  };
}

/** The staff member has an allocation for the person that covers today (dates inclusive). */
export async function hasActiveAllocation(db: Db, staffCode: string | null, crn: string, now: number): Promise<boolean> {
  if (!staffCode) return false;
  const today = localDate(now, await officeTimeZone(db));
  const row = await one<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM allocations WHERE staff_code = ${staffCode} AND crn = ${crn}
        AND start_date <= ${today} AND (end_date IS NULL OR end_date >= ${today})`,
  );
  return (row?.n ?? 0) > 0;
}
