/** The questions of an access request, shared by the single-person and the group request. */
import { PURPOSES, PURPOSE_LABELS } from '../../../../shared/contract/vocabulary';
import { SCOPES, SCOPE_LABELS, URGENCIES, URGENCY_LABELS, type Scope, type Urgency } from '../../../../shared/domain/access';
import { Controller, type Control } from 'react-hook-form';
import type { Problem } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { Radios, Select, Textarea, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { REQUEST_FIELD_IDS as IDS, type RequestDraft } from './request-draft';

const SCOPE_HINTS: Record<Scope, string> = {
  FRONT_SHEET: 'RoSH levels including risk to staff, active alerts (warrants, risk to staff, gangs, MAPPA) and safety warnings',
  ROSH_SUMMARY: 'The front sheet and the OASys R-summary: who is at risk, nature and imminence of the risk',
  RISK_MANAGEMENT_PLAN: 'The above and the OASys risk management plan',
  FULL_RECORD: 'Everything held, including sentence, requirements and registration history',
};

const URGENCY_HINTS: Record<Urgency, string> = {
  IMMEDIATE_SAFETY: 'Someone could be hurt: the offender manager has minutes, then the NPS hub decides',
  WITHIN_2_WORKING_DAYS: 'For an appointment or placement in the next 2 working days: decided within hours',
  ROUTINE: 'Decided within a working day',
};

export function RequestFields<O>({
  control,
  scope,
  problems,
  maxDays,
}: {
  control: Control<RequestDraft, unknown, O>;
  /** The scope chosen so far (the longest access depends on it). */
  scope: Scope | '';
  problems: Problem[];
  /** The longest access allowed for each scope, when known. */
  maxDays: (scope: Scope) => number | null;
}) {
  const max = scope ? maxDays(scope) : null;
  return (
    <>
      <Controller
        control={control}
        name="scope"
        render={({ field }) => (
          <Radios<Scope>
            id={IDS.scope}
            legend="How much of the record do you need?"
            legendClass="govuk-fieldset__legend--m"
            hint="Ask for the least that lets you do the work safely."
            value={field.value}
            onChange={field.onChange}
            error={errorFor(problems, IDS.scope)}
            choices={SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s], hint: SCOPE_HINTS[s] }))}
          />
        )}
      />
      <Controller
        control={control}
        name="purpose"
        render={({ field }) => (
          <Select
            id={IDS.purpose}
            label="What do you need it for?"
            labelClass="govuk-label--m"
            value={field.value}
            onChange={field.onChange}
            error={errorFor(problems, IDS.purpose)}
            choices={[{ value: '', label: 'Choose a purpose' }, ...PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }))]}
          />
        )}
      />
      <Controller
        control={control}
        name="justification"
        render={({ field }) => (
          <Textarea
            id={IDS.justification}
            label="Why do you need it?"
            labelClass="govuk-label--m"
            hint="The offender manager reads this to decide. Say what you will do with the person and when."
            value={field.value}
            onChange={field.onChange}
            error={errorFor(problems, IDS.justification)}
            rows={5}
          />
        )}
      />
      <Controller
        control={control}
        name="urgency"
        render={({ field }) => (
          <Radios<Urgency>
            id={IDS.urgency}
            legend="How soon do you need it?"
            legendClass="govuk-fieldset__legend--m"
            value={field.value}
            onChange={field.onChange}
            error={errorFor(problems, IDS.urgency)}
            choices={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u], hint: URGENCY_HINTS[u] }))}
          />
        )}
      />
      <Controller
        control={control}
        name="neededBy"
        render={({ field }) => (
          <DateInput
            withTime
            id={IDS.neededBy}
            label="Needed by (optional)"
            hint="For example, 4 3 2026 and 09:30 (London time, 24-hour clock). If it is too soon for the offender manager and then the hub to take turns, both get the request at once."
            value={field.value}
            onChange={field.onChange}
            error={errorFor(problems, IDS.neededBy)}
          />
        )}
      />
      <Controller
        control={control}
        name="durationDays"
        render={({ field }) => (
          <TextInput
            id={IDS.durationDays}
            label="For how long?"
            labelClass="govuk-label--s"
            hint={`A whole number of days or hours (at least 1 hour). ${max !== null ? `At most ${max} days for this part of the record.` : 'Policy sets the longest access for each part of the record.'}`}
            inputMode="numeric"
            width="govuk-input--width-3"
            value={field.value}
            onChange={field.onChange}
            error={errorFor(problems, IDS.durationDays)}
          />
        )}
      />
      <Controller
        control={control}
        name="durationUnit"
        render={({ field }) => (
          <Select
            id={IDS.durationUnit}
            label="Days or hours"
            labelClass="govuk-label--s"
            value={field.value}
            onChange={(v) => field.onChange(v === 'HOURS' ? 'HOURS' : 'DAYS')}
            choices={[{ value: 'DAYS', label: 'days' }, { value: 'HOURS', label: 'hours' }]}
          />
        )}
      />
    </>
  );
}
