/**
 * Time from request to decision (wall-clock minutes): median, 90th percentile (nearest rank) and
 * maximum, split by who decided and by urgency, and as a distribution. Break-glass is reported
 * beside the decision routes as the time until emergency access was opened; those requests also
 * count under whoever decided them later.
 */
import type { Db } from '../store/sql';
import { URGENCIES, URGENCY_LABELS } from '../../../shared/domain/access';
import { WAIT_ROUTE_LABELS, type Breakdown, type WaitRoute, type WaitTimesReport } from '../../../shared/contract/reports';
import { waitStatsOf } from './nearest-rank';
import { byGroup, periodRequests, type PeriodRequest } from './period-requests';
import type { ReportPeriod } from './report-period';

const MIN = 60_000;

/** Distribution bins in minutes: each is [from, to), the last open-ended. */
export const WAIT_BINS: readonly { label: string; fromMinutes: number; toMinutes: number | null }[] = [
  { label: 'Under 15 min', fromMinutes: 0, toMinutes: 15 },
  { label: '15–30 min', fromMinutes: 15, toMinutes: 30 },
  { label: '30 min–1 h', fromMinutes: 30, toMinutes: 60 },
  { label: '1–2 h', fromMinutes: 60, toMinutes: 120 },
  { label: '2–4 h', fromMinutes: 120, toMinutes: 240 },
  { label: '4–8 h', fromMinutes: 240, toMinutes: 480 },
  { label: '8–24 h', fromMinutes: 480, toMinutes: 1440 },
  { label: '1–2 days', fromMinutes: 1440, toMinutes: 2880 },
  { label: '2–5 days', fromMinutes: 2880, toMinutes: 7200 },
  { label: '5 days or more', fromMinutes: 7200, toMinutes: null },
];

const decisionWait = (r: PeriodRequest): number | null => (r.decidedAt === null ? null : r.decidedAt - r.createdAt);
const emergencyWait = (r: PeriodRequest): number | null => (r.firstEmergencyAt === null ? null : r.firstEmergencyAt - r.createdAt);

function waitsFor(requests: readonly PeriodRequest[], route: WaitRoute): number[] {
  const out: number[] = [];
  for (const r of requests) {
    const wait = route === 'EMERGENCY' ? emergencyWait(r) : route === 'ALL' || r.route === route ? decisionWait(r) : null;
    if (wait !== null) out.push(wait);
  }
  return out;
}

const ROUTES: readonly WaitRoute[] = ['ALL', 'OWNER', 'DEPUTY', 'HUB', 'EMERGENCY'];

export function binIndex(waitMs: number): number {
  const minutes = waitMs / MIN;
  const i = WAIT_BINS.findIndex((b) => b.toMinutes === null || minutes < b.toMinutes);
  return i === -1 ? WAIT_BINS.length - 1 : i;
}

export async function waitTimes(db: Db, period: ReportPeriod, breakdown: Breakdown, given?: readonly PeriodRequest[]): Promise<WaitTimesReport> {
  const requests = given ?? (await periodRequests(db, period));
  const series = ROUTES.filter((route) => route !== 'ALL').map((route) => {
    const counts = WAIT_BINS.map(() => 0);
    for (const w of waitsFor(requests, route)) counts[binIndex(w)]!++;
    return { route, label: WAIT_ROUTE_LABELS[route], counts };
  });
  return {
    byRoute: ROUTES.map((route) => ({ route, label: WAIT_ROUTE_LABELS[route], ...waitStatsOf(waitsFor(requests, route)) })),
    byUrgency: URGENCIES.map((urgency) => ({
      urgency,
      label: URGENCY_LABELS[urgency],
      ...waitStatsOf(waitsFor(requests.filter((r) => r.urgency === urgency), 'ALL')),
    })),
    byGroup: byGroup(requests, breakdown, (g, members) => ({ key: g.key, label: g.label, ...waitStatsOf(waitsFor(members, 'ALL')) })),
    distribution: { bins: WAIT_BINS.map((b) => ({ ...b })), series },
  };
}
