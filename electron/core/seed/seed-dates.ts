/**
 * Dates in synthetic data are relative to an "as of" day, not the wall clock, so the same seed and
 * as-of day always give the same files, and "on leave now" means now on that day.
 */

export interface AsOf {
  /** `YYYY-MM-DD` */
  date: string;
  /** Midnight UTC at the start of that day, in ms. */
  startMs: number;
}

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export function asOfDay(date: string): AsOf {
  const startMs = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(startMs) || new Date(startMs).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${date} is not a date in the form YYYY-MM-DD`);
  }
  return { date, startMs };
}

export const todayUtc = (now: number): string => new Date(now).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Calendar months later (day clamped to the month's end), for review dates. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** An instant as the export format writes it: `2026-11-22T09:30:00Z`. */
export const isoInstant = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `days` from the as-of day at `hour` o'clock UTC. */
export const instantOn = (asOf: AsOf, days: number, hour: number): number => asOf.startMs + days * DAY_MS + hour * HOUR_MS;

export const yearOf = (date: string): number => Number(date.slice(0, 4));
