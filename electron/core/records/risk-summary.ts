/** The short risk picture for deciders and inbox rows: RoSH, MAPPA, tier and red flags. */
import { inList } from '../broker/list-facts';
import type { Db } from '../store/sql';
import type { RiskSummary } from '../../../shared/contract';
import type { RiskLevel } from '../../../shared/domain/access';
import { MAPPA_CATEGORIES, MAPPA_LEVELS, ROSH_CODES } from '../../../shared/domain/register-types';
import { localDate, officeTimeZone } from '../broker/case-facts';
import { all, one, sql } from '../store/sql';

interface ActiveRegistration {
  type_code: string;
  level: string | null;
  category: string | null;
  description: string;
  colour: 'Red' | 'Amber' | 'Green' | 'White';
  front_sheet_rank: number;
}

export async function activeRegistrations(db: Db, crn: string, now: number): Promise<ActiveRegistration[]> {
  const today = localDate(now, await officeTimeZone(db));
  return await all<ActiveRegistration>(
    db,
    sql`SELECT r.type_code, r.level, r.category, t.description, t.colour, t.front_sheet_rank
        FROM registrations r JOIN register_types t ON t.code = r.type_code
        WHERE r.crn = ${crn} AND r.start_date <= ${today} AND (r.end_date IS NULL OR r.end_date > ${today})
        ORDER BY CASE WHEN t.front_sheet_rank > 0 THEN t.front_sheet_rank ELSE 1000 END, r.type_code, r.start_date DESC`,
  );
}

const RANK: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, VERY_HIGH: 3 };
const asLevel = <T extends string>(list: readonly T[], v: string | null): T | null => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : null);

export async function riskSummary(db: Db, crn: string, now: number, restricted: boolean): Promise<RiskSummary> {
  const person = await one<{ tier: string | null }>(db, sql`SELECT tier FROM people WHERE crn = ${crn}`);
  return summariseRisk(await activeRegistrations(db, crn, now), person?.tier ?? null, restricted);
}

/** A risk summary per person, for a page of a list: two queries whatever the number of people. */
export type RiskOf = (crn: string, restricted: boolean) => RiskSummary;

export async function riskSummaries(db: Db, crns: Iterable<string>, now: number, timeZone: string): Promise<RiskOf> {
  const list = JSON.stringify([...new Set(crns)]);
  const today = localDate(now, timeZone);
  const regs = new Map<string, ActiveRegistration[]>();
  // The same order as activeRegistrations, within each person.
  for (const r of await all<ActiveRegistration & { crn: string }>(db, sql`SELECT r.crn, r.type_code, r.level, r.category, t.description, t.colour, t.front_sheet_rank
           FROM registrations r JOIN register_types t ON t.code = r.type_code
           WHERE r.crn ${inList(list)} AND r.start_date <= ${today} AND (r.end_date IS NULL OR r.end_date > ${today})
           ORDER BY r.crn, CASE WHEN t.front_sheet_rank > 0 THEN t.front_sheet_rank ELSE 1000 END, r.type_code, r.start_date DESC`)) {
    const own = regs.get(r.crn) ?? [];
    own.push(r);
    regs.set(r.crn, own);
  }
  const tiers = new Map(
    (await all<{ crn: string; tier: string | null }>(db, sql`SELECT crn, tier FROM people WHERE crn ${inList(list)}`)).map((p) => [p.crn, p.tier]),
  );
  return (crn, restricted) => summariseRisk(regs.get(crn) ?? [], tiers.get(crn) ?? null, restricted);
}

function summariseRisk(regs: readonly ActiveRegistration[], tier: string | null, restricted: boolean): RiskSummary {
  let rosh: RiskLevel | null = null;
  for (const r of regs) {
    const level = (ROSH_CODES as Record<string, RiskLevel>)[r.type_code];
    if (level && (rosh === null || RANK[level] > RANK[rosh])) rosh = level;
  }
  const mappaReg = regs.find((r) => r.type_code === 'MAPP');
  return {
    roshLevel: rosh,
    mappa: mappaReg ? { category: asLevel(MAPPA_CATEGORIES, mappaReg.category), level: asLevel(MAPPA_LEVELS, mappaReg.level) } : null,
    tier,
    flags: regs
      .filter((r) => r.colour === 'Red' && !(r.type_code in ROSH_CODES) && r.type_code !== 'MAPP')
      .map((r) => ({ code: r.type_code, description: r.description, colour: r.colour })),
    restricted,
  };
}

/** What a viewer without the right to the summary sees: nothing but the restricted flag. */
export const hiddenRiskSummary = (restricted: boolean): RiskSummary => ({ roshLevel: null, mappa: null, tier: null, flags: [], restricted });
