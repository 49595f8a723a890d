/**
 * Generates one person and every row about them (registrations, assessment, sentences,
 * allocations, LAO entries) from the person's index alone, so national scale streams one person at
 * a time. Rows are keyed by the export format's column names.
 */
import { RISK_LEVELS, type RiskLevel } from '../../../shared/domain/access';
import { REGISTER_TYPES } from '../../../shared/domain/register-types';
import { FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES } from './uk-names';
import type { CasePlan } from './case-plan';
import type { DemoScenario, ScenarioLao } from './demo-scenario';
import { EXCLUSION_MESSAGE, RESTRICTION_MESSAGE } from './demo-scenario';
import { riskText } from './oasys-text';
import type { OrganisationPlan, StaffPlan } from './organisation-plan';
import { rngFor, type Rng } from './prng';
import { decideRiskProfile, REGISTRATION_NOTES, type RiskProfile } from './risk-profile';
import { REGIONS } from './scales';
import { addDays, addMonths, instantOn, isoInstant, yearOf, type AsOf } from './seed-dates';
import { sentenceFor, type SentencePlan } from './sentence-plan';
import { croFor, crnFor, nomsFor, pncFor } from './synthetic-identifiers';
import { computeTier } from './tier';

export type Row = Record<string, string | number | null>;

export interface PersonBundle {
  person: Row;
  registrations: Row[];
  assessments: Row[];
  sentences: Row[];
  allocations: Row[];
  laoExclusions: Row[];
  laoRestrictions: Row[];
}

export interface PersonContext {
  seed: number;
  asOf: AsOf;
  org: OrganisationPlan;
  cases: CasePlan;
  scenario: DemoScenario;
}

const REVIEW_MONTHS = new Map(REGISTER_TYPES.map((t) => [t.code, t.reviewMonths]));
const levelIndex = (l: RiskLevel) => RISK_LEVELS.indexOf(l);
const levelAt = (i: number): RiskLevel => RISK_LEVELS[Math.max(0, Math.min(3, i))]!;

export function generatePerson(i: number, ctx: PersonContext): PersonBundle {
  const rng = rngFor(ctx.seed, 'person', i);
  const owner = ctx.org.staff[ctx.cases.ownerOf[i]!]!;
  const crn = crnFor(i, ctx.seed);
  const gender = rng.weighted([['M', 89], ['F', 10.5], ['X', 0.5]] as const);
  const forename = rng.pick(gender === 'M' ? MALE_FORENAMES : gender === 'F' ? FEMALE_FORENAMES : rng.pick([MALE_FORENAMES, FEMALE_FORENAMES]));
  const surname = rng.pick(SURNAMES);
  const age = Math.round(rng.around(34, 9, 18, 78));
  const dob = addDays(ctx.asOf.date, -(age * 365 + rng.int(0, 364)));
  const birthYear = yearOf(dob);
  const firstArrest = Math.min(yearOf(ctx.asOf.date), birthYear + 16 + rng.int(0, Math.min(age - 16, 25)));
  const extras = ctx.scenario.extras.get(i);

  const profile = decideRiskProfile(rng, owner.sector, gender, age);
  for (const forced of extras?.registrations ?? []) if (!profile.registrations.includes(forced.type)) profile.registrations.push(forced.type);
  const hasNoms = rng.chance(owner.sector === 'NPS' ? 0.8 : 0.45);
  const groupIndex = ctx.cases.programmeOf[i]!;
  const group = groupIndex >= 0 ? ctx.cases.groups[groupIndex]! : null;
  const sentence = sentenceFor(rng, owner.sector, profile, group, ctx.asOf);
  const assessment = assessmentRow(rng, crn, profile, surname, gender, hasNoms, ctx.asOf);
  const tier = computeTier({
    rosh: profile.rosh,
    rsr: assessment.rsr as number,
    mappaLevel: profile.mappa ? (Number(profile.mappa.level.slice(1)) as 1 | 2 | 3) : null,
    registrationCodes: profile.registrations,
    ogrs2yr: assessment.ogrs3_2yr as number,
    needsPoints: rng.int(0, 14) + (owner.sector === 'NPS' ? 2 : 0),
  });

  const person: Row = {
    crn,
    pnc: rng.chance(0.92) ? pncFor(i, ctx.seed, firstArrest) : null,
    noms: hasNoms ? nomsFor(i, ctx.seed) : null,
    cro: rng.chance(0.8) ? croFor(i, ctx.seed, firstArrest) : null,
    forename,
    surname,
    dob,
    gender,
    tier,
    owner_staff_code: owner.code,
    managing_sector: owner.sector,
  };
  const lao = laoRows(rng, i, crn, owner, ctx);
  return {
    person,
    registrations: registrationRows(rng, crn, profile, extras?.registrations ?? [], ctx.asOf),
    assessments: [assessment],
    sentences: sentenceRows(crn, sentence),
    allocations: allocationRows(rng, crn, owner, sentence, group, ctx),
    laoExclusions: lao.exclusions,
    laoRestrictions: lao.restrictions,
  };
}

