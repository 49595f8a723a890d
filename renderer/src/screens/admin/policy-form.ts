/**
 * The policy settings as the form's text fields, and back. Numbers are checked here so a typo is
 * reported against its own field; the broker checks the whole policy again when it is saved.
 */
import { SCOPES, URGENCIES } from '../../../../shared/domain/access';
import type { PolicySettings } from '../../../../shared/contract/policy-settings';
import { ERROR_CODES, type AppErrorShape } from '../../../../shared/errors';
import type { Problem } from '../../components/ErrorSummary';

export type PolicyForm = Record<string, string>;

export function policyToForm(p: PolicySettings): PolicyForm {
  const form: PolicyForm = {
    hubLeadMinutes: String(p.hubLeadMinutes),
    halveForHighestRisk: p.halveForHighestRisk ? 'yes' : 'no',
    emergencyWindowMinutes: String(p.emergencyWindowMinutes),
    emergencyMaxMinutes: String(p.emergencyMaxMinutes),
    idleLockMinutes: String(p.idleLockMinutes),
    failuresBeforeLock: String(p.lockout.failuresBeforeLock),
    firstLockMinutes: String(p.lockout.firstLockMinutes),
    maxLockMinutes: String(p.lockout.maxLockMinutes),
    clockRollbackToleranceMinutes: String(p.clockRollbackToleranceMinutes),
    backupRetentionDays: String(p.backupRetentionDays),
    refusalReasonMinChars: String(p.refusalReasonMinChars),
    start: p.workingHours.start,
    end: p.workingHours.end,
    days: p.workingHours.days.join(','),
    timeZone: p.workingHours.timeZone,
    bankHolidays: p.bankHolidays.join('\n'),
  };
  for (const u of URGENCIES) {
    form[`sla-${u}-minutes`] = String(p.sla[u].minutes);
    form[`sla-${u}-clock`] = p.sla[u].clock;
  }
  for (const s of SCOPES) form[`max-${s}`] = String(p.maxDurationDays[s]);
  return form;
}

export function formToPolicy(form: PolicyForm): { policy: PolicySettings | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const whole = (key: string): number => {
    const raw = (form[key] ?? '').trim();
    if (!/^\d+$/.test(raw)) {
      problems.push({ fieldId: `policy-${key}`, message: `Enter a whole number for “${key.replace(/^sla-|^max-/, '').replace(/-/g, ' ').toLowerCase()}”` });
      return 0;
    }
    return Number(raw);
  };
  const sla = Object.fromEntries(
    URGENCIES.map((u) => [u, { minutes: whole(`sla-${u}-minutes`), clock: form[`sla-${u}-clock`] === 'WORKING' ? 'WORKING' : 'WALL' }]),
  ) as PolicySettings['sla'];
  const maxDurationDays = Object.fromEntries(SCOPES.map((s) => [s, whole(`max-${s}`)])) as PolicySettings['maxDurationDays'];
  const days = (form.days ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push({ fieldId: 'policy-days', message: 'Enter the working days as numbers from 1 (Monday) to 7 (Sunday)' });
  const policy: PolicySettings = {
    sla,
    hubLeadMinutes: whole('hubLeadMinutes'),
    maxDurationDays,
    halveForHighestRisk: form.halveForHighestRisk !== 'no',
    emergencyMaxMinutes: whole('emergencyMaxMinutes'),
    emergencyWindowMinutes: whole('emergencyWindowMinutes'),
    idleLockMinutes: whole('idleLockMinutes'),
    lockout: { failuresBeforeLock: whole('failuresBeforeLock'), firstLockMinutes: whole('firstLockMinutes'), maxLockMinutes: whole('maxLockMinutes') },
    workingHours: { timeZone: (form.timeZone ?? '').trim(), days, start: (form.start ?? '').trim(), end: (form.end ?? '').trim() },
    bankHolidays: (form.bankHolidays ?? '').split(/\s+/).filter(Boolean),
    clockRollbackToleranceMinutes: whole('clockRollbackToleranceMinutes'),
    backupRetentionDays: whole('backupRetentionDays'),
    refusalReasonMinChars: whole('refusalReasonMinChars'),
  };
  return { policy: problems.length > 0 ? null : policy, problems };
}

/** The path of a policy field in the broker's message ("policy.sla.ROUTINE.minutes") as its field id. */
export function fieldIdForPolicyPath(path: string): string | undefined {
  const parts = path.split('.');
  if (parts[0] !== 'policy') return undefined;
  const [, a, b, c] = parts;
  if (a === 'sla' && b && c) return `policy-sla-${b}-${c}`;
  if (a === 'maxDurationDays' && b) return `policy-max-${b}`;
  if (a === 'lockout' && b) return `policy-${b}`;
  if (a === 'workingHours' && b) return `policy-${b}`;
  if (a === 'bankHolidays') return 'policy-bankHolidays';
  return a ? `policy-${a}` : undefined;
}

export function policyProblems(error: AppErrorShape): Problem[] {
  if (error.code === 'BAD_CREDENTIALS') return [{ fieldId: 'confirm-password', message: error.message }];
  if (error.code !== 'INVALID_INPUT') return [{ message: error.message }];
  const body = error.message.startsWith(ERROR_CODES.INVALID_INPUT) ? error.message.slice(ERROR_CODES.INVALID_INPUT.length) : error.message;
  return body
    .split(';')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const path = /^([\w.]+):/.exec(line)?.[1];
      const fieldId = path ? fieldIdForPolicyPath(path) : undefined;
      return fieldId ? { fieldId, message: line } : { message: line };
    });
}
