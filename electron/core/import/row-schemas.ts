/**
 * One zod schema per export file: every column's rule, plus the rules that compare columns
 * (an end after its start, a programme code on programme allocations). References to other rows
 * are checked against the store afterwards (reference-checks.ts), because they span files.
 */
import { z } from 'zod';
import { GENDERS, RISK_LEVELS } from '../../../shared/domain/access';
import {
  CRN_PATTERN,
  CRO_PATTERN,
  NOMS_PATTERN,
  STAFF_CODE_PATTERN,
  TEAM_CODE_PATTERN,
} from '../../../shared/domain/identifiers';
import { ABSENCE_KINDS, ALLOCATION_KINDS, GRADES, SECTORS } from '../../../shared/domain/organisation';
import { MAPPA_CATEGORIES, MAPPA_LEVELS } from '../../../shared/domain/register-types';
import { ASSESSMENT_TEXT_COLUMNS, RISK_TO_SELF_COLUMNS, ROSH_COLUMNS } from './export-format';
import {
  calendarDate,
  decimal,
  email,
  phone,
  flag,
  instant,
  oneOf,
  optional,
  pattern,
  pnc,
  quote,
  required,
  text,
  wholeNumber,
} from './field-rules';

/** A validated row; empty optional fields are undefined and stored as null. */
export type ImportRow = Record<string, string | number | null | undefined>;
type Ctx = z.RefinementCtx;

const NAME_MAX = 100;
const LABEL_MAX = 200;
const FREE_TEXT_MAX = 4000;

export const RISK_TO_SELF_ANSWERS = ['YES', 'NO', 'DONT_KNOW'] as const;
export const RSR_TYPES = ['STATIC', 'DYNAMIC'] as const;

const crn = () => required(pattern(CRN_PATTERN, 'a CRN (a letter and 6 digits, e.g. X320741)'));
const staffCode = () => pattern(STAFF_CODE_PATTERN, 'a staff code (7 letters or digits, e.g. N07T01A)');
const rowId = () => required(pattern(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'an id (1–64 letters, digits, dots, colons, hyphens or underscores)'));
const name = () => required(text(NAME_MAX));
const riskLevel = () => optional(oneOf(RISK_LEVELS));

/** Adds an issue unless `later` is on or after `earlier` (both optional). */
function inOrder(ctx: Ctx, row: ImportRow, earlierCol: string, laterCol: string, strictly: boolean): void {
  const [a, b] = [row[earlierCol], row[laterCol]];
  if (a === null || b === null || a === undefined || b === undefined) return;
  if (strictly ? b <= a : b < a) {
    ctx.addIssue({
      code: 'custom',
      path: [laterCol],
      message: `${quote(row[`${laterCol}`])} is ${strictly ? 'not after' : 'before'} ${earlierCol} ${quote(a)}`,
    });
  }
}

/** Instants come back as numbers; the message should show them as the file wrote them. */
const showInstant = (v: unknown) => (typeof v === 'number' ? new Date(v).toISOString().replace('.000Z', 'Z') : v);
function instantsInOrder(ctx: Ctx, row: ImportRow, startCol: string, endCol: string): void {
  const [a, b] = [row[startCol], row[endCol]];
  if (typeof a === 'number' && typeof b === 'number' && b <= a) {
    ctx.addIssue({ code: 'custom', path: [endCol], message: `${quote(showInstant(b))} is not after ${startCol} ${quote(showInstant(a))}` });
  }
}

const lao = z
  .object({
    id: rowId(),
    crn: crn(),
    staff_code: required(staffCode()),
    start_at: required(instant()),
    end_at: optional(instant()),
    reason: required(text(LABEL_MAX)),
    message: required(text(FREE_TEXT_MAX)),
  })
  .superRefine((row, ctx) => instantsInOrder(ctx, row, 'start_at', 'end_at'));

const assessmentShape: Record<string, z.ZodType<string | number | undefined, string | undefined>> = {
  id: rowId(),
  crn: crn(),
  completed_date: required(calendarDate()),
};
for (const c of ASSESSMENT_TEXT_COLUMNS) assessmentShape[c] = optional(text(FREE_TEXT_MAX, { multiline: true }));
for (const c of ROSH_COLUMNS) assessmentShape[c] = riskLevel();
for (const c of RISK_TO_SELF_COLUMNS) assessmentShape[c] = optional(oneOf(RISK_TO_SELF_ANSWERS));
for (const c of ['ogrs3_1yr', 'ogrs3_2yr', 'ogp', 'ovp', 'rsr']) assessmentShape[c] = optional(decimal(0, 100));
assessmentShape.rsr_type = optional(oneOf(RSR_TYPES));
assessmentShape.osp_c = riskLevel();
assessmentShape.osp_i = optional(oneOf(['LOW', 'MEDIUM', 'HIGH'] as const));

