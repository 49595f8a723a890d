/**
 * The report's charts as data: what each chart plots, from the same report as the tables. The
 * Reports screen and the HTML export draw these with chart.js in the same grey-scale-safe style
 * (each series has a fill pattern as well as a colour, and every bar carries its value), and each
 * chart names the table that holds its figures for screen readers.
 */
import { SCOPE_LABELS, URGENCIES, URGENCY_LABELS } from '../domain/access';
import type { ReportTableId } from './report-vocabulary';
import type { Report } from './reports';

export interface ChartSeries {
  label: string;
  data: number[];
  /** Index into the shared series styles (colour + pattern). */
  style: number;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence for the canvas's accessible name. */
  description: string;
  table: ReportTableId;
  labels: string[];
  series: ChartSeries[];
  horizontal: boolean;
  stacked: boolean;
  valueAxis: string;
}

/** Colour, and a pattern that survives printing in grey: solid, diagonal, dots, cross-hatch, horizontal. */
export const SERIES_STYLES = [
  { colour: '#1d70b8', pattern: 'solid' },
  { colour: '#f47738', pattern: 'diagonal' },
  { colour: '#00703c', pattern: 'dots' },
  { colour: '#4c2c92', pattern: 'cross' },
  { colour: '#505a5f', pattern: 'horizontal' },
] as const;

export const CASELOAD_CHART_PEOPLE = 10;

export function chartSpecs(r: Report): ChartSpec[] {
  const slaRows = URGENCIES.map((u) => r.sla.byUrgency.find((s) => s.urgency === u)!);
  const caseload = r.caseload.rows.slice(0, CASELOAD_CHART_PEOPLE);
  return [
    {
      id: 'wait-distribution',
      title: 'How long requests waited, by who decided',
      description: 'Bar chart: number of requests by how long they waited for a decision, in bands from under 15 minutes to 5 days or more, for each route.',
      table: 'wait-time-distribution',
      labels: r.waitTimes.distribution.bins.map((b) => b.label),
      series: r.waitTimes.distribution.series.map((s, i) => ({ label: s.label, data: s.counts, style: i })),
      horizontal: false,
      stacked: false,
      valueAxis: 'Requests',
    },
    {
      id: 'sla',
      title: 'Decided within the deadline, by urgency',
      description: 'Stacked bar chart: for each urgency, requests decided within the deadline and requests that breached it.',
      table: 'sla-by-urgency',
      labels: slaRows.map((s) => URGENCY_LABELS[s.urgency]),
      series: [
        { label: 'Within the deadline', data: slaRows.map((s) => s.met), style: 2 },
        { label: 'Breached', data: slaRows.map((s) => s.breached), style: 1 },
      ],
      horizontal: true,
      stacked: true,
      valueAxis: 'Requests',
    },
    {
      id: 'fallback',
      title: 'Why requests went to the NPS hub',
      description: 'Bar chart: requests that went to the NPS hub, by reason.',
      table: 'fallback-reasons',
      labels: r.fallback.reasons.map((f) => f.label),
      series: [{ label: 'Requests', data: r.fallback.reasons.map((f) => f.count), style: 0 }],
      horizontal: true,
      stacked: false,
      valueAxis: 'Requests',
    },
    {
      id: 'outcomes',
      title: 'Outcomes of the period’s requests',
      description: 'Bar chart: requests by outcome, from approved as asked to still pending.',
      table: 'outcomes',
      labels: r.outcomes.rows.map((o) => o.label),
      series: [{ label: 'Requests', data: r.outcomes.rows.map((o) => o.count), style: 0 }],
      horizontal: true,
      stacked: false,
      valueAxis: 'Requests',
    },
    {
      id: 'grants',
      title: 'Access in force, by scope',
      description: 'Stacked bar chart: grants in force at the end of the period by scope, from requests and from emergency access.',
      table: 'active-grants-by-scope',
      labels: r.grants.byScope.map((g) => SCOPE_LABELS[g.scope]),
      series: [
        { label: 'From requests', data: r.grants.byScope.map((g) => g.fromRequests), style: 0 },
        { label: 'Emergency', data: r.grants.byScope.map((g) => g.emergency), style: 3 },
      ],
      horizontal: true,
      stacked: true,
      valueAxis: 'Grants',
    },
    {
      id: 'caseload',
      title: `Caseload pressure: the ${CASELOAD_CHART_PEOPLE} offender managers whose cases drew most requests`,
      description: 'Bar chart: for each of these offender managers, the requests their cases drew and how many went to the hub.',
      table: 'caseload-pressure',
      labels: caseload.map((c) => c.name),
      series: [
        { label: 'Requests', data: caseload.map((c) => c.requests), style: 0 },
        { label: 'Went to the hub', data: caseload.map((c) => c.toHub), style: 1 },
      ],
      horizontal: true,
      stacked: false,
      valueAxis: 'Requests',
    },
  ];
}

/** How the report reads, top to bottom: the same order on the screen and in the HTML file. */
export const REPORT_SECTIONS: readonly { id: string; title: string; charts: readonly string[]; tables: readonly ReportTableId[] }[] = [
  { id: 'waits', title: 'Time from request to decision', charts: ['wait-distribution'], tables: ['wait-times-by-route', 'wait-times-by-urgency', 'wait-times-by-group', 'wait-time-distribution'] },
  { id: 'sla', title: 'SLA performance', charts: ['sla'], tables: ['sla-by-urgency', 'sla-by-group', 'sla-breaches'] },
  { id: 'fallback', title: 'Fallback to the NPS hub', charts: ['fallback'], tables: ['fallback-reasons', 'fallback-by-group'] },
  { id: 'outcomes', title: 'Outcomes', charts: ['outcomes'], tables: ['outcomes', 'refusal-reasons', 'outcomes-by-group'] },
  { id: 'emergency', title: 'Emergency access', charts: [], tables: ['emergency-review-outcomes', 'emergency-users'] },
  { id: 'grants', title: 'Access in force', charts: ['grants'], tables: ['active-grants-by-scope', 'grants-expiring'] },
  { id: 'caseload', title: 'Caseload pressure', charts: ['caseload'], tables: ['caseload-pressure'] },
  { id: 'reads', title: 'Record reads, online and offline', charts: [], tables: ['record-reads-by-team', 'offline-upload-delays'] },
];
