import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatIsoDay, formatPeriod } from './dates';

describe('dates and times the UK way', () => {
  it('writes a moment as "4 March 2026, 09:30", in London time on a 24-hour clock', () => {
    expect(formatDateTime(Date.UTC(2026, 2, 4, 9, 30))).toBe('4 March 2026, 09:30');
    // British Summer Time: 08:15 UTC is 09:15 in London.
    expect(formatDateTime(Date.UTC(2026, 5, 1, 8, 15))).toBe('1 June 2026, 09:15');
    expect(formatDateTime(Date.UTC(2026, 0, 1, 23, 5))).toBe('1 January 2026, 23:05');
    expect(formatDateTime(Date.UTC(2026, 0, 1, 0, 0))).toBe('1 January 2026, 00:00');
  });

  it('writes a day without leading zeros and with the month in full', () => {
    expect(formatDate(Date.UTC(2026, 2, 4, 12))).toBe('4 March 2026');
    expect(formatIsoDay('2026-12-14')).toBe('14 December 2026');
  });

  it('writes a period once, sharing the month and year where they are the same', () => {
    expect(formatPeriod('2026-03-01', '2026-03-31')).toBe('1 to 31 March 2026');
    expect(formatPeriod('2026-02-28', '2026-03-03')).toBe('28 February to 3 March 2026');
    expect(formatPeriod('2025-12-30', '2026-01-02')).toBe('30 December 2025 to 2 January 2026');
    expect(formatPeriod('2026-03-03', '2026-03-03')).toBe('3 March 2026');
  });
});
