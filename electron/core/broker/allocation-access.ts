/**
 * Access that comes from an allocation: a practitioner delivering a requirement or programme for a
 * person reads that person's front sheet for the allocation's dates. It is listed in "My access"
 * beside grants, with where it comes from and until when, so it is never invisible.
 */
import { mapInOrder } from '../../../shared/async/map-in-order';
import type { Db } from '../store/sql';
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import type { Output } from '../../../shared/contract';
import type { Actor } from '../policy/actor';
import { all, sql } from '../store/sql';
import { localDate, officeTimeZone } from './case-facts';
import { mayNameCase, RESTRICTED_NAME } from './request-view';

type AllocationAccess = Output<'grants.mine'>['allocations'][number];

const KIND_WORDS: Record<string, string> = { REQUIREMENT: 'requirement', PROGRAMME: 'programme' };

/** The instant an inclusive end date ends: midnight after it, in the office's time zone. */
function endOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return addDays(new TZDate(y, m - 1, d, timeZone), 1).getTime();
}

export async function allocationAccess(db: Db, actor: Actor, now: number): Promise<AllocationAccess[]> {
  if (!actor.staffCode) return [];
  const tz = await officeTimeZone(db);
  const today = localDate(now, tz);
  const rows = await all<{ crn: string; kind: string; description: string; start_date: string; end_date: string | null; forename: string; surname: string; owner: string | null }>(
    db,
    sql`SELECT a.crn, a.kind, a.description, a.start_date, a.end_date, p.forename, p.surname, p.owner_staff_code AS owner
        FROM allocations a JOIN people p ON p.crn = a.crn
        WHERE a.staff_code = ${actor.staffCode} AND a.start_date <= ${today} AND (a.end_date IS NULL OR a.end_date >= ${today})
        ORDER BY a.end_date IS NULL, a.end_date, a.crn`,
  );
  return mapInOrder(rows, async (a) => ({
    crn: a.crn,
    personName: await mayNameCase(db, actor, a.crn, a.owner, now) ? `${a.forename} ${a.surname}` : RESTRICTED_NAME,
    scope: 'FRONT_SHEET' as const,
    source: `Allocated to deliver the ${KIND_WORDS[a.kind] ?? 'work'}: ${a.description}`,
    startDate: a.start_date,
    endDate: a.end_date,
    endAt: a.end_date === null ? null : endOfDay(a.end_date, tz),
  }));
}
