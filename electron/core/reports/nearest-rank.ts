/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at
 * rank ceil(p/100 × n), counting from 1. It is always one of the observed values, so "90% of
 * requests were decided within X minutes" is literally true of the data.
 */
import type { WaitStats } from '../../../shared/contract/reports';

export function nearestRank(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Minutes to one decimal place, the precision every report shows. */
export const toMinutes = (ms: number): number => Math.round(ms / 6_000) / 10;

/** Median, 90th percentile and maximum of waits given in milliseconds, reported in minutes. */
export function waitStatsOf(waitsMs: readonly number[]): WaitStats {
  const sorted = [...waitsMs].sort((a, b) => a - b);
  const minutesAt = (p: number) => {
    const v = nearestRank(sorted, p);
    return v === null ? null : toMinutes(v);
  };
  return { count: sorted.length, medianMinutes: minutesAt(50), p90Minutes: minutesAt(90), maxMinutes: minutesAt(100) };
}

export const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