export const ROW_SCHEMAS: Record<string, z.ZodType<ImportRow, Record<string, string | undefined>>> = {
  'providers.csv': z.object({
    code: required(pattern(/^[A-Z][0-9]{2}$/, 'a provider code (a letter and 2 digits, e.g. N07)')),
    name: required(text(LABEL_MAX)),
    sector: required(oneOf(SECTORS)),
  }),
  'teams.csv': z.object({
    code: required(pattern(TEAM_CODE_PATTERN, 'a team code (6 letters or digits, e.g. N07T01)')),
    provider_code: required(pattern(/^[A-Z][0-9]{2}$/, 'a provider code (a letter and 2 digits, e.g. N07)')),
    name: required(text(LABEL_MAX)),
    pdu: required(text(LABEL_MAX)),
    ldu: required(text(LABEL_MAX)),
    phone: optional(phone()),
    email: optional(email()),
  }),
  'staff.csv': z.object({
    code: required(staffCode()),
    team_code: required(pattern(TEAM_CODE_PATTERN, 'a team code (6 letters or digits, e.g. N07T01)')),
    forename: name(),
    surname: name(),
    grade: required(oneOf(GRADES)),
    email: optional(email()),
    phone: optional(phone()),
    active: required(flag()),
  }),
  'people.csv': z.object({
    crn: crn(),
    pnc: optional(pnc()),
    noms: optional(pattern(NOMS_PATTERN, 'a NOMS number (e.g. G9542VP)')),
    cro: optional(pattern(CRO_PATTERN, 'a CRO number (NNNNNN/YYC, e.g. 123456/04A)')),
    forename: name(),
    surname: name(),
    dob: required(calendarDate()),
    gender: required(oneOf(GENDERS)),
    tier: optional(pattern(/^[A-D][0-3]$/, 'a tier (A0 to D3)')),
    owner_staff_code: optional(staffCode()),
    managing_sector: required(oneOf(SECTORS)),
  }),
  'registrations.csv': z
    .object({
      id: rowId(),
      crn: crn(),
      type_code: required(pattern(/^[A-Z0-9]{2,8}$/, 'a register type code (e.g. MAPP)')),
      level: optional(pattern(/^[A-Z0-9]{1,8}$/, 'a level code (e.g. M1)')),
      category: optional(pattern(/^[A-Z0-9]{1,8}$/, 'a category code (e.g. M2)')),
      start_date: required(calendarDate()),
      next_review_date: optional(calendarDate()),
      end_date: optional(calendarDate()),
      notes: optional(text(FREE_TEXT_MAX, { multiline: true })),
    })
    .superRefine((row, ctx) => {
      inOrder(ctx, row, 'start_date', 'next_review_date', false);
      inOrder(ctx, row, 'start_date', 'end_date', false);
      if (row.type_code !== 'MAPP') return;
      // MAPPA is only meaningful with its level and category: the tier and the front sheet use them.
      if (!(MAPPA_LEVELS as readonly unknown[]).includes(row.level)) {
        ctx.addIssue({ code: 'custom', path: ['level'], message: `a MAPPA registration needs a level of ${MAPPA_LEVELS.join(', ')}` });
      }
      if (!(MAPPA_CATEGORIES as readonly unknown[]).includes(row.category)) {
        ctx.addIssue({ code: 'custom', path: ['category'], message: `a MAPPA registration needs a category of ${MAPPA_CATEGORIES.join(', ')}` });
      }
    }),
  'assessments.csv': z.object(assessmentShape),
  'sentences.csv': z
    .object({
      id: rowId(),
      crn: crn(),
      description: required(text(LABEL_MAX)),
      length_months: optional(wholeNumber(0, 1200)),
      start_date: required(calendarDate()),
      end_date: optional(calendarDate()),
      requirements: optional(text(FREE_TEXT_MAX)),
    })
    .superRefine((row, ctx) => inOrder(ctx, row, 'start_date', 'end_date', false)),
  'allocations.csv': z
    .object({
      id: rowId(),
      crn: crn(),
      staff_code: required(staffCode()),
      kind: required(oneOf(ALLOCATION_KINDS)),
      description: required(text(LABEL_MAX)),
      programme_code: optional(pattern(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'a programme code (e.g. BBR-N07-01)')),
      start_date: required(calendarDate()),
      end_date: optional(calendarDate()),
    })
    .superRefine((row, ctx) => {
      inOrder(ctx, row, 'start_date', 'end_date', false);
      if (row.kind === 'PROGRAMME' && row.programme_code === undefined) {
        ctx.addIssue({ code: 'custom', path: ['programme_code'], message: 'is required for a PROGRAMME allocation' });
      }
    }),
  'lao_exclusions.csv': lao,
  'lao_restrictions.csv': lao,
  'absences.csv': z
    .object({
      id: rowId(),
      staff_code: required(staffCode()),
      kind: required(oneOf(ABSENCE_KINDS)),
      start_at: required(instant()),
      end_at: required(instant()),
    })
    .superRefine((row, ctx) => instantsInOrder(ctx, row, 'start_at', 'end_at')),
  'deputies.csv': z
    .object({
      id: rowId(),
      staff_code: required(staffCode()),
      deputy_staff_code: required(staffCode()),
      start_at: required(instant()),
      end_at: optional(instant()),
    })
    .superRefine((row, ctx) => {
      instantsInOrder(ctx, row, 'start_at', 'end_at');
      if (row.staff_code === row.deputy_staff_code) {
        ctx.addIssue({ code: 'custom', path: ['deputy_staff_code'], message: 'is the same as staff_code: nobody deputises for themselves' });
      }
    }),
};
