/**
 * The policy settings as the form's text fields, and back. Numbers are checked here so a typo is
 * reported against its own field; the broker checks the whole policy again when it is saved.
 */
import { SCOPES, SCOPE_LABELS, URGENCIES, URGENCY_LABELS, type Scope, type Urgency } from '../../../../shared/domain/access';
import type { PolicySettings } from '../../../../shared/contract/policy-settings';
import type { AppErrorShape } from '../../../../shared/errors';
import { fieldMessage } from '../../components/forms';
import type { Problem } from '../../components/ErrorSummary';

export type PolicyForm = Record<string, string>;

const NUMBER_LABELS: Record<string, string> = {
  hubLeadMinutes: 'Hub lead time, in minutes',
  emergencyWindowMinutes: 'Open when a request is needed within (minutes)',
  emergencyMaxMinutes: 'Lasts at most (minutes)',
  idleLockMinutes: 'Lock after this many idle minutes',
  failuresBeforeLock: 'Failed sign-ins before a lockout',
  firstLockMinutes: 'First lockout, in minutes',
  maxLockMinutes: 'Longest lockout, in minutes',
  clockRollbackToleranceMinutes: 'Pause reads if the clock goes back by more than (minutes)',
  refusalReasonMinChars: 'A written reason for refusing needs at least (characters, not counting spaces)',
  backupRetentionDays: 'Keep the daily backups for (days)',
  offlineWindowHours: 'Connected desktops may show granted sections offline for (hours after the last contact with the broker; 0 turns this off)',
};

const OTHER_LABELS: Record<string, string> = {
  start: 'Day starts',
  end: 'Day ends',
  days: 'Working days',
  timeZone: 'Time zone',
  bankHolidays: 'Bank holidays',
  halveForHighestRisk: 'For RoSH very high or MAPPA level 2 or 3',
};

/** The label of a policy field as the screen shows it, for the field itself and for its messages. */
export function policyFieldLabel(key: string): string {
  const sla = /^sla-(\w+)-minutes$/.exec(key);
  if (sla) return 'Minutes';
  const max = /^max-(\w+)$/.exec(key);
  if (max) return SCOPE_LABELS[max[1] as Scope] ?? key;
  return NUMBER_LABELS[key] ?? key;
}

/** The same label, said in full where it stands alone (in the error summary). */
function policyFieldName(key: string): string {
  const sla = /^sla-(\w+)-minutes$/.exec(key);
  if (sla) return `Minutes for ${URGENCY_LABELS[sla[1] as Urgency]?.toLowerCase() ?? key}`;
  const max = /^max-(\w+)$/.exec(key);
  if (max) return `Longest access to the ${SCOPE_LABELS[max[1] as Scope]?.toLowerCase() ?? key}, in days`;
  return policyFieldLabel(key);
}

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
    offlineWindowHours: String(p.offlineWindowHours),
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
      problems.push({ fieldId: `policy-${key}`, message: `${policyFieldName(key)}: enter a whole number` });
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
    offlineWindowHours: whole('offlineWindowHours'),
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
  if (error.code !== 'INVALID_INPUT' || !error.fields || error.fields.length === 0) return [{ message: error.message }];
  return error.fields.map((field) => {
    const fieldId = fieldIdForPolicyPath(field.path);
    const key = fieldId?.replace(/^policy-/, '');
    const label = key ? (NUMBER_LABELS[key] || /^(sla|max)-/.test(key) ? policyFieldName(key) : OTHER_LABELS[key]) : undefined;
    return fieldId ? { fieldId, message: fieldMessage(label, field.message) } : { message: fieldMessage(undefined, field.message) };
  });
}

