import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalWhen, localDateIn } from '../../../electron/core/clock/local-day';

// Zones with clock changes at midnight, half-hour offsets and half-hour DST, either side of the date line.
const ZONES = ['Europe/London', 'Pacific/Auckland', 'America/Santiago', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Havana', 'UTC'];
const reference = {
  date: (ms: number, tz: string) => format(new TZDate(ms, tz), 'yyyy-MM-dd'),
  when: (ms: number, tz: string) => {
    const local = new TZDate(ms, tz);
    return local.getHours() === 0 && local.getMinutes() === 0 ? format(local, 'd MMM') : format(local, 'd MMM HH:mm');
  },
};

describe('local dates and times in the office time zone', () => {
  it('give the time zone database\'s answer for any instant, including clock changes and local midnights', () => {
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }),
      // Whole minutes and whole hours hit midnights and clock changes far more often.
      fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2032, 0, 1) / 60_000 }).map((m) => m * 60_000),
      fc.integer({ min: Date.UTC(2020, 0, 1) / 1_800_000, max: Date.UTC(2032, 0, 1) / 1_800_000 }).map((h) => h * 1_800_000),
    );
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (ms, tz) => {
        expect(localDateIn(ms, tz)).toBe(reference.date(ms, tz));
        expect(formatLocalWhen(ms, tz)).toBe(reference.when(ms, tz));
      }),
      { numRuns: 5000 },
    );
  });

  it('are right on every hour either side of the clock changes of 2026 in London and Auckland', () => {
    for (const [tz, days] of [['Europe/London', [Date.UTC(2026, 2, 29), Date.UTC(2026, 9, 25)]], ['Pacific/Auckland', [Date.UTC(2026, 3, 4), Date.UTC(2026, 8, 26)]]] as const) {
      for (const day of days) {
        for (let ms = day - 2 * 86_400_000; ms < day + 2 * 86_400_000; ms += 15 * 60_000) {
          expect(localDateIn(ms, tz), `${tz} ${new Date(ms).toISOString()}`).toBe(reference.date(ms, tz));
          expect(formatLocalWhen(ms, tz), `${tz} ${new Date(ms).toISOString()}`).toBe(reference.when(ms, tz));
        }
      }
    }
  });
});
