/**
 * The GOV.UK date input keeps day, month and year (and a separate 24-hour time) in their own boxes.
 * The screens keep one value, London wall-clock time as "2026-03-04T09:30" (or "2026-03-04" for a
 * date alone), which `fromLondonInputValue` turns into an instant. These convert between the two.
 * A half-filled or mistyped set of boxes gives a value that does not parse, so the screen's own
 * check reports it against the field.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
  /** "09:30"; absent for a date alone. */
  time?: string;
}

export function partsFromValue(value: string, withTime: boolean): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  const parts: DateParts = match
    ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]!, time: match[4] ? `${match[4]}:${match[5]}` : '' }
    : { day: '', month: '', year: '', time: '' };
  if (!withTime) delete parts.time;
  return parts;
}

const pad = (raw: string): string | null => (/^\d{1,2}$/.test(raw) ? raw.padStart(2, '0') : null);

/** "9:30", "09:30", "0930" and "9.30" all mean half past nine. */
export function normaliseTime(raw: string): string | null {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? `${String(h).padStart(2, '0')}:${match[2]}` : null;
}

export function valueFromParts(parts: DateParts): string {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const time = parts.time?.trim() ?? '';
  if (!day && !month && !year && !time) return '';
  const d = pad(day);
  const m = pad(month);
  const y = /^\d{4}$/.test(year) ? year : null;
  const date = d && m && y ? `${y}-${m}-${d}` : `incomplete:${year}-${month}-${day}`;
  if (parts.time === undefined) return date;
  const t = normaliseTime(time);
  return `${date}T${t ?? `incomplete:${time}`}`;
}
