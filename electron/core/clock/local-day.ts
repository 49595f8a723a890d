/**
 * Local dates and times in the office's time zone, fast. Every list row and every read asks "what
 * day is it there" or "what time is this deadline there", and working each out through the time
 * zone database took about as long as the rest of a grant check. The local day around an instant
 * is worked out once and kept: within it, the date is known and the time is arithmetic.
 * A property test holds both to date-fns with @date-fns/tz.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

interface LocalDay {
  from: number;
  to: number;
  /** yyyy-MM-dd */
  date: string;
  /** d MMM */
  dayMonth: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days kept per time zone: a page of deadlines spans a few weeks at most. */
const KEPT = 64;
const kept = new Map<string, LocalDay[]>();

function localDay(ms: number, timeZone: string): LocalDay | null {
  const days = kept.get(timeZone) ?? [];
  for (const d of days) if (ms >= d.from && ms < d.to) return d;
  const local = new TZDate(ms, timeZone);
  const from = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 0, 0, 0, 0, timeZone).getTime();
  const to = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 0, 0, 0, 0, timeZone).getTime();
  // A day that does not start at midnight, or that an instant does not fall in, is never kept.
  if (!(from <= ms && ms < to)) return null;
  const day = { from, to, date: format(local, 'yyyy-MM-dd'), dayMonth: format(local, 'd MMM') };
  days.unshift(day);
  if (days.length > KEPT) days.pop();
  kept.set(timeZone, days);
  return day;
}

/** The calendar date at `ms` in `timeZone`, as YYYY-MM-DD. */
export function localDateIn(ms: number, timeZone: string): string {
  return localDay(ms, timeZone)?.date ?? format(new TZDate(ms, timeZone), 'yyyy-MM-dd');
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "14 Dec" at local midnight, "14 Dec 13:30" otherwise. */
export function formatLocalWhen(ms: number, timeZone: string): string {
  const day = localDay(ms, timeZone);
  // Arithmetic only on a plain 24-hour day; a day with a clock change goes through the zone database.
  if (day && day.to - day.from === DAY_MS) {
    const minutes = Math.floor((ms - day.from) / 60_000);
    return minutes === 0 ? day.dayMonth : `${day.dayMonth} ${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  }
  const local = new TZDate(ms, timeZone);
  return local.getHours() === 0 && local.getMinutes() === 0 ? format(local, 'd MMM') : format(local, 'd MMM HH:mm');
}
