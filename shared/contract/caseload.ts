/** An offender manager's own cases: absences, deputies, and who can see each person. */
import { z } from 'zod';
import { channel } from './define';
import { accessRoute, crn, id, instant, page, riskSummary, scope, staffCode } from './common';
import { ABSENCE_KINDS } from '../domain/organisation';

export const absenceRow = z.object({
  id: z.string(),
  staffCode: z.string(),
  staffName: z.string(),
  kind: z.enum(ABSENCE_KINDS),
  startAt: instant,
  endAt: instant,
});
export type AbsenceRow = z.infer<typeof absenceRow>;

export const deputyRow = z.object({
  id: z.string(),
  staffCode: z.string(),
  staffName: z.string(),
  deputyStaffCode: z.string(),
  deputyName: z.string(),
  startAt: instant,
  endAt: instant.nullable(),
  /** In date now and the deputy is available to decide. */
  active: z.boolean(),
});
export type DeputyRow = z.infer<typeof deputyRow>;

export const viewerRow = z.object({
  userId: id.nullable(),
  name: z.string(),
  staffCode: z.string().nullable(),
  providerName: z.string().nullable(),
  route: accessRoute,
  scope,
  from: instant.nullable(),
  until: instant.nullable(),
  /** The grant to revoke; null for access that comes from an allocation or ownership. */
  grantId: id.nullable(),
});
export type ViewerRow = z.infer<typeof viewerRow>;

export const caseloadRow = z.object({
  crn: z.string(),
  name: z.string(),
  risk: riskSummary,
  pendingRequests: z.number().int(),
  activeGrants: z.number().int(),
});

export const staffRow = z.object({
  staffCode: z.string(),
  name: z.string(),
  grade: z.string(),
  teamName: z.string(),
  providerName: z.string(),
  hasAccount: z.boolean(),
});

const staffFor = { staffCode: staffCode.optional() };

export const caseloadChannels = {
  'caseload.mine': channel({
    summary: 'The people you own as offender manager, with pending requests and active grants.',
    access: 'session',
    input: page.extend({ query: z.string().trim().max(100).default('') }),
    output: z.object({ rows: z.array(caseloadRow), total: z.number().int() }),
  }),
  'caseload.whoCanSee': channel({
    summary: 'Everyone who can see this person now and how (grant, allocation, emergency), to review or revoke.',
    access: 'session',
    input: z.strictObject({ crn }),
    output: z.object({ crn: z.string(), name: z.string(), viewers: z.array(viewerRow) }),
    errors: ['NOT_FOUND'],
  }),
  'caseload.listAbsences': channel({
    summary: 'Your recorded absences (administrators may name another member of staff).',
    access: 'session',
    input: z.strictObject(staffFor),
    output: z.array(absenceRow),
  }),
  'caseload.recordAbsence': channel({
    summary: 'Record an absence. Requests routed to you while you are away go to your deputy or the hub.',
    access: 'session',
    input: z.strictObject({ ...staffFor, kind: z.enum(ABSENCE_KINDS), startAt: instant, endAt: instant }).refine((a) => a.endAt > a.startAt, {
      message: 'the end must be after the start',
      path: ['endAt'],
    }),
    output: absenceRow,
    errors: ['NOT_FOUND'],
  }),
  'caseload.cancelAbsence': channel({
    summary: 'Remove an absence (for example, leave cancelled).',
    access: 'session',
    input: z.strictObject({ absenceId: z.string().min(1).max(100) }),
    output: z.array(absenceRow),
    errors: ['NOT_FOUND'],
  }),
  'caseload.listDeputies': channel({
    summary: 'Your deputies, and the people you deputise for.',
    access: 'session',
    input: z.strictObject(staffFor),
    output: z.object({ myDeputies: z.array(deputyRow), iDeputiseFor: z.array(deputyRow) }),
  }),
  'caseload.addDeputy': channel({
    summary: 'Name an NPS colleague as your deputy from a time, optionally until a time.',
    access: 'session',
    input: z
      .strictObject({ ...staffFor, deputyStaffCode: staffCode, startAt: instant, endAt: instant.nullable().default(null) })
      .refine((a) => a.endAt === null || a.endAt > a.startAt, { message: 'the end must be after the start', path: ['endAt'] }),
    output: deputyRow,
    errors: ['NOT_FOUND'],
  }),
  'caseload.endDeputy': channel({
    summary: 'End a deputy arrangement now.',
    access: 'session',
    input: z.strictObject({ deputyId: z.string().min(1).max(100) }),
    output: deputyRow,
    errors: ['NOT_FOUND'],
  }),
  'caseload.findStaff': channel({
    summary: 'Find staff by name or staff code (to name a deputy or link an account).',
    access: 'session',
    input: z.strictObject({ query: z.string().trim().min(2, 'must be at least 2 characters').max(100), sector: z.enum(['NPS', 'CRC']).optional() }),
    output: z.array(staffRow),
  }),
} as const;
