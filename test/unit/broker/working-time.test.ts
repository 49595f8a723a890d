import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, workingMinutesBetween } from '../../../electron/core/clock/working-time';
import { DEFAULT_POLICY } from '../../../shared/contract';

const hours = { ...DEFAULT_POLICY.workingHours, bankHolidays: DEFAULT_POLICY.bankHolidays };
const at = (iso: string) => Date.parse(iso);

describe('working time (Monday to Friday, 09:00 to 17:00, London)', () => {
  it('counts inside the working day', () => {
    expect(addWorkingMinutes(at('2026-03-02T10:00:00Z'), 240, hours)).toBe(at('2026-03-02T14:00:00Z'));
  });

  it('starts counting at 09:00 when asked before the day begins', () => {
    expect(addWorkingMinutes(at('2026-03-02T06:30:00Z'), 60, hours)).toBe(at('2026-03-02T10:00:00Z'));
  });

  it('carries over the night and the weekend', () => {
    expect(addWorkingMinutes(at('2026-03-06T16:30:00Z'), 60, hours)).toBe(at('2026-03-09T09:30:00Z'));
  });

  it('follows British Summer Time: 09:00 in London is 08:00 UTC in April', () => {
    expect(addWorkingMinutes(at('2026-04-14T07:00:00Z'), 30, hours)).toBe(at('2026-04-14T08:30:00Z'));
  });

  it('skips bank holidays (Christmas and the Boxing Day substitute)', () => {
    expect(addWorkingMinutes(at('2026-12-24T16:00:00Z'), 120, hours)).toBe(at('2026-12-29T10:00:00Z'));
  });

  it('counts working minutes between two instants, for SLA reports', () => {
    expect(workingMinutesBetween(at('2026-03-06T16:00:00Z'), at('2026-03-09T10:00:00Z'), hours)).toBe(120);
    expect(workingMinutesBetween(at('2026-03-09T10:00:00Z'), at('2026-03-06T16:00:00Z'), hours)).toBe(0);
  });

  it('agrees with itself: counting the minutes it added gives them back', () => {
    const from = at('2026-03-05T11:17:00Z');
    for (const minutes of [1, 59, 480, 481, 2400]) expect(workingMinutesBetween(from, addWorkingMinutes(from, minutes, hours), hours)).toBe(minutes);
  });

  it('fails loudly for a calendar with no working time at all', () => {
    expect(() => addWorkingMinutes(0, 1, { ...hours, days: [] })).toThrow(/no working time/);
  });
});
