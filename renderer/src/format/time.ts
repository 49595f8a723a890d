/**
 * Instants from the broker are milliseconds since the epoch (UTC); staff read them as London time.
 */
import { formatDate as formatDay, formatDateTime as formatMoment, formatIsoDay, LONDON } from '../../../shared/format/dates';

const timeOnly = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** "14 December 2026, 09:30" */
export const formatDateTime = (at: number): string => formatMoment(at);
/** "14 December 2026" */
export const formatDate = (at: number): string => formatDay(at);
/** "09:30:05" */
export const formatTime = (at: number): string => timeOnly.format(at);

/** An ISO calendar date from the record ("2026-12-14") as "14 December 2026". */
export function formatIsoDate(iso: string | null): string {
  if (!iso) return 'Not recorded';
  return formatIsoDay(iso);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A span in words, to the minute: "2 days 3 hours", "45 minutes", "less than a minute". */
export function formatSpan(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return minutes > 0 ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}` : plural(hours, 'hour');
  return plural(minutes, 'minute');
}

/** A duration of access in words: "2 hours", "7 days", "1 day 4 hours". */
export const formatDuration = (minutes: number): string => formatSpan(minutes * MINUTE);

/** A short clock-style countdown for the last hour: "59:07". */
export function formatMinutesSeconds(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * London wall-clock time as "2026-03-04T09:30" (what the date inputs hold), and back. The
 * browser's own zone may differ from London, so the conversion is done here, not by the input.
 */
export function toLondonInputValue(at: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: LONDON,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  const hour = get('hour') === '24' ? '00' : get('hour');
  return `${get('year')}-${get('month')}-${get('day')}T${hour}:${get('minute')}`;
}

/** The instant a London wall-clock time ("2026-12-14T09:30") stands for, or null if malformed. */
export function fromLondonInputValue(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // London is UTC or UTC+1: find the offset that maps back to the same wall-clock time.
  for (const offsetHours of [0, 1]) {
    const candidate = asUtc - offsetHours * HOUR;
    if (toLondonInputValue(candidate) === value) return candidate;
  }
  return null;
}

/** What a countdown shows: to the minute while more than an hour is left, then minutes and seconds. */
export function remainingText(ms: number): string {
  if (ms <= 0) return 'Ended';
  if (ms < HOUR) return `${formatMinutesSeconds(ms)} left`;
  return `${formatSpan(ms)} left`;
}
