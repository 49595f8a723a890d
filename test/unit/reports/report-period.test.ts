import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, waitStatsOf } from '../../../electron/core/reports/nearest-rank';
import { reportPeriod } from '../../../electron/core/reports/report-period';
import { AppError } from '../../../shared/errors';

const LONDON = 'Europe/London';
const NOW = Date.UTC(2026, 6, 15, 12);

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('report periods', () => {
  it('runs from the first midnight to the midnight after the last day, in London time', () => {
    const summer = reportPeriod('2026-07-01', '2026-07-02', NOW, LONDON);
    expect(summer.fromAt).toBe(Date.UTC(2026, 5, 30, 23));
    expect(summer.toAt).toBe(Date.UTC(2026, 6, 2, 23));
    expect(summer.asOf).toBe(summer.toAt - 1);
    const acrossTheClockChange = reportPeriod('2026-03-28', '2026-03-29', NOW, LONDON);
    expect(acrossTheClockChange.toAt - acrossTheClockChange.fromAt).toBe(47 * 3_600_000);
  });

  it('counts facts up to now while the period is still running', () => {
    expect(reportPeriod('2026-07-01', '2026-07-31', NOW, LONDON).asOf).toBe(NOW);
  });

  it('refuses a period that ends before it starts, is longer than 366 days, starts in the future or names no real day', () => {
    expect(refusal(() => reportPeriod('2026-07-02', '2026-07-01', NOW, LONDON))).toBe('REPORT_PERIOD_INVALID: The period ends (2026-07-01) before it starts (2026-07-02).');
    expect(refusal(() => reportPeriod('2025-01-01', '2026-01-02', NOW, LONDON))).toBe('REPORT_PERIOD_INVALID: The period is 367 days long; a report covers at most 366 days.');
    expect(refusal(() => reportPeriod('2026-07-16', '2026-07-20', NOW, LONDON))).toBe('REPORT_PERIOD_INVALID: The period starts (2026-07-16) after today: there is nothing to report yet.');
    expect(refusal(() => reportPeriod('2026-02-30', '2026-03-01', NOW, LONDON))).toBe('REPORT_PERIOD_INVALID: The from date "2026-02-30" is not a date like 2026-03-31.');
  });
});

describe('nearest-rank percentiles', () => {
  it('takes the value at rank ceil(p/100 × n)', () => {
    expect(nearestRank([10, 20, 90], 50)).toBe(20);
    expect(nearestRank([10, 20, 30, 40], 50)).toBe(20);
    expect(nearestRank([10, 20, 30, 40], 90)).toBe(40);
    expect(nearestRank([5], 90)).toBe(5);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('always answers one of the values, never below the median or above the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 200 }), (waits) => {
        const s = waitStatsOf(waits);
        const minutes = waits.map((w) => Math.round(w / 6_000) / 10);
        expect(s.count).toBe(waits.length);
        expect(minutes).toContain(s.medianMinutes);
        expect(minutes).toContain(s.p90Minutes);
        expect(s.maxMinutes).toBe(Math.max(...minutes));
        expect(s.medianMinutes!).toBeLessThanOrEqual(s.p90Minutes!);
        expect(s.p90Minutes!).toBeLessThanOrEqual(s.maxMinutes!);
        // At least 90% of the waits are within the 90th percentile.
        expect(minutes.filter((m) => m <= s.p90Minutes!).length / minutes.length).toBeGreaterThanOrEqual(0.9);
      }),
    );
  });
});
