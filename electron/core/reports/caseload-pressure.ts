/**
 * Caseload pressure: for each offender manager whose cases drew requests in the period, how many
 * people they hold now, how many requests came in, how many fell back to the hub, how many broke
 * the SLA, and how many days they were recorded away. Overload and absence are where the service
 * began, so this is the table that shows them.
 */
import type { Db } from '../store/sql';
import type { CaseloadPressureRow, CaseloadReport } from '../../../shared/contract/reports';
import { DAY } from '../clock/clock';
import { all, sql, sqlLeast, sqlGreatest } from '../store/sql';
import { shareOf } from './nearest-rank';
import { periodRequests, slaState, type PeriodRequest } from './period-requests';
import type { ReportPeriod } from './report-period';

async function caseloads(db: Db): Promise<Map<string, number>> {
  const rows = await all<{ owner: string; n: number }>(db, sql`SELECT owner_staff_code AS owner, count(*) AS n FROM people WHERE owner_staff_code IS NOT NULL GROUP BY owner_staff_code`);
  return new Map(rows.map((r) => [r.owner, r.n]));
}

/** Days of absence overlapping [fromAt, asOf], to one decimal place. */
async function daysAbsent(db: Db, period: ReportPeriod): Promise<Map<string, number>> {
  const { fromAt, asOf } = period;
  const rows = await all<{ staff_code: string; ms: number }>(
    db,
    sql`SELECT staff_code, sum(${sqlLeast(sql`end_at`, asOf)} - ${sqlGreatest(sql`start_at`, fromAt)}) AS ms FROM absences
        WHERE start_at < ${asOf} AND end_at > ${fromAt} GROUP BY staff_code`,
  );
  return new Map(rows.map((r) => [r.staff_code, Math.round((r.ms / DAY) * 10) / 10]));
}

export async function caseloadPressure(db: Db, period: ReportPeriod, listLimit: number, given?: readonly PeriodRequest[]): Promise<CaseloadReport> {
  const requests = given ?? (await periodRequests(db, period));
  const held = await caseloads(db);
  const away = await daysAbsent(db, period);
  const byOwner = new Map<string, PeriodRequest[]>();
  for (const r of requests) {
    if (r.ownerStaffCode === null) continue;
    const list = byOwner.get(r.ownerStaffCode) ?? [];
    list.push(r);
    byOwner.set(r.ownerStaffCode, list);
  }
  const rows: CaseloadPressureRow[] = [...byOwner.entries()].map(([code, list]) => {
    const toHub = list.filter((r) => r.hubReason !== null).length;
    return {
      staffCode: code,
      name: list[0]!.owner.label,
      team: list[0]!.ownerTeam.label,
      caseload: held.get(code) ?? 0,
      requests: list.length,
      people: new Set(list.map((r) => r.crn)).size,
      toHub,
      shareToHub: shareOf(toHub, list.length),
      slaBreaches: list.filter((r) => slaState(r, period.asOf).state === 'BREACHED').length,
      daysAbsent: away.get(code) ?? 0,
    };
  });
  rows.sort((a, b) => b.requests - a.requests || b.toHub - a.toHub || a.name.localeCompare(b.name, 'en-GB') || a.staffCode.localeCompare(b.staffCode));
  return { total: rows.length, rows: rows.slice(0, listLimit) };
}
