/**
 * The case tier (A1–D3), after hmpps-tier as summarised in DOMAIN.md. The letter is the protect
 * level from risk of harm; the number is the change level from reoffending likelihood and needs.
 */
import type { RiskLevel } from '../../../shared/domain/access';

/** Registrations that count as complexity factors, 2 protect points each. */
export const COMPLEXITY_CODES: ReadonlySet<string> = new Set(['RMDO', 'ALSH', 'RTAO', 'IRMO', 'STRG', 'RCCO', 'RCPR', 'RCHD']);

export interface TierInputs {
  rosh: RiskLevel | null;
  /** RSR score in percent. */
  rsr: number | null;
  /** MAPPA level 1–3, or null when not managed under MAPPA. */
  mappaLevel: 1 | 2 | 3 | null;
  registrationCodes: readonly string[];
  /** OGRS3 two-year score in percent. */
  ogrs2yr: number | null;
  /** Points from assessed criminogenic needs (accommodation, employment, relationships, …). */
  needsPoints: number;
}

const ROSH_POINTS: Record<RiskLevel, number> = { VERY_HIGH: 150, HIGH: 20, MEDIUM: 10, LOW: 0 };

export function protectPoints(t: TierInputs): number {
  const rsrPoints = t.rsr === null ? 0 : t.rsr >= 7 ? 20 : t.rsr >= 3 ? 10 : 0;
  const roshPoints = t.rosh === null ? 0 : ROSH_POINTS[t.rosh];
  const mappaPoints = t.mappaLevel === null ? 0 : t.mappaLevel >= 2 ? 150 : 5;
  const complexity = 2 * t.registrationCodes.filter((c) => COMPLEXITY_CODES.has(c)).length;
  // RSR and RoSH measure the same thing in two ways: the higher counts, not both.
  return Math.max(rsrPoints, roshPoints) + mappaPoints + complexity;
}

export function changePoints(t: TierInputs): number {
  return Math.floor((t.ogrs2yr ?? 0) / 10) + t.needsPoints;
}

export function computeTier(t: TierInputs): string {
  const p = protectPoints(t);
  const letter = p >= 150 ? 'A' : p >= 20 ? 'B' : p >= 10 ? 'C' : 'D';
  const c = changePoints(t);
  const level = c >= 20 ? 3 : c >= 10 ? 2 : 1;
  return `${letter}${level}`;
}
