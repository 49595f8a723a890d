/**
 * Policy settings: how long each urgency may wait for the offender manager, the hub's lead time,
 * the longest access for each scope, emergency access, idle lock, lockout, working hours and bank
 * holidays. Changes apply to routing from now on.
 */
import { useState, type FormEvent } from 'react';
import type { PolicySettings } from '../../../../shared/contract/policy-settings';
import { SCOPES, URGENCIES, URGENCY_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Select, Textarea, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { policyFieldLabel, policyProblems, policyToForm, formToPolicy, type PolicyForm } from './policy-form';

export function PolicyScreen() {
  const loaded = useLiveQuery('admin', ['policy'], () => call('admin.getPolicy', {}), { poll: false });
  const [edited, setEdited] = useState<PolicyForm | null>(null);
  const form = edited ?? (loaded.value ? policyToForm(loaded.value) : null);
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);

  const set = (key: string, value: string) => setEdited({ ...(form ?? {}), [key]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setSaved(false);
    const converted = formToPolicy(form);
    const found = [...converted.problems];
    if (!confirm) found.push({ fieldId: 'confirm-password', message: 'Enter your password to confirm' });
    setProblems(found);
    if (found.length > 0 || !converted.policy) return;
    const result = await call('admin.updatePolicy', { confirmPassword: confirm, policy: converted.policy });
    setConfirm('');
    if (!result.ok) return setProblems(policyProblems(result.error));
    setEdited(policyToForm(result.value as PolicySettings));
    setProblems([]);
    setSaved(true);
  };

  const number = (key: string, hint?: string) => (
    <TextInput id={`policy-${key}`} label={policyFieldLabel(key)} hint={hint} inputMode="numeric" width="govuk-input--width-5" value={form?.[key] ?? ''} onChange={(v) => set(key, v)} error={errorFor(problems, `policy-${key}`)} />
  );

  return (
    <Page title="Policy settings" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {saved ? <NotificationBanner kind="success" heading="Policy saved. It applies to routing from now on." focus testId="policy-saved" /> : null}
      <LoadProblem error={loaded.error} loading={loaded.loading && !form} />
      {form ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h2 className="govuk-heading-m">Time for the offender manager to decide</h2>
          {URGENCIES.map((u) => (
            <fieldset className="govuk-fieldset" key={u}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{URGENCY_LABELS[u]}</legend>
              <div className="rab-filters">
                {number(`sla-${u}-minutes`)}
                <Select
                  id={`policy-sla-${u}-clock`}
                  label="Counted in"
                  value={form[`sla-${u}-clock`] ?? 'WALL'}
                  onChange={(v) => set(`sla-${u}-clock`, v)}
                  choices={[
                    { value: 'WALL', label: 'Clock time' },
                    { value: 'WORKING', label: 'Working time' },
                  ]}
                />
              </div>
            </fieldset>
          ))}
          {number('hubLeadMinutes')}
          <h2 className="govuk-heading-m">Longest access, in days</h2>
          {SCOPES.map((s) => number(`max-${s}`))}
          <Select
            id="policy-halveForHighestRisk"
            label="For RoSH very high or MAPPA level 2 or 3"
            value={form.halveForHighestRisk ?? 'yes'}
            onChange={(v) => set('halveForHighestRisk', v)}
            choices={[
              { value: 'yes', label: 'Halve the longest access' },
              { value: 'no', label: 'Use the same longest access' },
            ]}
          />
          <h2 className="govuk-heading-m">Emergency safety access</h2>
          {number('emergencyWindowMinutes')}
          {number('emergencyMaxMinutes')}
          <h2 className="govuk-heading-m">Signing in</h2>
          {number('idleLockMinutes')}
          {number('failuresBeforeLock')}
          {number('firstLockMinutes')}
          {number('maxLockMinutes')}
          {number('clockRollbackToleranceMinutes')}
          {number('refusalReasonMinChars')}
          <h2 className="govuk-heading-m">Backups</h2>
          {number('backupRetentionDays')}
          <h2 className="govuk-heading-m">Connected desktops</h2>
          {number('offlineWindowHours')}
          <h2 className="govuk-heading-m">Working time</h2>
          <div className="rab-filters">
            <TextInput id="policy-start" label="Day starts" width="govuk-input--width-5" value={form.start ?? ''} onChange={(v) => set('start', v)} error={errorFor(problems, 'policy-start')} />
            <TextInput id="policy-end" label="Day ends" width="govuk-input--width-5" value={form.end ?? ''} onChange={(v) => set('end', v)} error={errorFor(problems, 'policy-end')} />
          </div>
          <TextInput id="policy-days" label="Working days" hint="ISO weekday numbers: 1 is Monday, 7 is Sunday" width="govuk-input--width-10" value={form.days ?? ''} onChange={(v) => set('days', v)} error={errorFor(problems, 'policy-days')} />
          <TextInput id="policy-timeZone" label="Time zone" width="govuk-input--width-20" value={form.timeZone ?? ''} onChange={(v) => set('timeZone', v)} error={errorFor(problems, 'policy-timeZone')} />
          <Textarea id="policy-bankHolidays" label="Bank holidays" hint="One date a line, like 2026-12-25" rows={8} value={form.bankHolidays ?? ''} onChange={(v) => set('bankHolidays', v)} error={errorFor(problems, 'policy-bankHolidays')} />
          <ConfirmPassword value={confirm} onChange={setConfirm} error={errorFor(problems, 'confirm-password')} />
          <button type="submit" className="govuk-button" data-testid="save-policy">
            Save policy
          </button>
        </form>
      ) : null}
    </Page>
  );
}
