/** What every table of one report is built from: the period, the breakdown, the grouped counts and the names. */
import type { Db } from '../store/sql';
import type { Breakdown } from '../../../shared/contract/reports';
import type { PeriodCount } from './period-counts';
import type { OrganisationNames } from './period-requests';
import type { ReportPeriod } from './report-period';

export interface ReportInputs {
  db: Db;
  period: ReportPeriod;
  breakdown: Breakdown;
  counts: readonly PeriodCount[];
  names: OrganisationNames;
  /** Longest list shown; totals always count everything. */
  listLimit: number;
}
