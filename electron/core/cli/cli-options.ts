/** Parsers for option values: a bad value is a usage error that names the option and the rule. */
import { InvalidArgumentError } from 'commander';

export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`);
    }
    return Number(value);
  };
}

/** A share from 0 to 1, written as a decimal (0.33) or a percentage (33%). */
export function share(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(value.trim());
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('It must be a share from 0 to 1, such as 0.33 or 33%.');
  return n;
}

export function calendarDay(value: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('It must be a date in the form YYYY-MM-DD.');
  }
  return value;
}

/** For options that may be given more than once: `--role hub --role lao-admin`. */
export function oneOfRepeated(allowed: readonly string[]): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`It must be one of: ${allowed.join(', ')}.`);
    return [...(previous ?? []), value];
  };
}

export function nonEmpty(what: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new InvalidArgumentError(`${what} cannot be empty.`);
    return value;
  };
}
