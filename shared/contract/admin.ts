/**
 * Administration: accounts and roles, policy, imports, LAO lists, case transfer, audit and the
 * clock. Every change needs the administrator's password again (confirmPassword).
 */
import { z } from 'zod';
import { channel } from './define';
import { crn, id, instant, page, password, role, staffCode, text } from './common';
import { policySettings } from './policy-settings';
import { LAO_LIST_KINDS } from './vocabulary';

const confirm = { confirmPassword: password };
const newPassword = z.string().min(12, 'must be at least 12 characters').max(1024);
const roles = z.array(role).max(5).refine((r) => new Set(r).size === r.length, 'list each role once');

export const userRow = z.object({
  userId: id,
  username: z.string(),
  displayName: z.string(),
  staffCode: z.string().nullable(),
  roles: z.array(role),
  active: z.boolean(),
  lockedUntil: instant.nullable(),
  failedAttempts: z.number().int(),
  createdAt: instant,
});
export type UserRow = z.infer<typeof userRow>;

export const importReport = z.object({
  ok: z.boolean(),
  /** Rows read per file or table. */
  counts: z.record(z.string(), z.number().int()),
  errors: z.array(z.object({ file: z.string(), row: z.number().int().nullable(), field: z.string().nullable(), message: z.string() })),
});
export type ImportReport = z.infer<typeof importReport>;

/** How far the import under way has got, for the administrator's progress bar. */
export const importProgress = z.object({
  running: z.boolean(),
  /** The file being read while an import runs. */
  file: z.string().nullable(),
  rowsDone: z.number().int().min(0),
  /** Data rows in the whole set, from its manifest (0 when unknown). */
  rowsTotal: z.number().int().min(0),
});
export type ImportProgress = z.infer<typeof importProgress>;

export const auditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first event whose hash does not follow from the chain, when the chain is broken. */
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerification>;

export const auditEventRow = z.object({
  seq: z.number().int(),
  at: instant,
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  crn: z.string().nullable(),
  details: z.string(),
});
export type AuditEventRow = z.infer<typeof auditEventRow>;

/** The names behind a page of events: accounts by username and by "user:<id>", people by CRN. */
export const auditNames = z.object({ users: z.record(z.string(), z.string()), people: z.record(z.string(), z.string()) });
export type AuditNames = z.infer<typeof auditNames>;

export const clockStatus = z.object({
  now: instant,
  latestSeenAt: instant,
  /** Set while grant-dependent reads are paused because the clock went back. */
  rollback: z.object({ detectedAt: instant, latestSeenAt: instant }).nullable(),
});
export type ClockStatus = z.infer<typeof clockStatus>;

export const backupList = z.object({
  /** Where the daily backups are kept; null when this app does not take them (the command line, a server). */
  directory: z.string().nullable(),
  keepDays: z.number().int(),
  backups: z.array(z.object({ file: z.string(), day: z.string(), at: instant, bytes: z.number().int() })),
});
export type BackupList = z.infer<typeof backupList>;

export const laoEntryRow = z.object({
  id: z.string(),
  kind: z.enum(LAO_LIST_KINDS),
  crn: z.string(),
  staffCode: z.string(),
  staffName: z.string(),
  startAt: instant,
  endAt: instant.nullable(),
  reason: z.string(),
  message: z.string(),
  active: z.boolean(),
});
export type LaoEntryRow = z.infer<typeof laoEntryRow>;

const range = { from: instant.optional(), to: instant.optional() };

