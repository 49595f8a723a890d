/**
 * Policy settings: how long each urgency may wait for the offender manager, the hub's lead time,
 * the longest access for each scope, emergency access, idle lock, lockout, working hours and bank
 * holidays. Changes apply to routing from now on.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { SCOPES, URGENCIES, URGENCY_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { useContractForm } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Select, Textarea, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { policyFieldLabel, policyFieldOf, policyFields, policyInput, policyToForm, type PolicyForm } from './policy-form';

const FIELDS = policyFields();

export function PolicyScreen() {
  const loaded = useLiveQuery('admin', ['policy'], () => call('admin.getPolicy', {}), { poll: false });
  // The form is filled from the policy in force, and again whenever it changes (a save, another administrator).
  const values = useMemo<PolicyForm | undefined>(() => (loaded.value ? { ...policyToForm(loaded.value), confirmPassword: '' } : undefined), [loaded.value]);
  if (!values) {
    return (
      <Page title="Policy settings">
        <LoadProblem error={loaded.error} loading={loaded.loading} />
      </Page>
    );
  }
  // The form is made only once the policy is here, so its boxes never show empty before it arrives.
  return <PolicyEditor values={values} reload={loaded.reload} />;
}

function PolicyEditor({ values, reload }: { values: PolicyForm; reload: () => Promise<unknown> }) {
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['admin.updatePolicy'].input,
    toInput: policyInput,
    fields: FIELDS,
    fieldOf: policyFieldOf,
    defaultValues: values,
    values,
  });
  const [saved, setSaved] = useState(false);

  const save = onSubmit(async (input) => {
    setSaved(false);
    const result = await call('admin.updatePolicy', input);
    form.setValue('confirmPassword', '');
    if (!result.ok) return refuse(result.error);
    form.reset({ ...policyToForm(result.value), confirmPassword: '' });
    setSaved(true);
    await reload();
  });

  const text = (key: string, render: (value: string, onChange: (v: string) => void, error: string | undefined) => ReactNode) => (
    <Controller key={key} control={form.control} name={key} render={({ field }) => <>{render(String(field.value ?? ''), field.onChange, errorFor(problems, FIELDS[key]!.id))}</>} />
  );
  const number = (key: string, hint?: string) =>
    text(key, (value, onChange, error) => <TextInput id={`policy-${key}`} label={policyFieldLabel(key)} hint={hint} inputMode="numeric" width="govuk-input--width-5" value={value} onChange={onChange} error={error} />);

  return (
    <Page title="Policy settings" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {saved ? <NotificationBanner kind="success" heading="Policy saved. It applies to routing from now on." focus testId="policy-saved" /> : null}
      <form onSubmit={save} noValidate>
          <h2 className="govuk-heading-m">Time for the offender manager to decide</h2>
          {URGENCIES.map((u) => (
            <fieldset className="govuk-fieldset" key={u}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{URGENCY_LABELS[u]}</legend>
              <div className="rab-filters">
                {number(`sla-${u}-minutes`)}
                {text(`sla-${u}-clock`, (value, onChange) => (
                  <Select
                    id={`policy-sla-${u}-clock`}
                    label="Counted in"
                    value={value || 'WALL'}
                    onChange={onChange}
                    choices={[
                      { value: 'WALL', label: 'Clock time' },
                      { value: 'WORKING', label: 'Working time' },
                    ]}
                  />
                ))}
              </div>
            </fieldset>
          ))}
          {number('hubLeadMinutes')}
          <h2 className="govuk-heading-m">Longest access, in days</h2>
          {SCOPES.map((s) => number(`max-${s}`))}
          {text('halveForHighestRisk', (value, onChange) => (
            <Select
              id="policy-halveForHighestRisk"
              label="For RoSH very high or MAPPA level 2 or 3"
              value={value || 'yes'}
              onChange={onChange}
              choices={[
                { value: 'yes', label: 'Halve the longest access' },
                { value: 'no', label: 'Use the same longest access' },
              ]}
            />
          ))}
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
            {text('start', (value, onChange, error) => <TextInput id="policy-start" label="Day starts" width="govuk-input--width-5" value={value} onChange={onChange} error={error} />)}
            {text('end', (value, onChange, error) => <TextInput id="policy-end" label="Day ends" width="govuk-input--width-5" value={value} onChange={onChange} error={error} />)}
          </div>
          {text('days', (value, onChange, error) => <TextInput id="policy-days" label="Working days" hint="ISO weekday numbers: 1 is Monday, 7 is Sunday" width="govuk-input--width-10" value={value} onChange={onChange} error={error} />)}
          {text('timeZone', (value, onChange, error) => <TextInput id="policy-timeZone" label="Time zone" width="govuk-input--width-20" value={value} onChange={onChange} error={error} />)}
          {text('bankHolidays', (value, onChange, error) => <Textarea id="policy-bankHolidays" label="Bank holidays" hint="One date a line, like 2026-12-25" rows={8} value={value} onChange={onChange} error={error} />)}
          {text('confirmPassword', (value, onChange, error) => <ConfirmPassword value={value} onChange={onChange} error={error} />)}
          <button type="submit" className="govuk-button" data-testid="save-policy">
            Save policy
          </button>
      </form>
    </Page>
  );
}
