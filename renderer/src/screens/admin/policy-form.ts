/**
 * The policy settings as the form's text fields, and back as `admin.updatePolicy`'s input. Nothing
 * is checked here: the channel's schema checks the form (its resolver) and the broker checks it again;
 * this file only says which field answers for which part of the policy, and by what label.
 */
import { SCOPES, SCOPE_LABELS, URGENCIES, URGENCY_LABELS, type Scope, type Urgency } from '../../../../shared/domain/access';
import type { PolicySettings } from '../../../../shared/contract/policy-settings';
import type { FormFields } from '../../components/contract-form';

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

/** A number box's text as the contract's number: nothing when empty, NaN when it is not a number, so the contract words the refusal. */
function numberInput(text: string | undefined): number | undefined {
  const raw = (text ?? '').trim();
  if (raw === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
}

/**
 * The form's text fields as `admin.updatePolicy`'s input, unchecked: the channel's own schema
 * (through the form's resolver, and again in the broker) is the one place the rules live.
 */
export function policyInput(form: PolicyForm): unknown {
  const n = (key: string) => numberInput(form[key]);
  const text = (key: string) => (form[key] ?? '').trim();
  return {
    confirmPassword: form.confirmPassword ?? '',
    policy: {
      sla: Object.fromEntries(URGENCIES.map((u) => [u, { minutes: n(`sla-${u}-minutes`), clock: form[`sla-${u}-clock`] ?? 'WALL' }])),
      hubLeadMinutes: n('hubLeadMinutes'),
      maxDurationDays: Object.fromEntries(SCOPES.map((s) => [s, n(`max-${s}`)])),
      halveForHighestRisk: form.halveForHighestRisk !== 'no',
      emergencyMaxMinutes: n('emergencyMaxMinutes'),
      emergencyWindowMinutes: n('emergencyWindowMinutes'),
      idleLockMinutes: n('idleLockMinutes'),
      lockout: { failuresBeforeLock: n('failuresBeforeLock'), firstLockMinutes: n('firstLockMinutes'), maxLockMinutes: n('maxLockMinutes') },
      workingHours: {
        timeZone: text('timeZone'),
        days: text('days').split(/[\s,]+/).filter(Boolean).map((d) => numberInput(d) ?? Number.NaN),
        start: text('start'),
        end: text('end'),
      },
      bankHolidays: text('bankHolidays').split(/\s+/).filter(Boolean),
      clockRollbackToleranceMinutes: n('clockRollbackToleranceMinutes'),
      backupRetentionDays: n('backupRetentionDays'),
      refusalReasonMinChars: n('refusalReasonMinChars'),
      offlineWindowHours: n('offlineWindowHours'),
    },
  };
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

/** The form field for a path in `admin.updatePolicy`'s input ("policy.sla.ROUTINE.minutes" → "sla-ROUTINE-minutes"). */
export function policyFieldOf(path: string[]): string | undefined {
  if (path[0] === 'confirmPassword') return 'confirmPassword';
  return fieldIdForPolicyPath(path.join('.'))?.replace(/^policy-/, '');
}

/** The form's fields in the order of the page, each with the label its messages use. */
export function policyFields(): FormFields {
  const keys = [
    ...URGENCIES.flatMap((u) => [`sla-${u}-minutes`, `sla-${u}-clock`]),
    'hubLeadMinutes',
    ...SCOPES.map((s) => `max-${s}`),
    'halveForHighestRisk',
    'emergencyWindowMinutes',
    'emergencyMaxMinutes',
    'idleLockMinutes',
    'failuresBeforeLock',
    'firstLockMinutes',
    'maxLockMinutes',
    'clockRollbackToleranceMinutes',
    'refusalReasonMinChars',
    'backupRetentionDays',
    'offlineWindowHours',
    'start',
    'end',
    'days',
    'timeZone',
    'bankHolidays',
  ];
  const fields: FormFields = {};
  for (const key of keys) {
    const clock = /^sla-(\w+)-clock$/.exec(key);
    const label = clock ? `Minutes for ${URGENCY_LABELS[clock[1] as Urgency]?.toLowerCase() ?? key} counted in` : (OTHER_LABELS[key] ?? policyFieldName(key));
    fields[key] = { id: `policy-${key}`, label };
  }
  fields.confirmPassword = { id: 'confirm-password', label: 'Your password' };
  return fields;
}
