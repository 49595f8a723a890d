/**
 * The three sizes of synthetic data. `national` follows DOMAIN.md: ~240,000 people (40% NPS),
 * ~20,000 staff in ~1,400 teams of 8–12 practitioners, PO ~4,400 / PSO ~6,800, 1 SPO per ~8
 * practitioners, ~60 hub staff. `office` is one NPS division office (London) and its CRC partner.
 * `small` is tiny, for tests, but has every kind of row and the same demonstration scenario.
 */

export const SCALE_NAMES = ['small', 'office', 'national'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

type Range = readonly [number, number];

export interface ScaleSpec {
  name: ScaleName;
  people: number;
  /** Share of people managed by the NPS (the rest by CRCs). */
  npsShare: number;
  /** Team counts per provider code. */
  teams: Readonly<Record<string, number>>;
  practitionersPerTeam: Range;
  adminPerTeam: Range;
  /** Hub staff per NPS division that has a hub team. */
  hubStaff: Readonly<Record<string, number>>;
  /** Case-holding practitioners carry caseloads in these ranges; a share of them is overloaded. */
  caseload: { PO: Range; PSO: Range; PQIP: Range; overloadedShare: number; overloaded: Range };
  /** Share of people in a generic accredited programme group (besides the demonstration group). */
  programmeShare: number;
  /** Participants in the demonstration programme group. */
  demoProgrammeSize: number;
}

/** Each NPS division and the CRCs that worked in its area, with a rough size weight. */
export const REGIONS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  N01: { C02: 4, C06: 4, C07: 6 },
  N02: { C01: 3, C03: 3, C04: 4, C05: 6, C09: 4 },
  N03: { C10: 6 },
  N04: { C08: 6, C11: 8, C12: 4 },
  N05: { C15: 4, C16: 4, C19: 3, C20: 2 },
  N06: { C13: 3, C14: 3, C18: 3, C21: 7 },
  N07: { C17: 15 },
};

export const regionOf = (providerCode: string): string => {
  if (providerCode.startsWith('N')) return providerCode;
  const found = Object.entries(REGIONS).find(([, crcs]) => providerCode in crcs);
  if (!found) throw new Error(`no region for ${providerCode}`);
  return found[0];
};

/** Splits `total` teams across providers by weight, every provider getting at least one. */
function spread(total: number, weights: Record<string, number>): Record<string, number> {
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  for (const [code, w] of Object.entries(weights)) out[code] = Math.max(1, Math.round((total * w) / sum));
  return out;
}

function nationalTeams(): Record<string, number> {
  const divisionWeights: Record<string, number> = {};
  const crcWeights: Record<string, number> = {};
  for (const [division, crcs] of Object.entries(REGIONS)) {
    divisionWeights[division] = Object.values(crcs).reduce((a, b) => a + b, 0);
    Object.assign(crcWeights, crcs);
  }
  return { ...spread(600, divisionWeights), ...spread(800, crcWeights) };
}

const REALISTIC_CASELOADS: ScaleSpec['caseload'] = {
  PO: [35, 45],
  PSO: [40, 60],
  PQIP: [15, 25],
  overloadedShare: 0.08,
  overloaded: [70, 85],
};

export const SCALES: Readonly<Record<ScaleName, ScaleSpec>> = {
  small: {
    name: 'small',
    people: 48,
    npsShare: 0.4,
    teams: { N07: 1, C17: 1 },
    practitionersPerTeam: [6, 6],
    adminPerTeam: [1, 1],
    hubStaff: { N07: 3 },
    caseload: { PO: [3, 5], PSO: [4, 6], PQIP: [2, 3], overloadedShare: 0, overloaded: [8, 9] },
    programmeShare: 0,
    demoProgrammeSize: 6,
  },
  office: {
    name: 'office',
    people: 400,
    npsShare: 0.4,
    teams: { N07: 2, C17: 3 },
    practitionersPerTeam: [8, 10],
    adminPerTeam: [1, 1],
    hubStaff: { N07: 4 },
    caseload: REALISTIC_CASELOADS,
    programmeShare: 0,
    demoProgrammeSize: 12,
  },
  national: {
    name: 'national',
    people: 240_000,
    npsShare: 0.4,
    teams: nationalTeams(),
    practitionersPerTeam: [8, 12],
    adminPerTeam: [2, 4],
    hubStaff: { N01: 8, N02: 10, N03: 6, N04: 9, N05: 8, N06: 9, N07: 10 },
    caseload: REALISTIC_CASELOADS,
    programmeShare: 0.04,
    demoProgrammeSize: 12,
  },
};
