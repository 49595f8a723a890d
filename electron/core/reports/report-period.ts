/**
 * A report period is whole days in the policy's time zone (Europe/London by default), `from` to
 * `to` inclusive. Facts are counted as they stood at `asOf`: the last instant of the period, or
 * now if the period has not ended. So a closed period's report never changes afterwards.
 */
import { TZDate } from '@date-fns/tz';
import type { Db } from '../store/sql';
import type { ReportPeriodFacts } from '../../../shared/contract/reports';
import { AppError } from '../../../shared/errors';
import { readPolicy } from '../settings/policy-store';

export const MAX_REPORT_DAYS = 366;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type ReportPeriod = ReportPeriodFacts;

function startOfDay(date: string, timeZone: string, field: 'from' | 'to'): number {
  const m = ISO_DATE.exec(date);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (!m || check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new AppError('REPORT_PERIOD_INVALID', `The ${field} date ${JSON.stringify(date)} is not a date like 2026-03-31.`);
  }
  return new TZDate(y, mo - 1, d, 0, 0, timeZone).getTime();
}

const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Days are counted in `timeZone`; pass the store's policy zone through `reportPeriodFor`. */
export function reportPeriod(from: string, to: string, now: number, timeZone: string): ReportPeriod {
  const fromAt = startOfDay(from, timeZone, 'from');
  const toStart = startOfDay(to, timeZone, 'to');
  if (toStart < fromAt) throw new AppError('REPORT_PERIOD_INVALID', `The period ends (${to}) before it starts (${from}).`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (days > MAX_REPORT_DAYS) throw new AppError('REPORT_PERIOD_INVALID', `The period is ${days} days long; a report covers at most ${MAX_REPORT_DAYS} days.`);
  const toAt = startOfDay(nextDay(to), timeZone, 'to');
  if (fromAt > now) throw new AppError('REPORT_PERIOD_INVALID', `The period starts (${from}) after today: there is nothing to report yet.`);
  return { from, to, fromAt, toAt, asOf: Math.min(now, toAt - 1), timeZone };
}

export const reportPeriodFor = async (db: Db, from: string, to: string, now: number): Promise<ReportPeriod> =>
  reportPeriod(from, to, now, (await readPolicy(db)).workingHours.timeZone);
