/**
 * Caseload pressure: for each offender manager whose cases drew requests in the period, how many
 * people they hold now, how many requests came in, how many fell back to the hub, how many broke
 * the SLA, and how many days they were recorded away. Overload and absence are where the service
 * began, so this is the table that shows them. The database counts per offender manager; only
 * the few thousand managers' rows come back.
 */
import type { Db } from '../store/sql';
import type { CaseloadPressureRow, CaseloadReport } from '../../../shared/contract/reports';
import { DAY } from '../clock/clock';
import { all, sql, sqlLeast, sqlGreatest } from '../store/sql';
import { shareOf } from './nearest-rank';
import { NO_OWNER, periodFacts, placeOf } from './period-requests';
import type { ReportInputs } from './report-inputs';
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

export async function caseloadPressure(i: ReportInputs): Promise<CaseloadReport> {
  const { db, period, listLimit, names } = i;
  const owners = await all<{ code: string; requests: number; people: number; to_hub: number; breaches: number }>(
    db,
    sql`${periodFacts(period, 'NONE')}
        SELECT owner_staff_code AS code, count(*) AS requests, count(DISTINCT crn) AS people,
          count(*) FILTER (WHERE hub_reason IS NOT NULL) AS to_hub, count(*) FILTER (WHERE sla = 'BREACHED') AS breaches
        FROM facts WHERE owner_staff_code IS NOT NULL GROUP BY owner_staff_code`,
  );
  const held = await caseloads(db);
  const away = await daysAbsent(db, period);
  const rows: CaseloadPressureRow[] = owners.map((o) => {
    const place = placeOf(names, o.code, NO_OWNER);
    const requests = Number(o.requests);
    const toHub = Number(o.to_hub);
    return {
      staffCode: o.code,
      name: place.person,
      team: place.team,
      caseload: held.get(o.code) ?? 0,
      requests,
      people: Number(o.people),
      toHub,
      shareToHub: shareOf(toHub, requests),
      slaBreaches: Number(o.breaches),
      daysAbsent: away.get(o.code) ?? 0,
    };
  });
  rows.sort((a, b) => b.requests - a.requests || b.toHub - a.toHub || a.name.localeCompare(b.name, 'en-GB') || a.staffCode.localeCompare(b.staffCode));
  return { total: rows.length, rows: rows.slice(0, listLimit) };
}
