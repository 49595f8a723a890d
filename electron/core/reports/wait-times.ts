/**
 * Time from request to decision (wall-clock minutes): median, 90th percentile (nearest rank) and
 * maximum, split by who decided and by urgency, and as a distribution. Break-glass is reported
 * beside the decision routes as the time until emergency access was opened; those requests also
 * count under whoever decided them later.
 */
import { URGENCIES, URGENCY_LABELS } from '../../../shared/domain/access';
import { WAIT_ROUTE_LABELS, type WaitRoute, type WaitStats, type WaitTimesReport } from '../../../shared/contract/reports';
import type { DecisionRoute } from '../../../shared/contract/vocabulary';
import type { Urgency } from '../../../shared/domain/access';
import { all, sql } from '../store/sql';
import { toMinutes } from './nearest-rank';
import { groupLabel, inGroupOrder, periodFacts } from './period-requests';
import type { ReportInputs } from './report-inputs';

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

const ROUTES: readonly WaitRoute[] = ['ALL', 'OWNER', 'DEPUTY', 'HUB', 'EMERGENCY'];

export function binIndex(waitMs: number): number {
  const minutes = waitMs / MIN;
  const i = WAIT_BINS.findIndex((b) => b.toMinutes === null || minutes < b.toMinutes);
  return i === -1 ? WAIT_BINS.length - 1 : i;
}

interface WaitRow {
  /** Request to decision, when decided by `asOf`. */
  wait: number | null;
  route: DecisionRoute | null;
  urgency: Urgency;
  group_key: string;
  /** Request to the first emergency opening, if any. */
  emergency_wait: number | null;
}

/** Count, median, 90th percentile and maximum (nearest rank) of waits, sorted in place. */
function statsOf(waits: number[] | undefined): WaitStats {
  if (!waits || waits.length === 0) return { count: 0, medianMinutes: null, p90Minutes: null, maxMinutes: null };
  const sorted = Float64Array.from(waits).sort();
  const at = (percent: number) => toMinutes(sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length)) - 1]!);
  return { count: sorted.length, medianMinutes: at(50), p90Minutes: at(90), maxMinutes: at(100) };
}

const push = (map: Map<string, number[]>, key: string, wait: number) => {
  const list = map.get(key);
  if (list) list.push(wait);
  else map.set(key, [wait]);
};

/**
 * The database picks the decided and emergency-opened requests and their waits (two numbers and
 * three short codes each); percentiles need the waits in order, which a typed-array sort gives
 * faster than either engine's window functions.
 */
export async function waitTimes(i: ReportInputs): Promise<WaitTimesReport> {
  const rows = await all<WaitRow>(
    i.db,
    sql`${periodFacts(i.period, i.breakdown)}
        SELECT decided_at - created_at AS wait, route, urgency, group_key, first_emergency_at - created_at AS emergency_wait
        FROM facts WHERE decided_at IS NOT NULL OR first_emergency_at IS NOT NULL`,
  );
  const byRoute = new Map<string, number[]>();
  const byUrgency = new Map<string, number[]>();
  const byGroupKey = new Map<string, number[]>();
  for (const r of rows) {
    if (r.emergency_wait !== null) push(byRoute, 'EMERGENCY', Number(r.emergency_wait));
    if (r.wait === null) continue;
    const wait = Number(r.wait);
    push(byRoute, 'ALL', wait);
    if (r.route !== null) push(byRoute, r.route, wait);
    push(byUrgency, r.urgency, wait);
    push(byGroupKey, r.group_key, wait);
  }
  const { breakdown } = i;
  return {
    byRoute: ROUTES.map((route) => ({ route, label: WAIT_ROUTE_LABELS[route], ...statsOf(byRoute.get(route)) })),
    byUrgency: URGENCIES.map((urgency) => ({ urgency, label: URGENCY_LABELS[urgency], ...statsOf(byUrgency.get(urgency)) })),
    // Every group with a request is listed, with no waits when none of its requests was decided.
    byGroup:
      breakdown === 'NONE'
        ? []
        : inGroupOrder([...new Set(i.counts.map((c) => c.groupKey))].map((key) => ({ key, label: groupLabel(i.names, breakdown, key), ...statsOf(byGroupKey.get(key)) }))),
    distribution: {
      bins: WAIT_BINS.map((b) => ({ ...b })),
      series: ROUTES.filter((route) => route !== 'ALL').map((route) => {
        const counts = WAIT_BINS.map(() => 0);
        for (const w of byRoute.get(route) ?? []) counts[binIndex(w)]!++;
        return { route, label: WAIT_ROUTE_LABELS[route], counts };
      }),
    },
  };
}
