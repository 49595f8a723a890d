/**
 * Record reads in the period, online and offline, by the reader's team, and how long each offline
 * read took to reach the broker. Offline reads are `record.read.offline` audit events, stamped with
 * the time the desktop showed them and carrying the time the broker recorded them (`uploadedAt`);
 * as everywhere in the reports, only what the broker knew at `asOf` counts, so an offline read made
 * in the period but uploaded after `asOf` is not counted yet. Counted by the database in one grouped
 * query (per reader, then per team); only the teams' rows come back.
 */
import type { Db } from '../store/sql';
import type { RecordReadsReport } from '../../../shared/contract/reports';
import { all, sql, sqlDialect, sqlTrusted, type SqlFragment } from '../store/sql';
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

/** A count of offline reads per band, as columns band_0, band_1, …; literals, since PostgreSQL cannot type a parameter standing alone in a select list. */
const bandCounts: SqlFragment = sqlTrusted(
  UPLOAD_DELAY_BANDS.map((b, i) => {
    const within = `delay_ms >= ${b.fromMinutes * MIN}${b.toMinutes === null ? '' : ` AND delay_ms < ${b.toMinutes * MIN}`}`;
    return `sum(CASE WHEN ${within} THEN 1 ELSE 0 END) AS band_${i}`;
  }).join(', '),
);

type TeamRow = { team_code: string; online: number; offline: number; outside_grant: number; longest_ms: number | null } & Record<`band_${number}`, number>;

export async function recordReadsReport(db: Db, period: ReportPeriod, names: OrganisationNames): Promise<RecordReadsReport> {
  const { fromAt, toAt, asOf } = period;
  // Counted per reader first, then per team: the organisation's names are joined to a few hundred
  // readers, not to every read of the period.
  const teams = await all<TeamRow>(
    db,
    sql`WITH reads AS (
          SELECT e.actor, e.action,
            CASE WHEN e.action = 'record.read.offline' THEN ${uploadedAt} - e.at END AS delay_ms,
            CASE WHEN e.action = 'record.read.offline' AND ${outsideGrant} THEN 1 ELSE 0 END AS outside_grant
          FROM audit_events e
          WHERE e.action IN ('record.read', 'record.read.offline') AND e.at >= ${fromAt} AND e.at < ${toAt} AND e.at <= ${asOf}
            AND (e.action = 'record.read' OR ${uploadedAt} <= ${asOf})
        ),
        readers AS (
          SELECT actor, sum(CASE WHEN action = 'record.read' THEN 1 ELSE 0 END) AS online, sum(CASE WHEN action = 'record.read.offline' THEN 1 ELSE 0 END) AS offline,
            sum(outside_grant) AS outside_grant, max(delay_ms) AS longest_ms, ${bandCounts}
          FROM reads GROUP BY actor
        )
        SELECT coalesce(s.team_code, '-') AS team_code, sum(r.online) AS online, sum(r.offline) AS offline, sum(r.outside_grant) AS outside_grant,
          max(r.longest_ms) AS longest_ms, ${sqlTrusted(UPLOAD_DELAY_BANDS.map((_, i) => `sum(r.band_${i}) AS band_${i}`).join(', '))}
        FROM readers r LEFT JOIN users u ON u.username = r.actor LEFT JOIN staff s ON s.code = u.staff_code
        GROUP BY coalesce(s.team_code, '-')`,
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
  // Sums over the teams' counts (a few rows), like the other tables' totals.
  const sum = (pick: (t: (typeof byTeam)[number]) => number) => byTeam.reduce((n, t) => n + pick(t), 0);
  return {
    online: sum((t) => t.online),
    offline: sum((t) => t.offline),
    offlineOutsideGrant: sum((t) => t.offlineOutsideGrant),
    byTeam,
    uploadDelays: UPLOAD_DELAY_BANDS.map((b, i) => ({ ...b, count: teams.reduce((n, t) => n + Number(t[`band_${i}`]), 0) })),
  };
}
