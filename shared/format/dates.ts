/**
 * The one way dates and times are written for people, on screen and in reports: "4 March 2026,
 * 09:30" on a 24-hour clock, in London time unless a report names its own zone, and periods as
 * "1 to 31 March 2026" (the GOV.UK style). Instants are milliseconds since the epoch; calendar
 * days are ISO dates ("2026-03-04").
 */
export const LONDON = 'Europe/London';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

interface Parts {
  day: string;
  month: string;
  year: string;
  hour?: string;
  minute?: string;
}
const partsOf = (at: number, timeZone: string, withTime: boolean): Parts =>
  Object.fromEntries(formatter(timeZone, withTime).formatToParts(at).map((p) => [p.type, p.value])) as unknown as Parts;

/** "4 March 2026, 09:30" */
export function formatDateTime(at: number, timeZone: string = LONDON): string {
  const p = partsOf(at, timeZone, true);
  return `${p.day} ${p.month} ${p.year}, ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** "4 March 2026" */
export function formatDate(at: number, timeZone: string = LONDON): string {
  const p = partsOf(at, timeZone, false);
  return `${p.day} ${p.month} ${p.year}`;
}

/** Noon UTC of a calendar day: the same day in every UK zone. */
const noonOf = (iso: string): number | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12) : null;
};

/** A calendar day ("2026-03-04") as "4 March 2026"; anything else unchanged. */
export function formatIsoDay(iso: string): string {
  const noon = noonOf(iso);
  return noon === null ? iso : formatDate(noon, 'UTC');
}

/** A period of calendar days, both included: "1 to 31 March 2026", "28 February to 3 March 2026", "4 March 2026". */
export function formatPeriod(fromIso: string, toIso: string): string {
  const a = noonOf(fromIso);
  const b = noonOf(toIso);
  if (a === null || b === null) return `${fromIso} to ${toIso}`;
  if (fromIso === toIso) return formatDate(a, 'UTC');
  const from = partsOf(a, 'UTC', false);
  const to = partsOf(b, 'UTC', false);
  const end = `${to.day} ${to.month} ${to.year}`;
  if (from.year !== to.year) return `${from.day} ${from.month} ${from.year} to ${end}`;
  if (from.month !== to.month) return `${from.day} ${from.month} to ${end}`;
  return `${from.day} to ${end}`;
}