function registrationRows(rng: Rng, crn: string, profile: RiskProfile, forced: { type: string; notes: string }[], asOf: AsOf): Row[] {
  const rows: Row[] = [];
  const roshStart = addDays(asOf.date, -rng.int(30, 700));
  profile.registrations.forEach((code, k) => {
    const start = k === 0 ? roshStart : addDays(asOf.date, -rng.int(14, 1000));
    const months = REVIEW_MONTHS.get(code) ?? 6;
    let review = addMonths(start, months);
    while (review < asOf.date) review = addMonths(review, months);
    const notes = forced.find((f) => f.type === code)?.notes ?? REGISTRATION_NOTES[code] ?? null;
    rows.push({
      id: `${crn}-R${k + 1}`,
      crn,
      type_code: code,
      level: code === 'MAPP' ? profile.mappa!.level : null,
      category: code === 'MAPP' ? profile.mappa!.category : null,
      start_date: start,
      next_review_date: review,
      end_date: null,
      notes,
    });
  });
  // Some people were registered at another RoSH level before: history the full record shows.
  if (rng.chance(0.15)) {
    const earlier = levelAt(levelIndex(profile.rosh) - 1);
    rows.push({
      id: `${crn}-R${rows.length + 1}`,
      crn,
      type_code: { LOW: 'RLRH', MEDIUM: 'RMRH', HIGH: 'RHRH', VERY_HIGH: 'RVHR' }[earlier],
      level: null,
      category: null,
      start_date: addDays(roshStart, -rng.int(180, 900)),
      next_review_date: null,
      end_date: roshStart,
      notes: 'Level changed at review.',
    });
  }
  return rows;
}

function assessmentRow(rng: Rng, crn: string, p: RiskProfile, surname: string, gender: string, custody: boolean, asOf: AsOf): Row {
  const r = levelIndex(p.rosh);
  const has = (code: string) => p.registrations.includes(code);
  const knownAdult = p.offence === 'domestic abuse' || has('REG15') ? r : r - 1;
  const publicLevel = p.offence === 'domestic abuse' ? r - 1 : r;
  const children = has('RCHD') ? r : r - 2;
  const staff = has('AV2S') ? r : r - 2;
  const custodyLevel = (l: number) => (custody ? levelAt(l - 1) : null);
  const [he, his, title] =
    gender === 'M' ? (['he', 'his', `Mr ${surname}`] as const) : gender === 'F' ? (['she', 'her', `Ms ${surname}`] as const) : (['they', 'their', `Mx ${surname}`] as const);
  const text = riskText(
    {
      title,
      he,
      his,
      offence: p.offence,
      rosh: p.rosh,
      riskToChildren: has('RCHD'),
      riskToStaff: has('AV2S'),
      riskToKnownAdult: has('REG15'),
      gang: has('STRG'),
      selfHarm: has('ALSH'),
      mappa: p.mappa !== null,
    },
    rng,
  );
  const higherRisk = r >= 2 || p.mappa !== null;
  const ogrs1 = Math.round(rng.around(p.offence === 'acquisitive' ? 45 : 28, 12, 2, 92));
  const sexual = p.offence === 'sexual';
  return {
    id: `${crn}-A1`,
    crn,
    completed_date: addDays(asOf.date, -rng.int(7, 330)),
    ...text,
    rosh_children_community: levelAt(children),
    rosh_public_community: levelAt(publicLevel),
    rosh_known_adult_community: levelAt(knownAdult),
    rosh_staff_community: levelAt(staff),
    rosh_children_custody: custodyLevel(children),
    rosh_public_custody: custodyLevel(publicLevel),
    rosh_known_adult_custody: custodyLevel(knownAdult),
    rosh_staff_custody: custodyLevel(staff),
    risk_suicide: has('ALSH') ? 'YES' : rng.chance(0.1) ? 'DONT_KNOW' : 'NO',
    risk_self_harm: has('ALSH') ? 'YES' : 'NO',
    risk_custody: custody ? rng.weighted([['NO', 80], ['YES', 10], ['DONT_KNOW', 10]] as const) : 'DONT_KNOW',
    risk_vulnerability: has('AMHL') || has('RMDO') ? 'YES' : 'NO',
    ogrs3_1yr: ogrs1,
    ogrs3_2yr: Math.min(99, Math.round(ogrs1 * 1.45 + rng.int(0, 5))),
    ogp: Math.round(rng.around(30, 12, 1, 90)),
    ovp: Math.round(rng.around(p.offence === 'violence' || p.offence === 'weapons' ? 35 : 18, 10, 1, 85)),
    rsr: Math.round((higherRisk ? rng.around(5.5, 2.5, 0.5, 18) : rng.around(1.8, 1.1, 0.1, 6.9)) * 100) / 100,
    rsr_type: rng.chance(0.8) ? 'DYNAMIC' : 'STATIC',
    osp_c: sexual ? rng.weighted([['LOW', 40], ['MEDIUM', 35], ['HIGH', 20], ['VERY_HIGH', 5]] as const) : null,
    osp_i: sexual ? rng.weighted([['LOW', 60], ['MEDIUM', 30], ['HIGH', 10]] as const) : null,
  };
}

