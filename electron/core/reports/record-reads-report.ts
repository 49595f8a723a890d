/**
 * Record reads in the period, online and offline, by the reader's team, and how long each offline
 * read took to reach the broker. Offline reads are `record.read.offline` audit events, stamped with
 * the time the desktop showed them and carrying the time the broker recorded them (`uploadedAt`);
 * as everywhere in the reports, only what the broker knew at `asOf` counts, so an offline read made
 * in the period but uploaded after `asOf` is not counted yet. Counted by the database, grouped.
 */
import type { Db } from '../store/sql';
import type { RecordReadsReport } from '../../../shared/contract/reports';
import { all, sql, sqlDialect, sqlJoin, sqlTrusted, type SqlFragment } from '../store/sql';
import { NO_GROUP, NO_STAFF_RECORD, inGroupOrder, type OrganisationNames } from './period-requests';
import type { ReportPeriod } from './report-period';

const MIN = 60_000;

/** How long after the read it reached the broker: each band is [from, to) in minutes, the last open-ended. */
export const UPLOAD_DELAY_BANDS: readonly { label: string; fromMinutes: number; toMinutes: number | null }[] = [
  { label: 'Under 1 h', fromMinutes: 0, toMinutes: 60 },
  { label: '1–8 h', fromMinutes: 60, toMinutes: 480 },
  { label: '8–24 h', fromMinutes: 480, toMinutes: 1440 },
  { label: '1–7 days', fromMinutes: 1440, toMinutes: 10_080 },
  { label: '7 days or more', fromMinutes: 10_080, toMinutes: null },
];

/** When the broker recorded an offline read, from its audit details (the details are canonical JSON text). */
const uploadedAt = sqlDialect({
  sqlite: sql`json_extract(e.details, '$.uploadedAt')`,
  postgres: sql`((e.details::jsonb) ->> 'uploadedAt')::bigint`,
});
/** Whether the grant the read went through stood at the read's time, as the broker found on upload. */
const outsideGrant = sqlDialect({
  sqlite: sql`json_extract(e.details, '$.grantHeldThen') = 0`,
  postgres: sql`((e.details::jsonb) ->> 'grantHeldThen') = 'false'`,
});

/** The band of a delay, as its index; literals, since PostgreSQL cannot type a parameter standing alone in a select list. */
const bandSql = (delay: SqlFragment): SqlFragment => {
  const cases = UPLOAD_DELAY_BANDS.map((b, i) => (b.toMinutes === null ? sqlTrusted(`ELSE ${i}`) : sql`WHEN ${delay} < ${sqlTrusted(String(b.toMinutes * MIN))} THEN ${sqlTrusted(String(i))}`));
  return sql`CASE ${sqlJoin(cases, sql` `)} END`;
};

export async function recordReadsReport(db: Db, period: ReportPeriod, names: OrganisationNames): Promise<RecordReadsReport> {
  const { fromAt, toAt, asOf } = period;
  const reads = sql`WITH reads AS (
      SELECT e.action, coalesce(s.team_code, '-') AS team_code,
        CASE WHEN e.action = 'record.read.offline' THEN ${uploadedAt} - e.at END AS delay_ms,
        CASE WHEN e.action = 'record.read.offline' AND ${outsideGrant} THEN 1 ELSE 0 END AS outside_grant
      FROM audit_events e LEFT JOIN users u ON u.username = e.actor LEFT JOIN staff s ON s.code = u.staff_code
      WHERE e.action IN ('record.read', 'record.read.offline') AND e.at >= ${fromAt} AND e.at < ${toAt} AND e.at <= ${asOf}
        AND (e.action = 'record.read' OR ${uploadedAt} <= ${asOf})
    )`;
  const teams = await all<{ team_code: string; online: number; offline: number; outside_grant: number; longest_ms: number | null }>(
    db,
    sql`${reads}
        SELECT team_code, sum(CASE WHEN action = 'record.read' THEN 1 ELSE 0 END) AS online, sum(CASE WHEN action = 'record.read.offline' THEN 1 ELSE 0 END) AS offline,
          sum(outside_grant) AS outside_grant, max(delay_ms) AS longest_ms
        FROM reads GROUP BY team_code`,
  );
  const bands = await all<{ band: number; n: number }>(
    db,
    sql`${reads}
        SELECT ${bandSql(sql`delay_ms`)} AS band, count(*) AS n FROM reads WHERE action = 'record.read.offline' GROUP BY 1`,
  );
  const byTeam = inGroupOrder(
    teams.map((t) => ({
      key: t.team_code,
      label: t.team_code === NO_GROUP ? NO_STAFF_RECORD : (names.teams.get(t.team_code) ?? t.team_code),
      online: Number(t.online),
      offline: Number(t.offline),
      offlineOutsideGrant: Number(t.outside_grant),
      longestUploadMinutes: t.longest_ms === null ? null : Math.round(Number(t.longest_ms) / MIN),
    })),
  );
  const sum = (pick: (t: (typeof byTeam)[number]) => number) => byTeam.reduce((n, t) => n + pick(t), 0);
  const perBand = new Map(bands.map((b) => [Number(b.band), Number(b.n)]));
  return {
    online: sum((t) => t.online),
    offline: sum((t) => t.offline),
    offlineOutsideGrant: sum((t) => t.offlineOutsideGrant),
    byTeam,
    uploadDelays: UPLOAD_DELAY_BANDS.map((b, i) => ({ ...b, count: perBand.get(i) ?? 0 })),
  };
}
