/**
 * A report as plain tables: the one shape the screen's table views, the CSV files and the HTML
 * export all print, so every figure reads the same wherever it is shown. Times are written in the
 * report's time zone as `YYYY-MM-DD HH:mm`; shares as percentages to one decimal place.
 */
import { formatDateTime } from '../format/dates';
import { SCOPE_LABELS, URGENCY_LABELS } from '../domain/access';
import { BREAKDOWN_LABELS, OUTCOME_LABELS, WAIT_ROUTE_LABELS, type ReportTableId } from './report-vocabulary';
import type { Report } from './reports';

export type Cell = string | number | null;

export interface ReportTable {
  id: ReportTableId;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Said under the table when a list was cut to the report's limit. */
  note: string | null;
}

export const percent = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

/** A moment in the report's zone, written the one way people read dates: "4 March 2026, 09:30". */
export function formatInstant(at: number | null, timeZone: string): string | null {
  return at === null ? null : formatDateTime(at, timeZone);
}

const WAIT_COLUMNS = ['Decided', 'Median (minutes)', '90th percentile (minutes)', 'Longest (minutes)'];
const SLA_COLUMNS = ['Due', 'Met', 'Breached', 'Not yet due', 'Met (%)'];
const limited = (shown: number, total: number, what: string): string | null => (shown < total ? `Showing ${shown} of ${total} ${what}.` : null);

