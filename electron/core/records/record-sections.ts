/** The sections of a record, each built from the store. Which ones a reader gets is decided elsewhere. */
import type { Db } from '../store/sql';
import type { RecordView } from '../../../shared/contract';
import { ROSH_CODES } from '../../../shared/domain/register-types';
import type { RiskLevel } from '../../../shared/domain/access';
import { localDate, officeTimeZone } from '../broker/case-facts';
import { all, one, sql } from '../store/sql';
import { riskSummary } from './risk-summary';

type Sections = Pick<RecordView, 'frontSheet' | 'roshSummary' | 'riskManagementPlan' | 'fullRecord'>;

interface RegistrationRow {
  type_code: string;
  description: string;
  colour: 'Red' | 'Amber' | 'Green' | 'White';
  alert_message: string;
  level: string | null;
  category: string | null;
  start_date: string;
  next_review_date: string | null;
  end_date: string | null;
  notes: string | null;
  front_sheet_rank: number;
}

type AssessmentRow = Record<string, string | number | null> & { id: string; completed_date: string };

const level = (v: unknown): RiskLevel | null => (v === 'LOW' || v === 'MEDIUM' || v === 'HIGH' || v === 'VERY_HIGH' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

const latestAssessment = async (db: Db, crn: string): Promise<AssessmentRow | undefined> =>
  await one<AssessmentRow>(db, sql`SELECT * FROM assessments WHERE crn = ${crn} ORDER BY completed_date DESC, id DESC LIMIT 1`);

const levels = (a: AssessmentRow | undefined, where: 'community' | 'custody') => ({
  children: level(a?.[`rosh_children_${where}`]),
  public: level(a?.[`rosh_public_${where}`]),
  knownAdult: level(a?.[`rosh_known_adult_${where}`]),
  staff: level(a?.[`rosh_staff_${where}`]),
});

const registration = (r: RegistrationRow) => ({
  code: r.type_code,
  description: r.description,
  colour: r.colour,
  alertMessage: r.alert_message,
  level: r.level,
  category: r.category,
  startDate: r.start_date,
  nextReviewDate: r.next_review_date,
  notes: r.notes,
});

async function registrations(db: Db, crn: string): Promise<RegistrationRow[]> {
  return await all<RegistrationRow>(
    db,
    sql`SELECT r.type_code, t.description, t.colour, t.alert_message, r.level, r.category, r.start_date, r.next_review_date, r.end_date, r.notes, t.front_sheet_rank
        FROM registrations r JOIN register_types t ON t.code = r.type_code WHERE r.crn = ${crn}
        ORDER BY CASE WHEN t.front_sheet_rank > 0 THEN t.front_sheet_rank ELSE 1000 END, r.start_date DESC, r.id`,
  );
}

export async function buildSections(db: Db, crn: string, rank: number, now: number): Promise<Sections> {
  const today = localDate(now, await officeTimeZone(db));
  const regs = await registrations(db, crn);
  const active = regs.filter((r) => r.start_date <= today && (r.end_date === null || r.end_date > today));
  const a = await latestAssessment(db, crn);
  const summary = await riskSummary(db, crn, now, false);
  // Warrant/Summons first, then Risk to Staff: ordered by front-sheet rank (DESIGN.md).
  const alerts = active.filter((r) => r.front_sheet_rank > 0 && !(r.type_code in ROSH_CODES)).map(registration);
  const frontSheet = {
    alerts,
    roshLevel: summary.roshLevel,
    roshCommunity: levels(a, 'community'),
    mappa: summary.mappa ? { category: summary.mappa.category, level: summary.mappa.level } : null,
    safetyWarnings: alerts.map((r) => (r.notes ? `${r.alertMessage} ${r.notes}` : r.alertMessage)),
  };
  return {
    frontSheet,
    roshSummary:
      rank >= 1 && a
        ? {
            assessmentId: a.id,
            completedDate: a.completed_date,
            whoIsAtRisk: str(a.sum1_who_at_risk),
            natureOfRisk: str(a.sum2_nature_of_risk),
            imminence: str(a.sum3_imminence),
            riskIncreasers: str(a.sum4_risk_increasers),
            riskReducers: str(a.sum5_risk_reducers),
            community: levels(a, 'community'),
            custody: levels(a, 'custody'),
            riskToSelf: { suicide: str(a.risk_suicide), selfHarm: str(a.risk_self_harm), custody: str(a.risk_custody), vulnerability: str(a.risk_vulnerability) },
          }
        : null,
    riskManagementPlan:
      rank >= 2 && a
        ? {
            assessmentId: a.id,
            completedDate: a.completed_date,
            currentSituation: str(a.rmp_current_situation),
            supervision: str(a.rmp_supervision),
            monitoringAndControl: str(a.rmp_monitoring_control),
            interventionsAndTreatment: str(a.rmp_interventions),
            victimSafetyPlanning: str(a.rmp_victim_safety),
            contingencyPlan: str(a.rmp_contingency),
          }
        : null,
    fullRecord: rank >= 3 ? await fullRecord(db, crn, regs, a, today) : null,
  };
}

async function fullRecord(db: Db, crn: string, regs: RegistrationRow[], a: AssessmentRow | undefined, today: string): Promise<NonNullable<Sections['fullRecord']>> {
  const sentences = await all<{ id: string; description: string; length_months: number | null; start_date: string; end_date: string | null; requirements: string | null }>(
    db,
    sql`SELECT id, description, length_months, start_date, end_date, requirements FROM sentences WHERE crn = ${crn} ORDER BY start_date DESC`,
  );
  const allocations = await all<{ kind: string; description: string; forename: string; surname: string; start_date: string; end_date: string | null }>(
    db,
    sql`SELECT a.kind, a.description, s.forename, s.surname, a.start_date, a.end_date FROM allocations a JOIN staff s ON s.code = a.staff_code
        WHERE a.crn = ${crn} ORDER BY a.start_date DESC`,
  );
  return {
    sentences: sentences.map((s) => ({ id: s.id, description: s.description, lengthMonths: s.length_months, startDate: s.start_date, endDate: s.end_date, requirements: s.requirements })),
    registrationHistory: regs.map((r) => ({ ...registration(r), endDate: r.end_date, active: r.start_date <= today && (r.end_date === null || r.end_date > today) })),
    predictors: a
      ? { ogrs3OneYear: num(a.ogrs3_1yr), ogrs3TwoYear: num(a.ogrs3_2yr), ogp: num(a.ogp), ovp: num(a.ovp), rsr: num(a.rsr), rsrType: str(a.rsr_type), ospC: str(a.osp_c), ospI: str(a.osp_i) }
      : null,
    allocations: allocations.map((x) => ({ kind: x.kind, description: x.description, staffName: `${x.forename} ${x.surname}`, startDate: x.start_date, endDate: x.end_date })),
  };
}
