/** Maximum grant durations: by scope from policy, halved for the highest-risk people. */
import type { Scope } from '../../../shared/domain/access';
import type { PolicySettings, RiskSummary } from '../../../shared/contract';

export const isHighestRisk = (risk: Pick<RiskSummary, 'roshLevel' | 'mappa'>): boolean =>
  risk.roshLevel === 'VERY_HIGH' || risk.mappa?.level === 'M2' || risk.mappa?.level === 'M3';

export function maxDurationDays(policy: PolicySettings, scope: Scope, risk: Pick<RiskSummary, 'roshLevel' | 'mappa'>): number {
  const base = policy.maxDurationDays[scope];
  return policy.halveForHighestRisk && isHighestRisk(risk) ? Math.max(1, Math.floor(base / 2)) : base;
}