export const adminChannels = {
  'admin.listUsers': channel({
    summary: 'Accounts, with roles, state and lockout.',
    access: 'session',
    input: page.extend({ query: z.string().trim().max(100).default('') }),
    output: z.object({ rows: z.array(userRow), total: z.number().int() }),
  }),
  'admin.createUser': channel({
    summary: 'Create a local account, linked to a staff record when it has one.',
    access: 'session',
    input: z.strictObject({
      ...confirm,
      username: z.string().trim().min(3).max(100).regex(/^[A-Za-z0-9._-]+$/, 'may hold letters, digits, dot, dash and underscore'),
      displayName: text(200),
      staffCode: staffCode.nullable(),
      roles: roles.min(1, 'give at least one role'),
      password: newPassword,
    }),
    output: userRow,
    errors: [
      'BAD_CREDENTIALS',
      'ACCOUNT_LOCKED',
      'USERNAME_INVALID',
      'USERNAME_TAKEN',
      'ROLE_INVALID',
      'STAFF_NOT_FOUND',
      'ROLE_STAFF_MISMATCH',
      'STAFF_HAS_ACCOUNT',
      'PASSWORD_TOO_SHORT',
      'PASSWORD_INVALID',
    ],
  }),
  'admin.setRoles': channel({
    summary: 'Replace an account\'s roles, under the same role-to-staff rules as creating it.',
    access: 'session',
    input: z.strictObject({ ...confirm, userId: id, roles: roles.min(1, 'give at least one role') }),
    output: userRow,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'NOT_FOUND', 'LAST_ADMIN', 'ROLE_INVALID', 'STAFF_NOT_FOUND', 'ROLE_STAFF_MISMATCH'],
  }),
  'admin.setActive': channel({
    summary: 'Activate or deactivate an account. Deactivation ends its sessions and suspends its grants.',
    access: 'session',
    input: z.strictObject({ ...confirm, userId: id, active: z.boolean() }),
    output: userRow,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'NOT_FOUND', 'LAST_ADMIN'],
  }),
  'admin.resetPassword': channel({
    summary: 'Set a new password for an account and clear its lockout.',
    access: 'session',
    input: z.strictObject({ ...confirm, userId: id, newPassword }),
    output: userRow,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'NOT_FOUND', 'PASSWORD_TOO_SHORT', 'PASSWORD_INVALID'],
  }),
  'admin.getPolicy': channel({
    summary: 'The policy settings in force.',
    access: 'session',
    input: z.strictObject({}),
    output: policySettings,
  }),
  'admin.updatePolicy': channel({
    summary: 'Replace the policy settings. Applies to routing from now on.',
    access: 'session',
    input: z.strictObject({ ...confirm, policy: policySettings }),
    output: policySettings,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED'],
  }),
  'admin.runImport': channel({
    summary: 'Import an nDelius/OASys-style export folder. All or nothing; every bad row is reported.',
    access: 'session',
    input: z.strictObject({ ...confirm, directory: z.string().min(1).max(4096) }),
    output: importReport,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'IMPORT_INVALID', 'IMPORT_UNAVAILABLE', 'IMPORT_BUSY', 'IMPORT_SET_NOT_FOUND'],
  }),
  'admin.importProgress': channel({
    summary: 'How far the import under way has got (rows read of the rows in the set), for the progress bar.',
    access: 'session',
    input: z.strictObject({}),
    output: importProgress,
  }),
  'admin.transferCase': channel({
    summary: 'Give a case a new offender manager; pending requests follow to the new owner.',
    access: 'session',
    input: z.strictObject({ ...confirm, crn, newOwnerStaffCode: staffCode }),
    output: z.object({ crn: z.string(), ownerStaffCode: z.string(), reroutedRequests: z.number().int() }),
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'NOT_FOUND'],
  }),
  'admin.listLao': channel({
    summary: 'LAO exclusions and restrictions, optionally for one person (LAO administrators).',
    access: 'session',
    input: page.extend({ crn: crn.optional() }),
    output: z.object({ rows: z.array(laoEntryRow), total: z.number().int() }),
  }),
  'admin.addLao': channel({
    summary: 'Exclude a member of staff from a person, or add them to a restricted person\'s allow-list.',
    access: 'session',
    input: z
      .strictObject({ ...confirm, kind: z.enum(LAO_LIST_KINDS), crn, staffCode, startAt: instant, endAt: instant.nullable().default(null), reason: text(500), message: text(500) })
      .refine((a) => a.endAt === null || a.endAt > a.startAt, { message: 'the end must be after the start', path: ['endAt'] }),
    output: laoEntryRow,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'NOT_FOUND'],
  }),
  'admin.endLao': channel({
    summary: 'End an LAO exclusion or restriction entry now.',
    access: 'session',
    input: z.strictObject({ ...confirm, kind: z.enum(LAO_LIST_KINDS), id: z.string().min(1).max(100) }),
    output: laoEntryRow,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'NOT_FOUND'],
  }),
  'admin.auditList': channel({
    summary: 'Audit events, newest first, filtered by time, person, actor or action.',
    access: 'session',
    input: page.extend({ ...range, crn: crn.optional(), actor: z.string().max(200).optional(), action: z.string().max(100).optional() }),
    output: z.object({ rows: z.array(auditEventRow), total: z.number().int(), names: auditNames }),
  }),
  'admin.auditVerify': channel({
    summary: 'Check the audit hash chain from the first event; names the first broken event.',
    access: 'session',
    input: z.strictObject({}),
    output: auditVerification,
  }),
  'admin.auditExport': channel({
    summary: 'The audit events in a time range as CSV, for saving where the administrator chooses.',
    access: 'session',
    input: z.strictObject({ ...confirm, ...range }),
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED'],
  }),
  'admin.backups': channel({
    summary: 'The daily automatic backups the app keeps, newest first, and for how many days they are kept.',
    access: 'session',
    input: z.strictObject({}),
    output: backupList,
  }),
  'admin.clockStatus': channel({
    summary: 'The clock as the store sees it, and whether reads are paused after the clock went back.',
    access: 'session',
    input: z.strictObject({}),
    output: clockStatus,
  }),
  'admin.acknowledgeClock': channel({
    summary: 'Acknowledge that the clock went back, so reads resume from the current time.',
    access: 'session',
    input: z.strictObject({ ...confirm }),
    output: clockStatus,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED'],
  }),
} as const;
