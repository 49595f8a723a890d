/**
 * Emergency safety access (break-glass): on a pending request needed within hours, the requester
 * re-enters their password and gives a reason to open the front sheet only, for a few hours. The
 * offender manager and the hub are told at once and the hub reviews every use.
 */
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { EMERGENCY_REASONS, EMERGENCY_REASON_LABELS, type EmergencyReason } from '../../../../shared/contract/vocabulary';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { WarningText } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Radios, Textarea, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { href, navigate } from '../../app/router';

interface EmergencyAnswers {
  reasonCode: EmergencyReason | '';
  reasonText: string;
  password: string;
}

const FIELDS: FormFields = {
  reasonCode: { id: 'emergency-reason', label: 'Why you need it now' },
  reasonText: { id: 'emergency-reason-text', label: 'Explain' },
  password: { id: 'emergency-password', label: 'Your password' },
};
const ID = { reasonCode: FIELDS.reasonCode!.id, reasonText: FIELDS.reasonText!.id, password: FIELDS.password!.id };

export function EmergencyAccessScreen({ requestId }: { requestId: number }) {
  const detail = useLiveQuery('myRequests', ['request', requestId], () => call('requests.get', { requestId }));
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['emergency.open'].input,
    toInput: (v: EmergencyAnswers) => ({ requestId, ...v, reasonCode: v.reasonCode || undefined }),
    fields: FIELDS,
    defaultValues: { reasonCode: '', reasonText: '', password: '' },
  });
  const r = detail.value?.request;
  const reason = form.watch('reasonCode');

  const submit = onSubmit(async (input) => {
    const result = await call('emergency.open', input);
    form.setValue('password', '');
    if (result.ok) return navigate(`/records/${result.value.grant.crn}`);
    // Refusals the broker words for one answer: a wrong password, an "other" reason left unexplained.
    const fieldId = result.error.code === 'BAD_CREDENTIALS' ? ID.password : result.error.code === 'EMERGENCY_REASON_REQUIRED' ? ID.reasonText : undefined;
    refuse(fieldId ? [{ fieldId, message: result.error.message }] : result.error);
  });

  return (
    <Page
      title="Emergency safety access"
      caption={r ? `${r.personName} (${r.crn})` : undefined}
      before={<BackLink href={href(`/requests/${requestId}`)}>Back to the request</BackLink>}
      hasError={problems.length > 0}
    >
      <ErrorSummary problems={problems} />
      <LoadProblem error={detail.error} loading={detail.loading && !r} />
      {r ? (
        <>
          <WarningText>Use this only if someone could be hurt before your request is decided.</WarningText>
          <ul className="govuk-list govuk-list--bullet" data-testid="emergency-warnings">
            <li>You will see the front sheet only: risk levels, active alerts and safety warnings.</li>
            <li>Access lasts at most 4 hours and ends by itself.</li>
            <li>The offender manager and the NPS hub are told straight away.</li>
            <li>The NPS hub reviews every use. Use without good reason is referred to your line manager.</li>
          </ul>
          {!r.emergencyAvailable ? (
            <p className="govuk-body">Emergency access is not open for this request: it is only for a pending request needed within 4 hours.</p>
          ) : null}
          <form onSubmit={submit} noValidate>
            <Controller
              control={form.control}
              name="reasonCode"
              render={({ field }) => (
                <Radios<EmergencyReason>
                  id={ID.reasonCode}
                  legend="Why do you need it now?"
                  legendClass="govuk-fieldset__legend--m"
                  value={field.value}
                  onChange={field.onChange}
                  error={errorFor(problems, ID.reasonCode)}
                  choices={EMERGENCY_REASONS.map((value) => ({ value, label: EMERGENCY_REASON_LABELS[value] }))}
                />
              )}
            />
            <Controller
              control={form.control}
              name="reasonText"
              render={({ field }) => (
                <Textarea id={ID.reasonText} label={reason === 'OTHER' ? 'Explain' : 'Anything the hub should know (optional)'} value={field.value} onChange={field.onChange} rows={3} error={errorFor(problems, ID.reasonText)} />
              )}
            />
            <Controller
              control={form.control}
              name="password"
              render={({ field }) => (
                <TextInput id={ID.password} label="Your password" hint="To confirm it is you" type="password" value={field.value} onChange={field.onChange} autoComplete="current-password" width="govuk-input--width-20" error={errorFor(problems, ID.password)} />
              )}
            />
            <button type="submit" className="govuk-button govuk-button--warning" disabled={form.formState.isSubmitting} data-testid="open-emergency">
              Open the front sheet now
            </button>
          </form>
        </>
      ) : null}
    </Page>
  );
}
