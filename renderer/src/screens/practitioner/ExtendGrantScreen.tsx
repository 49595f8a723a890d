/** Ask to extend access you hold: routed like a new request; the new access starts when this ends. */
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { scopeInSentence, URGENCIES, URGENCY_LABELS, type Urgency } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Radios, Select, Textarea, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { formatDateTime } from '../../format/time';
import { href, navigate } from '../../app/router';
import { durationInput, type DurationUnit } from './duration-input';

interface Extension {
  amount: string;
  unit: DurationUnit;
  justification: string;
  urgency: Urgency | '';
}

const AMOUNT = { id: 'extend-duration', label: 'How much longer' };
const FIELDS: FormFields = {
  durationDays: AMOUNT,
  durationHours: AMOUNT,
  justification: { id: 'extend-justification', label: 'Why you need longer' },
  urgency: { id: 'extend-urgency', label: 'How soon you need a decision' },
};

export function ExtendGrantScreen({ grantId }: { grantId: number }) {
  const grant = useLiveQuery('myAccess', ['grant', grantId], () => call('grants.get', { grantId }), { poll: false });
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['grants.requestExtension'].input,
    toInput: (v: Extension) => ({ grantId, ...durationInput(v.amount, v.unit), justification: v.justification, urgency: v.urgency || undefined }),
    fields: FIELDS,
    defaultValues: { amount: '', unit: 'DAYS', justification: '', urgency: '' },
  });
  const g = grant.value;

  const submit = onSubmit(async (input) => {
    const result = await call('grants.requestExtension', input);
    if (!result.ok) return refuse(result.error);
    navigate(`/requests/${result.value.id}`, { sent: 1 });
  });

  return (
    <Page title="Ask to extend access" caption={g ? `${g.personName} (${g.crn})` : undefined} before={<BackLink href={href('/grants')}>My access</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <LoadProblem error={grant.error} loading={grant.loading && !g} />
      {g ? (
        <form onSubmit={submit} noValidate>
          <p className="govuk-body">
            You can read the {scopeInSentence(g.scope)} until {formatDateTime(g.endAt)}. An extension goes to the offender manager like a new request and starts when this access ends.
          </p>
          <Controller
            control={form.control}
            name="amount"
            render={({ field }) => (
              <TextInput id={AMOUNT.id} label="For how much longer?" hint="A whole number of days or hours (at least 1 hour)." inputMode="numeric" width="govuk-input--width-3" value={field.value} onChange={field.onChange} error={errorFor(problems, AMOUNT.id)} />
            )}
          />
          <Controller
            control={form.control}
            name="unit"
            render={({ field }) => (
              <Select id="extend-duration-unit" label="Days or hours" value={field.value} onChange={(v) => field.onChange(v === 'HOURS' ? 'HOURS' : 'DAYS')} choices={[{ value: 'DAYS', label: 'days' }, { value: 'HOURS', label: 'hours' }]} />
            )}
          />
          <Controller
            control={form.control}
            name="justification"
            render={({ field }) => <Textarea id={FIELDS.justification!.id} label="Why do you need longer?" value={field.value} onChange={field.onChange} error={errorFor(problems, FIELDS.justification!.id)} />}
          />
          <Controller
            control={form.control}
            name="urgency"
            render={({ field }) => (
              <Radios<Urgency>
                id={FIELDS.urgency!.id}
                legend="How soon do you need a decision?"
                value={field.value}
                onChange={field.onChange}
                error={errorFor(problems, FIELDS.urgency!.id)}
                choices={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
              />
            )}
          />
          <button type="submit" className="govuk-button" disabled={form.formState.isSubmitting}>
            Send request
          </button>
        </form>
      ) : null}
    </Page>
  );
}
