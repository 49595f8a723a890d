/**
 * How long access lasts. People give days, hours or an end time; the core works in minutes, so a
 * 2-hour grant for a 09:30 appointment is exactly that. At least an hour; the policy maxima are in
 * days and stay so.
 */
import { AppError } from '../../../shared/errors';
import { MINUTE } from '../clock/clock';

export interface DurationGiven {
  durationDays?: number | undefined;
  durationHours?: number | undefined;
  endAt?: number | undefined;
}

export const MINUTES_PER_DAY = 24 * 60;
export const LEAST_DURATION_MINUTES = 60;

/** The duration given, in minutes from `from`; undefined when none was given. */
export function givenMinutes(d: DurationGiven, from: number): number | undefined {
  let minutes: number | undefined;
  if (d.durationDays !== undefined) minutes = d.durationDays * MINUTES_PER_DAY;
  else if (d.durationHours !== undefined) minutes = d.durationHours * 60;
  else if (d.endAt !== undefined) minutes = Math.floor((d.endAt - from) / MINUTE);
  if (minutes !== undefined && minutes < LEAST_DURATION_MINUTES) {
    throw new AppError('DURATION_TOO_SHORT', d.endAt !== undefined && d.durationDays === undefined && d.durationHours === undefined
      ? 'The end time must be at least 1 hour from now.'
      : 'Access lasts at least 1 hour.');
  }
  return minutes;
}

/** Whole days, rounded up: for the older day-based columns and figures. */
export const daysCovering = (minutes: number): number => Math.max(1, Math.ceil(minutes / MINUTES_PER_DAY));

/** "2 hours", "7 days", "1 day 4 hours", "90 minutes". */
export function durationWords(minutes: number): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (minutes % MINUTES_PER_DAY === 0) return plural(minutes / MINUTES_PER_DAY, 'day');
  if (minutes % 60 !== 0) return plural(minutes, 'minute');
  const hours = minutes / 60;
  if (hours < 48) return plural(hours, 'hour');
  return `${plural(Math.floor(hours / 24), 'day')} ${plural(hours % 24, 'hour')}`;
}

export const minutesToMs = (minutes: number): number => minutes * MINUTE;
