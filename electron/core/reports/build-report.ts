/**
 * The whole report for a period: every table from its own function, over one grouped count of the
 * period's requests and one read of the organisation's names. The Reports screen, the CSV and HTML exports, the command line and the
 * simulator's closing figures all call this, so they always agree.
 */
import type { Db } from '../store/sql';
import type { Breakdown, Report } from '../../../shared/contract/reports';
import { caseloadPressure } from './caseload-pressure';
import { emergencyAccessReport } from './emergency-access-report';
import { grantsReport } from './grants-report';
import { hubFallback } from './hub-fallback';
import { periodCounts } from './period-counts';
import { recordReadsReport } from './record-reads-report';
import { organisationNames } from './period-requests';
import type { ReportInputs } from './report-inputs';
import type { ReportPeriod } from './report-period';
import { requestOutcomes } from './request-outcomes';
import { DEFAULT_LIST_LIMIT, slaPerformance } from './sla-performance';
import { waitTimes } from './wait-times';

export interface ReportOptions {
  breakdown?: Breakdown;
  /** Longest list shown (breaches, expiring grants, people); totals always count everything. */
  listLimit?: number;
  generatedAt: number;
}

export async function buildReport(db: Db, period: ReportPeriod, options: ReportOptions): Promise<Report> {
  const breakdown = options.breakdown ?? 'NONE';
  const listLimit = options.listLimit ?? DEFAULT_LIST_LIMIT;
  // One snapshot: a decision committed half-way through must not land in some tables and not others.
  return db.read(async () => {
    const i: ReportInputs = { db, period, breakdown, listLimit, counts: await periodCounts(db, period, breakdown), names: await organisationNames(db) };
    return {
      period,
      breakdown,
      generatedAt: options.generatedAt,
      listLimit,
      waitTimes: await waitTimes(i),
      sla: await slaPerformance(i),
      fallback: hubFallback(i),
      outcomes: await requestOutcomes(i),
      emergency: await emergencyAccessReport(db, period, listLimit),
      grants: await grantsReport(db, period, listLimit),
      caseload: await caseloadPressure(i),
      reads: await recordReadsReport(db, period, i.names),
    };
  });
}
