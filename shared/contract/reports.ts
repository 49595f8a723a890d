/**
 * Reports: how long requests wait, SLA performance, hub fallback, outcomes, emergency access,
 * grants and caseload pressure, for a period of whole days. The screen, the CSV and the HTML
 * exports all come from the one report built in core; these schemas describe it. Reports hold
 * access facts only (who asked, who decided, when): never record contents and never CRNs.
 */
import { z } from 'zod';
import { channel } from './define';
import { id, instant, scope, urgency } from './common';
import { DENY_REASON_CODES, HUB_REASONS } from './vocabulary';
import { BREAKDOWNS, EMERGENCY_REVIEW_STATES, OUTCOMES, REPORT_TABLE_IDS, WAIT_ROUTES } from './report-vocabulary';

export * from './report-vocabulary';

export const breakdown = z.enum(BREAKDOWNS);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real date');

export const reportInput = z.strictObject({
  from: isoDate,
  to: isoDate,
  breakdown: breakdown.default('NONE'),
});
export type ReportInput = z.input<typeof reportInput>;

const count = z.number().int().min(0);
/** A share from 0 to 1, or null when there is nothing to divide by. */
const share = z.number().min(0).max(1).nullable();
const minutes = z.number().min(0).nullable();

export const waitStats = z.object({ count, medianMinutes: minutes, p90Minutes: minutes, maxMinutes: minutes });
export type WaitStats = z.infer<typeof waitStats>;

const groupKey = { key: z.string(), label: z.string() };

export const reportPeriod = z.object({
  from: isoDate,
  to: isoDate,
  /** First instant of `from` and first instant after `to`, in the policy's time zone. */
  fromAt: instant,
  toAt: instant,
  /** Facts are counted as they stood at this instant: the end of the period, or now if it is earlier. */
  asOf: instant,
  timeZone: z.string(),
});
export type ReportPeriodFacts = z.infer<typeof reportPeriod>;

export const waitTimesReport = z.object({
  byRoute: z.array(waitStats.extend({ route: z.enum(WAIT_ROUTES), label: z.string() })),
  byUrgency: z.array(waitStats.extend({ urgency, label: z.string() })),
  byGroup: z.array(waitStats.extend(groupKey)),
  distribution: z.object({
    bins: z.array(z.object({ label: z.string(), fromMinutes: z.number().min(0), toMinutes: z.number().nullable() })),
    series: z.array(z.object({ route: z.enum(WAIT_ROUTES), label: z.string(), counts: z.array(count) })),
  }),
});
export type WaitTimesReport = z.infer<typeof waitTimesReport>;

export const slaRow = z.object({
  /** Decided, or past the deadline undecided: the requests the deadline applied to. */
  due: count,
  met: count,
  breached: count,
  /** Still pending and not yet at the deadline (not counted either way). */
  notYetDue: count,
  shareMet: share,
});
export type SlaRow = z.infer<typeof slaRow>;

export const breachRow = z.object({
  requestId: id,
  urgency,
  /** Approved, refused, withdrawn or still pending, as of the report. */
  outcome: z.enum(OUTCOMES),
  route: z.enum(['OWNER', 'DEPUTY', 'HUB']).nullable(),
  createdAt: instant,
  deadline: instant,
  /** When it was decided or withdrawn; null while still pending. */
  resolvedAt: instant.nullable(),
  minutesLate: z.number().min(0),
  ownerName: z.string(),
  ownerTeam: z.string(),
  requesterProvider: z.string(),
});
export type BreachRow = z.infer<typeof breachRow>;

export const slaReport = z.object({
  overall: slaRow,
  byUrgency: z.array(slaRow.extend({ urgency, label: z.string() })),
  byGroup: z.array(slaRow.extend(groupKey)),
  breaches: z.object({ total: count, rows: z.array(breachRow) }),
});
export type SlaReport = z.infer<typeof slaReport>;

export const fallbackReport = z.object({
  requests: count,
  toHub: count,
  shareToHub: share,
  reasons: z.array(z.object({ reason: z.enum(HUB_REASONS), label: z.string(), count, share })),
  byGroup: z.array(z.object({ ...groupKey, requests: count, toHub: count, shareToHub: share, ownerAbsent: count, ownerInactive: count, noOwner: count, deadlineMissed: count })),
});
export type FallbackReport = z.infer<typeof fallbackReport>;