export function reportTables(r: Report): ReportTable[] {
  const tz = r.period.timeZone;
  const when = (at: number | null) => formatInstant(at, tz);
  const groupBy = BREAKDOWN_LABELS[r.breakdown];
  const grouped = r.breakdown !== 'NONE';
  const tables: ReportTable[] = [
    {
      id: 'wait-times-by-route',
      title: 'Time from request to decision, by who decided',
      columns: ['Route', ...WAIT_COLUMNS],
      rows: r.waitTimes.byRoute.map((w) => [w.label, w.count, w.medianMinutes, w.p90Minutes, w.maxMinutes]),
      note: 'Emergency access counts the time until break-glass opened; those requests also count under whoever decided them.',
    },
    {
      id: 'wait-times-by-urgency',
      title: 'Time from request to decision, by urgency',
      columns: ['Urgency', ...WAIT_COLUMNS],
      rows: r.waitTimes.byUrgency.map((w) => [w.label, w.count, w.medianMinutes, w.p90Minutes, w.maxMinutes]),
      note: null,
    },
    {
      id: 'wait-times-by-group',
      title: `Time from request to decision, by ${groupBy.toLowerCase()}`,
      columns: [groupBy, ...WAIT_COLUMNS],
      rows: r.waitTimes.byGroup.map((w) => [w.label, w.count, w.medianMinutes, w.p90Minutes, w.maxMinutes]),
      note: null,
    },
    {
      id: 'wait-time-distribution',
      title: 'How long requests waited (number of requests in each band)',
      columns: ['Wait', ...r.waitTimes.distribution.series.map((s) => s.label)],
      rows: r.waitTimes.distribution.bins.map((b, i) => [b.label, ...r.waitTimes.distribution.series.map((s) => s.counts[i] ?? 0)]),
      note: null,
    },
    {
      id: 'sla-by-urgency',
      title: 'Decided within the deadline, by urgency',
      columns: ['Urgency', ...SLA_COLUMNS],
      rows: [
        ...r.sla.byUrgency.map((s) => [s.label, s.due, s.met, s.breached, s.notYetDue, percent(s.shareMet)]),
        ['All urgencies', r.sla.overall.due, r.sla.overall.met, r.sla.overall.breached, r.sla.overall.notYetDue, percent(r.sla.overall.shareMet)],
      ],
      note: null,
    },
    {
      id: 'sla-by-group',
      title: `Decided within the deadline, by ${groupBy.toLowerCase()}`,
      columns: [groupBy, ...SLA_COLUMNS],
      rows: r.sla.byGroup.map((s) => [s.label, s.due, s.met, s.breached, s.notYetDue, percent(s.shareMet)]),
      note: null,
    },
    {
      id: 'sla-breaches',
      title: 'SLA breaches, latest first',
      columns: ['Request', 'Urgency', 'Outcome', 'Decided by', 'Asked at', 'Deadline', 'Decided or withdrawn at', 'Minutes late', 'Offender manager', 'Offender manager’s team', 'Requesting provider'],
      rows: r.sla.breaches.rows.map((b) => [
        b.requestId,
        URGENCY_LABELS[b.urgency],
        OUTCOME_LABELS[b.outcome],
        b.route === null ? null : WAIT_ROUTE_LABELS[b.route],
        when(b.createdAt),
        when(b.deadline),
        when(b.resolvedAt),
        b.minutesLate,
        b.ownerName,
        b.ownerTeam,
        b.requesterProvider,
      ]),
      note: limited(r.sla.breaches.rows.length, r.sla.breaches.total, 'breaches'),
    },
    {
      id: 'fallback-reasons',
      title: `Requests that went to the NPS hub: ${r.fallback.toHub} of ${r.fallback.requests} (${percent(r.fallback.shareToHub) ?? '–'}%)`,
      columns: ['Why', 'Requests', 'Share of those with the hub (%)'],
      rows: r.fallback.reasons.map((f) => [f.label, f.count, percent(f.share)]),
      note: null,
    },
    {
      id: 'fallback-by-group',
      title: `Requests that went to the NPS hub, by ${groupBy.toLowerCase()}`,
      columns: [groupBy, 'Requests', 'Went to the hub', 'Went to the hub (%)', 'Owner away', 'Owner inactive', 'No owner', 'Deadline passed'],
      rows: r.fallback.byGroup.map((f) => [f.label, f.requests, f.toHub, percent(f.shareToHub), f.ownerAbsent, f.ownerInactive, f.noOwner, f.deadlineMissed]),
      note: null,
    },
    {
      id: 'outcomes',
      title: 'Outcomes of the period’s requests',
      columns: ['Outcome', 'Requests', 'Share (%)'],
      rows: r.outcomes.rows.map((o) => [o.label, o.count, percent(o.share)]),
      note: null,
    },
    {
      id: 'refusal-reasons',
      title: 'Why requests were refused',
      columns: ['Reason', 'Refusals', 'Share of refusals (%)'],
      rows: r.outcomes.refusalReasons.map((o) => [o.label, o.count, percent(o.share)]),
      note: null,
    },
    {
      id: 'outcomes-by-group',
      title: `Outcomes, by ${groupBy.toLowerCase()}`,
      columns: [groupBy, 'Requests', 'Approved as asked', 'Approved, narrowed', 'Refused', 'Withdrawn', 'Still pending'],
      rows: r.outcomes.byGroup.map((o) => [o.label, o.total, o.approved, o.narrowed, o.denied, o.withdrawn, o.pending]),
      note: null,
    },
    {
      id: 'emergency-review-outcomes',
      title: `Emergency access: ${r.emergency.uses} uses by ${r.emergency.users} people, ${r.emergency.repeatUsers} of them more than once`,
      columns: ['Review outcome', 'Uses'],
      rows: r.emergency.reviewOutcomes.map((o) => [o.label, o.count]),
      note: null,
    },
    {
      id: 'emergency-users',
      title: 'Who used emergency access',
      columns: ['Name', 'Team', 'Provider', 'Uses', 'Justified', 'Justified, advice given', 'Not justified', 'Not yet reviewed'],
      rows: r.emergency.byUser.map((u) => [u.name, u.team, u.provider, u.uses, u.justified, u.justifiedWithAdvice, u.notJustified, u.notYetReviewed]),
      note: limited(r.emergency.byUser.length, r.emergency.users, 'people'),
    },
    {
      id: 'active-grants-by-scope',
      title: `Access in force at ${when(r.period.asOf)}: ${r.grants.totalActive} grants`,
      columns: ['Scope', 'Grants in force', 'From requests', 'Emergency'],
      rows: r.grants.byScope.map((g) => [SCOPE_LABELS[g.scope], g.active, g.fromRequests, g.emergency]),
      note: null,
    },
    {
      id: 'grants-expiring',
      title: 'Access ending in the next 7 days',
      columns: ['Grant', 'Kind', 'Scope', 'Holder', 'Holder’s team', 'Holder’s provider', 'Ends at'],
      rows: r.grants.expiring.rows.map((g) => [g.grantId, g.kind === 'EMERGENCY' ? 'Emergency' : 'Request', SCOPE_LABELS[g.scope], g.granteeName, g.granteeTeam, g.granteeProvider, when(g.endsAt)]),
      note: limited(r.grants.expiring.rows.length, r.grants.expiring.total, 'grants'),
    },
    {
      id: 'caseload-pressure',
      title: 'Caseload pressure: offender managers whose cases drew requests',
      columns: ['Offender manager', 'Staff code', 'Team', 'Cases held now', 'Requests', 'People asked about', 'Went to the hub', 'Went to the hub (%)', 'SLA breaches', 'Days away in the period'],
      rows: r.caseload.rows.map((c) => [c.name, c.staffCode, c.team, c.caseload, c.requests, c.people, c.toHub, percent(c.shareToHub), c.slaBreaches, c.daysAbsent]),
      note: limited(r.caseload.rows.length, r.caseload.total, 'offender managers'),
    },
    {
      id: 'record-reads-by-team',
      title: `Record reads: ${r.reads.online} online, ${r.reads.offline} from offline copies`,
      columns: ['Reader’s team', 'Read online', 'Read offline', 'Offline, after the grant had ended or was revoked', 'Longest wait to reach the broker (minutes)'],
      rows: [
        ...r.reads.byTeam.map((t) => [t.label, t.online, t.offline, t.offlineOutsideGrant, t.longestUploadMinutes]),
        ...(r.reads.byTeam.length > 1 ? [['All teams', r.reads.online, r.reads.offline, r.reads.offlineOutsideGrant, null] as Cell[]] : []),
      ],
      note: 'Offline reads count at the time they were shown, once the desktop has sent them to the broker.',
    },
    {
      id: 'offline-upload-delays',
      title: 'How long after an offline read it reached the broker',
      columns: ['Time to reach the broker', 'Offline reads'],
      rows: r.reads.uploadDelays.map((d) => [d.label, d.count]),
      note: null,
    },
  ];
  return grouped ? tables : tables.filter((t) => !t.id.endsWith('-by-group'));
}

