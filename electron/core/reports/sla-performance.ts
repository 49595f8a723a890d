/**
 * SLA performance: the share of requests decided by their deadline, and every breach with how
 * late it was. An undecided request past its deadline is a breach, late by the time it has waited
 * beyond it (so a request nobody answered is never missing from the figures). Summed from the
 * period's grouped counts; the listed breaches are the latest, chosen by the database.
 */
import { URGENCIES, URGENCY_LABELS } from '../../../shared/domain/access';
import type { BreachRow, Outcome, SlaReport, SlaRow } from '../../../shared/contract/reports';
import type { DecisionRoute } from '../../../shared/contract/vocabulary';
import type { Urgency } from '../../../shared/domain/access';
import { all, sql } from '../store/sql';
import { shareOf } from './nearest-rank';
import { countsByGroup, total, type PeriodCount } from './period-counts';
import { groupLabel, inGroupOrder, NO_OWNER, NO_STAFF_RECORD, periodFacts, placeOf } from './period-requests';
import type { ReportInputs } from './report-inputs';

export const DEFAULT_LIST_LIMIT = 500;

export function slaRowOf(counts: readonly PeriodCount[]): SlaRow {
  const met = total(counts, (c) => c.sla === 'MET');
  const breached = total(counts, (c) => c.sla === 'BREACHED');
  const notYetDue = total(counts, (c) => c.sla === 'NOT_YET_DUE');
  return { due: met + breached, met, breached, notYetDue, shareMet: shareOf(met, met + breached) };
}

interface BreachRecord {
  id: number;
  urgency: Urgency;
  outcome: Outcome;
  route: DecisionRoute | null;
  created_at: number;
  deadline: number;
  resolved_at: number | null;
  /** Minutes late in tenths, rounded half up as toMinutes rounds. */
  late_tenths: number;
  owner_staff_code: string | null;
  requester_staff_code: string | null;
}

/** The latest breaches first: the ones people will be asked about. */
async function latestBreaches(i: ReportInputs): Promise<BreachRow[]> {
  const rows = await all<BreachRecord>(
    i.db,
    sql`${periodFacts(i.period, 'NONE')}
        SELECT id, urgency, outcome, route, created_at, deadline, coalesce(decided_at, withdrawn_at) AS resolved_at, CAST((late_ms + 3000) / 6000 AS INTEGER) AS late_tenths,
          owner_staff_code, requester_staff_code
        FROM facts WHERE sla = 'BREACHED' ORDER BY late_tenths DESC, id LIMIT ${i.listLimit}`,
  );
  return rows.map((r) => {
    const owner = placeOf(i.names, r.owner_staff_code, NO_OWNER);
    return {
      requestId: Number(r.id),
      urgency: r.urgency,
      outcome: r.outcome,
      route: r.route,
      createdAt: Number(r.created_at),
      deadline: Number(r.deadline),
      resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
      minutesLate: Number(r.late_tenths) / 10,
      ownerName: owner.person,
      ownerTeam: owner.team,
      requesterProvider: placeOf(i.names, r.requester_staff_code, NO_STAFF_RECORD).provider,
    };
  });
}

export async function slaPerformance(i: ReportInputs): Promise<SlaReport> {
  const { counts, breakdown } = i;
  return {
    overall: slaRowOf(counts),
    byUrgency: URGENCIES.map((urgency) => ({ urgency, label: URGENCY_LABELS[urgency], ...slaRowOf(counts.filter((c) => c.urgency === urgency)) })),
    byGroup:
      breakdown === 'NONE'
        ? []
        : inGroupOrder([...countsByGroup(counts)].map(([key, members]) => ({ key, label: groupLabel(i.names, breakdown, key), ...slaRowOf(members) }))),
    breaches: { total: total(counts, (c) => c.sla === 'BREACHED'), rows: await latestBreaches(i) },
  };
}
