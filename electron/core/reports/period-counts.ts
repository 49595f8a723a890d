/**
 * How many of the period's requests share each combination of urgency, group, SLA state,
 * outcome, hub reason and refusal reason: one grouped query, from which the SLA, fallback and
 * outcome tables are summed (counts add up, so no table needs the requests themselves).
 */
import type { Db } from '../store/sql';
import type { Breakdown, Outcome } from '../../../shared/contract/reports';
import type { DenyReasonCode, HubReason } from '../../../shared/contract/vocabulary';
import type { Urgency } from '../../../shared/domain/access';
import { all, sql } from '../store/sql';
import { periodFacts } from './period-requests';
import type { ReportPeriod } from './report-period';

export type SlaStateName = 'MET' | 'BREACHED' | 'NOT_YET_DUE' | 'WITHDRAWN_IN_TIME';

export interface PeriodCount {
  urgency: Urgency;
  groupKey: string;
  sla: SlaStateName;
  outcome: Outcome;
  hubReason: HubReason | null;
  denyReason: DenyReasonCode | null;
  n: number;
}

export async function periodCounts(db: Db, period: ReportPeriod, breakdown: Breakdown): Promise<PeriodCount[]> {
  const rows = await all<{ urgency: Urgency; group_key: string; sla: SlaStateName; outcome: Outcome; hub_reason: HubReason | null; deny_reason: DenyReasonCode | null; n: number }>(
    db,
    sql`${periodFacts(period, breakdown)}
        SELECT urgency, group_key, sla, outcome, hub_reason, deny_reason, count(*) AS n FROM facts
        GROUP BY urgency, group_key, sla, outcome, hub_reason, deny_reason`,
  );
  return rows.map((r) => ({ urgency: r.urgency, groupKey: r.group_key, sla: r.sla, outcome: r.outcome, hubReason: r.hub_reason, denyReason: r.deny_reason, n: Number(r.n) }));
}

/** The sum of `n` over the counts that match. */
export function total(counts: readonly PeriodCount[], match: (c: PeriodCount) => boolean = () => true): number {
  let n = 0;
  for (const c of counts) if (match(c)) n += c.n;
  return n;
}

/** The counts split by group key (for breakdown tables). */
export function countsByGroup(counts: readonly PeriodCount[]): Map<string, PeriodCount[]> {
  const groups = new Map<string, PeriodCount[]>();
  for (const c of counts) {
    const list = groups.get(c.groupKey) ?? [];
    list.push(c);
    groups.set(c.groupKey, list);
  }
  return groups;
}