/** Minutes in words: "42 min", "3 h 5 min", "2.5 days". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '–';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = Math.round(minutes - h * 60);
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  return `${Math.round((minutes / 1440) * 10) / 10} days`;
}

const pct = (share: number | null): string => (share === null ? '–' : `${percent(share)}%`);

/** The few figures people quote: on the screen's summary, at the top of the HTML and after `rab simulate`. */
export function headlineFigures(r: Report): { label: string; value: string }[] {
  const all = r.waitTimes.byRoute.find((w) => w.route === 'ALL')!;
  const refused = r.outcomes.rows.find((o) => o.outcome === 'DENIED')!;
  return [
    { label: 'Requests made', value: String(r.outcomes.total) },
    { label: 'Decided', value: String(all.count) },
    { label: 'Median time to a decision', value: formatMinutes(all.medianMinutes) },
    { label: '90% decided within', value: formatMinutes(all.p90Minutes) },
    { label: 'Decided within the deadline', value: pct(r.sla.overall.shareMet) },
    { label: 'Went to the NPS hub', value: pct(r.fallback.shareToHub) },
    { label: 'Refused', value: pct(refused.share) },
    { label: 'Emergency access uses', value: String(r.emergency.uses) },
    { label: 'People who used it more than once', value: String(r.emergency.repeatUsers) },
    { label: 'Grants in force', value: String(r.grants.totalActive) },
  ];
}