export const outcomesReport = z.object({
  total: count,
  rows: z.array(z.object({ outcome: z.enum(OUTCOMES), label: z.string(), count, share })),
  refusalReasons: z.array(z.object({ code: z.enum(DENY_REASON_CODES), label: z.string(), count, share })),
  byGroup: z.array(z.object({ ...groupKey, total: count, approved: count, narrowed: count, denied: count, withdrawn: count, pending: count })),
  /** Reviews of refusals by the owner's team and the refusal's reason: asked for, overturned, upheld. */
  refusalReviews: z.array(z.object({ teamName: z.string(), reasonCode: z.enum(DENY_REASON_CODES), label: z.string(), refused: count, reviewed: count, overturned: count, upheld: count })),
});
export type OutcomesReport = z.infer<typeof outcomesReport>;


export const emergencyReport = z.object({
  uses: count,
  users: count,
  /** People who used emergency access more than once in the period. */
  repeatUsers: count,
  reviewOutcomes: z.array(z.object({ outcome: z.enum(EMERGENCY_REVIEW_STATES), label: z.string(), count })),
  byUser: z.array(
    z.object({
      userId: id,
      name: z.string(),
      team: z.string(),
      provider: z.string(),
      uses: count,
      justified: count,
      justifiedWithAdvice: count,
      notJustified: count,
      notYetReviewed: count,
    }),
  ),
});
export type EmergencyReport = z.infer<typeof emergencyReport>;

export const grantsReport = z.object({
  totalActive: count,
  byScope: z.array(z.object({ scope, label: z.string(), active: count, fromRequests: count, emergency: count })),
  expiring: z.object({
    total: count,
    rows: z.array(
      z.object({ grantId: id, kind: z.enum(['REQUEST', 'EMERGENCY']), scope, granteeName: z.string(), granteeTeam: z.string(), granteeProvider: z.string(), endsAt: instant }),
    ),
  }),
});
export type GrantsReport = z.infer<typeof grantsReport>;

/** Record reads in the period, online and from connected desktops' offline copies (uploaded by `asOf`). */
export const recordReadsReport = z.object({
  online: count,
  offline: count,
  /** Offline reads stamped at a time the grant they went through no longer stood (revoked or ended meanwhile). */
  offlineOutsideGrant: count,
  byTeam: z.array(z.object({ ...groupKey, online: count, offline: count, offlineOutsideGrant: count, longestUploadMinutes: minutes })),
  /** How long after the read each offline read reached the broker. */
  uploadDelays: z.array(z.object({ label: z.string(), fromMinutes: z.number().min(0), toMinutes: z.number().nullable(), count })),
});
export type RecordReadsReport = z.infer<typeof recordReadsReport>;

export const caseloadPressureRow = z.object({
  staffCode: z.string(),
  name: z.string(),
  team: z.string(),
  /** People the offender manager holds now. */
  caseload: count,
  requests: count,
  /** Different people the requests were about. */
  people: count,
  toHub: count,
  shareToHub: share,
  slaBreaches: count,
  /** Days of recorded absence (leave, sickness, training) inside the period. */
  daysAbsent: z.number().min(0),
});
export type CaseloadPressureRow = z.infer<typeof caseloadPressureRow>;

export const caseloadReport = z.object({ total: count, rows: z.array(caseloadPressureRow) });
export type CaseloadReport = z.infer<typeof caseloadReport>;

export const report = z.object({
  period: reportPeriod,
  breakdown,
  generatedAt: instant,
  /** Long lists (breaches, expiring grants, people) show at most this many rows; totals count all. */
  listLimit: z.number().int().min(1),
  waitTimes: waitTimesReport,
  sla: slaReport,
  fallback: fallbackReport,
  outcomes: outcomesReport,
  emergency: emergencyReport,
  grants: grantsReport,
  caseload: caseloadReport,
  reads: recordReadsReport,
});
export type Report = z.infer<typeof report>;

export const csvFile = z.object({ table: z.enum(REPORT_TABLE_IDS), filename: z.string(), csv: z.string(), rows: count });
export type CsvFile = z.infer<typeof csvFile>;

export const reportsChannels = {
  'reports.build': channel({
    summary: 'The reports for a period of whole days, optionally broken down by provider, region, team or offender manager (SPOs, hub staff, administrators).',
    access: 'session',
    input: reportInput,
    output: report,
    errors: ['REPORT_PERIOD_INVALID'],
  }),
  'reports.exportCsv': channel({
    summary: 'The current report view as CSV, one file per table (or just the one named). Audited; access facts only.',
    access: 'session',
    input: reportInput.extend({ table: z.enum(REPORT_TABLE_IDS).optional() }),
    output: z.object({ files: z.array(csvFile) }),
    errors: ['REPORT_PERIOD_INVALID'],
  }),
} as const;
