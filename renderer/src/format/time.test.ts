import { describe, expect, it } from 'vitest';
import { formatDateTime, formatIsoDate, formatSpan, fromLondonInputValue, remainingText, toLondonInputValue } from './time';

describe('times as staff read them (London)', () => {
  it('shows instants in London time, summer and winter', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 14, 9, 30))).toBe('14 January 2026, 09:30');
    expect(formatDateTime(Date.UTC(2026, 6, 14, 9, 30))).toBe('14 July 2026, 10:30');
  });

  it('reads and writes date-time inputs as London wall-clock time, whatever the computer’s zone', () => {
    const summer = Date.UTC(2026, 6, 14, 8, 5);
    expect(toLondonInputValue(summer)).toBe('2026-07-14T09:05');
    expect(fromLondonInputValue('2026-07-14T09:05')).toBe(summer);
    expect(fromLondonInputValue('2026-01-14T09:05')).toBe(Date.UTC(2026, 0, 14, 9, 5));
    expect(fromLondonInputValue('14/07/2026 09:05')).toBeNull();
  });

  it('refuses a wall-clock time that does not exist (the hour the clocks go forward)', () => {
    expect(fromLondonInputValue('2026-03-29T01:30')).toBeNull();
  });

  it('writes spans in words to the minute, and countdowns to the second in the last hour', () => {
    expect(formatSpan(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe('2 days 3 hours');
    expect(formatSpan(3_600_000)).toBe('1 hour');
    expect(formatSpan(45 * 60_000)).toBe('45 minutes');
    expect(formatSpan(30_000)).toBe('less than a minute');
    expect(remainingText(3 * 86_400_000)).toBe('3 days left');
    expect(remainingText(59 * 60_000 + 7_000)).toBe('59:07 left');
    expect(remainingText(0)).toBe('Ended');
  });

  it('shows record dates without shifting a day', () => {
    expect(formatIsoDate('1985-03-01')).toBe('1 March 1985');
    expect(formatIsoDate(null)).toBe('Not recorded');
  });
});