function sentenceRows(crn: string, s: SentencePlan): Row[] {
  const rows: Row[] = [
    { id: `${crn}-S1`, crn, description: s.description, length_months: s.lengthMonths, start_date: s.startDate, end_date: s.endDate, requirements: s.requirements.join('; ') || null },
  ];
  if (s.previous) rows.push({ id: `${crn}-S2`, crn, ...s.previous });
  return rows;
}

function allocationRows(rng: Rng, crn: string, owner: StaffPlan, s: SentencePlan, group: CasePlan['groups'][number] | null, ctx: PersonContext): Row[] {
  const rows: Row[] = [];
  if (group) {
    rows.push({
      id: `${crn}-L${rows.length + 1}`,
      crn,
      staff_code: group.tutor.code,
      kind: 'PROGRAMME',
      description: group.programme.name,
      programme_code: group.code,
      start_date: group.startDate,
      end_date: group.endDate,
    });
  }
  for (const req of s.requirements.filter((x) => /^(Unpaid Work|Rehabilitation Activity)/.test(x))) {
    if (!rng.chance(0.6)) continue;
    const providers = owner.sector === 'CRC' ? [owner.providerCode] : Object.keys(REGIONS[owner.region] ?? {});
    const pool = providers.flatMap((p) => ctx.cases.deliverers.get(p) ?? []);
    if (pool.length === 0) continue;
    rows.push({
      id: `${crn}-L${rows.length + 1}`,
      crn,
      staff_code: rng.pick(pool).code,
      kind: 'REQUIREMENT',
      description: req.replace(/ \(.*\)$/, ''),
      programme_code: null,
      start_date: addDays(s.startDate, rng.int(0, 28)),
      end_date: s.endDate,
    });
  }
  return rows;
}

function laoRows(rng: Rng, i: number, crn: string, owner: StaffPlan, ctx: PersonContext): { exclusions: Row[]; restrictions: Row[] } {
  const extras = ctx.scenario.extras.get(i);
  let exclusions: ScenarioLao[] = extras?.exclusions ?? [];
  let restrictions: ScenarioLao[] = extras?.restrictions ?? [];
  if (!extras) {
    if (rng.chance(0.002)) {
      const spo = ctx.cases.spoOf.get(owner.teamCode);
      restrictions = [owner, ...(spo && spo !== owner ? [spo] : [])].map((staff) => ({ staff, reason: 'High-profile case: named staff only', message: RESTRICTION_MESSAGE }));
    }
    if (rng.chance(0.001)) {
      const pool = Object.keys(REGIONS[owner.region] ?? {}).flatMap((p) => ctx.cases.deliverers.get(p) ?? []);
      if (pool.length > 0) {
        const reason = rng.pick(['Staff member is related to the person', 'Staff member was a victim of the person', 'Previous personal relationship']);
        exclusions = [{ staff: rng.pick(pool), reason, message: EXCLUSION_MESSAGE }];
      }
    }
  }
  const start = isoInstant(instantOn(ctx.asOf, -rng.int(30, 900), 9));
  const row = (l: ScenarioLao, id: string): Row => ({ id, crn, staff_code: l.staff.code, start_at: start, end_at: null, reason: l.reason, message: l.message });
  return {
    exclusions: exclusions.map((l, k) => row(l, `${crn}-LX${k + 1}`)),
    restrictions: restrictions.map((l, k) => row(l, `${crn}-LR${k + 1}`)),
  };
}
