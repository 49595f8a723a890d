/**
 * The policy settings an administrator may change: SLAs, hub lead time, maximum durations, working
 * hours and bank holidays, sign-in limits. The defaults are the ones in DESIGN.md.
 */
import { z } from 'zod';
import { SCOPES, URGENCIES } from '../domain/access';

const minutes = (max: number) => z.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max.toLocaleString('en-GB')}`);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-25');

const validTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** An SLA counts either wall-clock minutes or working minutes (inside working hours only). */
export const slaRule = z.strictObject({ minutes: minutes(60 * 24 * 30), clock: z.enum(['WALL', 'WORKING']) });

export const policySettings = z.strictObject({
  sla: z.strictObject(Object.fromEntries(URGENCIES.map((u) => [u, slaRule])) as Record<(typeof URGENCIES)[number], typeof slaRule>),
  /** The owner's deadline is at least this long before needed-by, so the hub still has time. */
  hubLeadMinutes: z.number().int().min(0).max(60 * 24 * 7),
  maxDurationDays: z.strictObject(
    Object.fromEntries(SCOPES.map((s) => [s, z.number().int().min(1).max(366)])) as Record<(typeof SCOPES)[number], z.ZodNumber>,
  ),
  /** Halve maximum durations for RoSH very high or MAPPA level 2-3. */
  halveForHighestRisk: z.boolean(),
  emergencyMaxMinutes: minutes(240),
  /** Emergency access is open only when the request is needed within this many minutes. */
  emergencyWindowMinutes: minutes(240),
  idleLockMinutes: minutes(24 * 60),
  lockout: z.strictObject({
    failuresBeforeLock: z.number().int().min(1).max(100),
    firstLockMinutes: minutes(24 * 60),
    maxLockMinutes: minutes(7 * 24 * 60),
  }),
  workingHours: z
    .strictObject({
      timeZone: z.string().refine(validTimeZone, 'must be a time zone like Europe/London'),
      /** ISO weekdays: 1 Monday … 7 Sunday. */
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
      start: clockTime,
      end: clockTime,
    })
    .refine((w) => w.end > w.start, { message: 'the working day must end after it starts', path: ['end'] }),
  bankHolidays: z.array(isoDate).max(500),
  clockRollbackToleranceMinutes: minutes(24 * 60),
  /** The desktop's daily backups are kept this many days (stored policies without it get the default). */
  backupRetentionDays: z.number().int().min(1).max(366).default(14),
  /** A refusal's written reason needs at least this many characters, not counting spaces (a default keeps older stored policies valid). */
  refusalReasonMinChars: z.number().int().min(1).max(500).default(20),
  /** How long a connected desktop may show cached granted sections after its last contact with the broker; 0 turns offline reading off. */
  offlineWindowHours: z.number().int('must be a whole number').min(0).max(72, 'must be at most 72').default(8),
});
export type PolicySettings = z.infer<typeof policySettings>;

export const DEFAULT_POLICY: PolicySettings = {
  sla: {
    IMMEDIATE_SAFETY: { minutes: 30, clock: 'WALL' },
    WITHIN_2_WORKING_DAYS: { minutes: 4 * 60, clock: 'WORKING' },
    ROUTINE: { minutes: 8 * 60, clock: 'WORKING' },
  },
  hubLeadMinutes: 120,
  maxDurationDays: { FRONT_SHEET: 30, ROSH_SUMMARY: 14, RISK_MANAGEMENT_PLAN: 14, FULL_RECORD: 14 },
  halveForHighestRisk: true,
  emergencyMaxMinutes: 240,
  emergencyWindowMinutes: 240,
  idleLockMinutes: 15,
  lockout: { failuresBeforeLock: 5, firstLockMinutes: 1, maxLockMinutes: 60 },
  workingHours: { timeZone: 'Europe/London', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  // England and Wales bank holidays (gov.uk/bank-holidays), 2025–2027.
  bankHolidays: [
    '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  ],
  clockRollbackToleranceMinutes: 5,
  backupRetentionDays: 14,
  refusalReasonMinChars: 20,
  offlineWindowHours: 8,
};
