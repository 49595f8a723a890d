/**
 * zod rules for single CSV fields. Every field arrives as text (or undefined when empty) and
 * leaves as the value the store keeps: text, a number, or null. Messages name the problem in words
 * an administrator can act on, and quote the bad value only for codes, identifiers and dates;
 * names and free text are personal data, so their messages never repeat them.
 */
import { z } from 'zod';
import { BIDI_CONTROL_MESSAGE, hasBidiControl } from '../../../shared/domain/bidi-controls';
import { isValidPnc, pncCheckLetter, PNC_PATTERN } from '../../../shared/domain/identifiers';


const MAX_QUOTED = 40;
export const quote = (v: unknown): string => {
  const s = String(v);
  return JSON.stringify(s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}…` : s);
};

/**
 * Every rule starts from this: text, and when the field is empty (undefined) the message says so.
 * Rules are plain (no pipes or wrapping transforms) because they run ~40 million times nationally.
 */
const field = () => z.string({ error: (iss) => (iss.input === undefined ? 'is required but empty' : 'must be text') });

/** A field that must have a value: every rule already refuses an empty field. */
export const required = <T extends string | number>(rule: z.ZodType<T, string>): z.ZodType<T, string | undefined> => rule;

/** A field that may be empty; empty stays undefined and is stored as null. */
export const optional = <T extends string | number>(rule: z.ZodType<T, string>): z.ZodType<T | undefined, string | undefined> =>
  rule.optional();

/** A code or identifier with a fixed shape. */
export const pattern = (re: RegExp, what: string): z.ZodType<string, string> =>
  field().check((ctx) => {
    if (!re.test(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not ${what}` });
  });

/** C0 control characters and DEL; tab, line feed and carriage return are allowed in multi-line text. */
function hasControlCharacters(v: string, multiline: boolean): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && !(multiline && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
  }
  return false;
}

/** Personal names and free text: bounded length, no control characters other than line breaks, no bidirectional controls. */
export const text = (max: number, opts: { multiline?: boolean } = {}): z.ZodType<string, string> =>
  field().check((ctx) => {
    const v = ctx.value;
    if (v.length > max) {
      ctx.issues.push({ code: 'custom', input: v, message: `is ${v.length} characters long; the most allowed is ${max}` });
    }
    if (hasControlCharacters(v, opts.multiline ?? false)) {
      const what = opts.multiline ? 'control characters' : 'line breaks or control characters';
      ctx.issues.push({ code: 'custom', input: v, message: `contains ${what}, which are not allowed here` });
    }
    if (hasBidiControl(v)) ctx.issues.push({ code: 'custom', input: v, message: BIDI_CONTROL_MESSAGE });
  });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T): z.ZodType<T[number], string> =>
  field().check((ctx) => {
    if (!(values as readonly string[]).includes(ctx.value)) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not one of ${values.join(', ')}` });
    }
  }) as unknown as z.ZodType<T[number], string>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A calendar date, `YYYY-MM-DD`, kept as text. */
export const calendarDate = (): z.ZodType<string, string> =>
  field().check((ctx) => {
    const m = DATE.exec(ctx.value);
    if (!m) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not a date in the form YYYY-MM-DD` });
      return;
    }
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!realDate(y, mo, d)) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not a real calendar date` });
    } else if (y < MIN_YEAR || y > MAX_YEAR) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is outside the years ${MIN_YEAR}–${MAX_YEAR}` });
    }
  });

/** An instant in UTC, `YYYY-MM-DDTHH:MM:SSZ` (milliseconds optional), kept as epoch milliseconds. */
export const instant = (): z.ZodType<number, string> =>
  field()
    .check((ctx) => {
      const m = INSTANT.exec(ctx.value);
      const bad = (why: string): void => {
        ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} ${why}` });
      };
      if (!m) return bad('is not a UTC time in the form YYYY-MM-DDTHH:MM:SSZ');
      const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      if (!realDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return bad('is not a real date and time');
      if (y < MIN_YEAR || y > MAX_YEAR) bad(`is outside the years ${MIN_YEAR}–${MAX_YEAR}`);
    })
    .transform((v) => Date.parse(v));

/** A decimal number within bounds, e.g. a predictor score in percent. */
export const decimal = (min: number, max: number): z.ZodType<number, string> =>
  field()
    .check((ctx) => {
      const ok = /^-?\d{1,6}(\.\d{1,4})?$/.test(ctx.value) && Number(ctx.value) >= min && Number(ctx.value) <= max;
      if (!ok) ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not a number from ${min} to ${max}` });
    })
    .transform(Number);

export const wholeNumber = (min: number, max: number): z.ZodType<number, string> =>
  field()
    .check((ctx) => {
      const ok = /^\d{1,9}$/.test(ctx.value) && Number(ctx.value) >= min && Number(ctx.value) <= max;
      if (!ok) ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not a whole number from ${min} to ${max}` });
    })
    .transform(Number);

/** `1` or `0`, stored as the integer. */
export const flag = (): z.ZodType<number, string> =>
  field()
    .check((ctx) => {
      if (ctx.value !== '0' && ctx.value !== '1') ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not 1 or 0` });
    })
    .transform(Number);

/** A PNC number with a correct check letter; the message says which letter was expected. */
export const pnc = (): z.ZodType<string, string> =>
  field().check((ctx) => {
    const m = PNC_PATTERN.exec(ctx.value);
    if (!m) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quote(ctx.value)} is not a PNC number (YYYY/NNNNNNNC, e.g. 2004/0046583U)` });
    } else if (!isValidPnc(ctx.value)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `${quote(ctx.value)} has the wrong PNC check letter (expected ${pncCheckLetter(m[1]!, m[2]!)})`,
      });
    }
  });

/** A UK phone number as people write it: digits, spaces and an optional leading +44. */
export const phone = (): z.ZodType<string, string> => pattern(/^(\+44 ?|0)[0-9][0-9 ]{8,12}[0-9]$/, 'a UK phone number (e.g. 020 7946 0123)');
export const email = (): z.ZodType<string, string> => pattern(/^[^\s@,;]{1,64}@[^\s@,;]{1,190}\.[A-Za-z]{2,}$/, 'an email address');
