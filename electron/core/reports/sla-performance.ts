/**
 * SLA performance: the share of requests decided by their deadline, and every breach with how
 * late it was. An undecided request past its deadline is a breach, late by the time it has waited
 * beyond it (so a request nobody answered is never missing from the figures).
 */
import type { Db } from '../store/sql';
import { URGENCIES, URGENCY_LABELS } from '../../../shared/domain/access';
import type { BreachRow, Breakdown, SlaReport, SlaRow } from '../../../shared/contract/reports';
import { shareOf, toMinutes } from './nearest-rank';
import { byGroup, periodRequests, slaState, type PeriodRequest } from './period-requests';
import type { ReportPeriod } from './report-period';

export const DEFAULT_LIST_LIMIT = 500;

export function slaRowOf(requests: readonly PeriodRequest[], asOf: number): SlaRow {
  let met = 0;
  let breached = 0;
  let notYetDue = 0;
  for (const r of requests) {
    const s = slaState(r, asOf).state;
    if (s === 'MET') met++;
    else if (s === 'BREACHED') breached++;
    else if (s === 'NOT_YET_DUE') notYetDue++;
  }
  return { due: met + breached, met, breached, notYetDue, shareMet: shareOf(met, met + breached) };
}

function breachRows(requests: readonly PeriodRequest[], asOf: number): BreachRow[] {
  const rows: BreachRow[] = [];
  for (const r of requests) {
    const s = slaState(r, asOf);
    if (s.state !== 'BREACHED') continue;
    rows.push({
      requestId: r.id,
      urgency: r.urgency,
      outcome: r.outcome,
      route: r.route,
      createdAt: r.createdAt,
      deadline: r.deadline,
      resolvedAt: s.resolvedAt,
      minutesLate: toMinutes(s.lateMs),
      ownerName: r.owner.label,
      ownerTeam: r.ownerTeam.label,
      requesterProvider: r.requesterProvider.label,
    });
  }
  // Latest first: the breaches people will be asked about.
  return rows.sort((a, b) => b.minutesLate - a.minutesLate || a.requestId - b.requestId);
}

export async function slaPerformance(
  db: Db,
  period: ReportPeriod,
  breakdown: Breakdown,
  listLimit = DEFAULT_LIST_LIMIT,
  given?: readonly PeriodRequest[],
): Promise<SlaReport> {
  const requests = given ?? (await periodRequests(db, period));
  const { asOf } = period;
  const breaches = breachRows(requests, asOf);
  return {
    overall: slaRowOf(requests, asOf),
    byUrgency: URGENCIES.map((urgency) => ({ urgency, label: URGENCY_LABELS[urgency], ...slaRowOf(requests.filter((r) => r.urgency === urgency), asOf) })),
    byGroup: byGroup(requests, breakdown, (g, members) => ({ key: g.key, label: g.label, ...slaRowOf(members, asOf) })),
    breaches: { total: breaches.length, rows: breaches.slice(0, listLimit) },
  };
}
