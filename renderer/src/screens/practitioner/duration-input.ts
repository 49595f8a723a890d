/**
 * How long, as a form holds it (a number typed in a box, and "days" or "hours"), in the contract's
 * words: `durationDays` or `durationHours`. An empty box is passed on as empty, so the contract
 * says the field is required rather than that no duration was given at all.
 */
export type DurationUnit = 'DAYS' | 'HOURS';

export function durationInput(amount: string, unit: DurationUnit): { durationDays: unknown } | { durationHours: unknown } {
  const typed = amount.trim();
  const value = typed === '' ? '' : /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
  return unit === 'HOURS' ? { durationHours: value } : { durationDays: value };
}
