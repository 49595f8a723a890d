/**
 * Working-time arithmetic for the "working hours" SLAs: Monday to Friday 09:00–17:00 in
 * Europe/London by default, skipping bank holidays. Time-zone and daylight-saving maths is left
 * to @date-fns/tz rather than done by hand.
 */
import { TZDate } from '@date-fns/tz';
import { MINUTE } from './clock';

export interface WorkingHours {
  timeZone: string;
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  days: readonly number[];
  start: string;
  end: string;
  bankHolidays: readonly string[];
}

/** Ten years of days: far beyond any SLA, so a calendar with no working days fails loudly. */
const MAX_DAYS_SCANNED = 3660;

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (s: string): [number, number] => {
  const [h = '0', m = '0'] = s.split(':');
  return [Number(h), Number(m)];
};

interface WorkingDay {
  opens: number;
  closes: number;
}

/** The working window of the local day containing `at`, or null if that day is not a working day. */
function workingWindow(at: number, wh: WorkingHours, holidays: ReadonlySet<string>): { day: WorkingDay | null; nextDayStart: number } {
  const local = new TZDate(at, wh.timeZone);
  const y = local.getFullYear();
  const mo = local.getMonth();
  const d = local.getDate();
  const nextDayStart = new TZDate(y, mo, d + 1, 0, 0, wh.timeZone).getTime();
  const isoDay = local.getDay() === 0 ? 7 : local.getDay();
  const key = `${y}-${pad(mo + 1)}-${pad(d)}`;
  if (!wh.days.includes(isoDay) || holidays.has(key)) return { day: null, nextDayStart };
  const [sh, sm] = hm(wh.start);
  const [eh, em] = hm(wh.end);
  return {
    day: { opens: new TZDate(y, mo, d, sh, sm, wh.timeZone).getTime(), closes: new TZDate(y, mo, d, eh, em, wh.timeZone).getTime() },
    nextDayStart,
  };
}

/** The instant `minutes` working minutes after `from`. */
export function addWorkingMinutes(from: number, minutes: number, wh: WorkingHours): number {
  const holidays = new Set(wh.bankHolidays);
  let t = from;
  let remaining = minutes * MINUTE;
  for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
    const { day, nextDayStart } = workingWindow(t, wh, holidays);
    if (day) {
      const begin = Math.max(t, day.opens);
      if (begin < day.closes) {
        const available = day.closes - begin;
        if (remaining <= available) return begin + remaining;
        remaining -= available;
      }
    }
    t = nextDayStart;
  }
  throw new Error('The working-hours calendar has no working time in the next ten years.');
}

/** Working minutes between two instants (0 when `to` is not after `from`). For SLA reports. */
export function workingMinutesBetween(from: number, to: number, wh: WorkingHours): number {
  const holidays = new Set(wh.bankHolidays);
  let total = 0;
  let t = from;
  for (let i = 0; t < to; i++) {
    if (i > MAX_DAYS_SCANNED * 10) throw new Error('The period is too long to count working minutes.');
    const { day, nextDayStart } = workingWindow(t, wh, holidays);
    if (day) {
      const begin = Math.max(t, day.opens);
      const end = Math.min(to, day.closes);
      if (end > begin) total += end - begin;
    }
    t = nextDayStart;
  }
  return Math.floor(total / MINUTE);
}
