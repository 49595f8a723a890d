/** Ask for access to one person's record. */
import { CONTRACT, type DuplicateOf } from '../../../../shared/contract';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { useContractForm } from '../../components/contract-form';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { href, navigate } from '../../app/router';
import { fromLondonInputValue } from '../../format/time';
import { EMPTY_DRAFT, REQUEST_FIELD_IDS, REQUEST_FIELDS, requestInput, type RequestDraft } from './request-draft';
import { RequestFields } from './RequestFields';
import { RequestPreview } from './RequestPreview';

/**
 * A refusal because something already covers this request, as the broker worded it (the person's
 * name, the true reason), linked to the next step: the pending request, the grant to extend, or the
 * record the allocation already opens.
 */
function alreadyCovered(crn: string, message: string, of: DuplicateOf | undefined): Problem {
  if (of?.kind === 'PENDING_REQUEST') return { message, href: href(`/requests/${of.requestId}`) };
  if (of?.kind === 'ACTIVE_GRANT') return { message, href: href(`/grants/${of.grantId}/extend`) };
  if (of?.kind === 'ALLOCATION') return { message, href: href(`/records/${crn}`) };
  return { message };
}

export function RequestAccessScreen({ crn }: { crn: string }) {
  const person = useLiveQuery('people', [crn], () => call('people.get', { crn }));
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['requests.create'].input,
    toInput: (draft: RequestDraft) => requestInput(draft, [crn]),
    fields: REQUEST_FIELDS,
    defaultValues: EMPTY_DRAFT,
  });
  const p = person.value;
  const maxDays = (scope: keyof NonNullable<typeof p>['maxDurationDays']) => p?.maxDurationDays[scope] ?? null;
  const [scope, urgency, neededBy] = form.watch(['scope', 'urgency', 'neededBy']);

  const submit = onSubmit(async (input) => {
    const result = await call('requests.create', input);
    if (!result.ok) return refuse(result.error);
    const outcome = result.value.results[0];
    if (!outcome) return refuse([{ message: 'The broker did not answer for this person. Nothing was sent.' }]);
    if (outcome.outcome === 'REFUSED' && outcome.error.code === 'DUPLICATE_REQUEST') return refuse([alreadyCovered(crn, outcome.error.message, outcome.error.duplicateOf)]);
    if (outcome.outcome === 'REFUSED') {
      // The longest access is the policy's for this person: the broker words it, against the length asked.
      const fieldId = outcome.error.code === 'DURATION_TOO_LONG' ? REQUEST_FIELD_IDS.durationDays : undefined;
      return refuse([{ message: outcome.error.message, ...(fieldId ? { fieldId } : {}) }]);
    }
    navigate(`/requests/${outcome.request.id}`, { sent: 1 });
  });

  const name = p && !p.accessRestricted && p.name ? p.name : crn;
  return (
    <Page title="Request access to a record" caption={`${name} (${crn})`} before={<BackLink href={href(`/people/${crn}`)} />} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <LoadProblem error={person.error} loading={person.loading && !p} />
      {p ? (
        <form onSubmit={submit} noValidate>
          {p.owner ? (
            <p className="govuk-body">
              {p.owner.available
                ? `Your request goes to ${p.owner.name ?? 'the offender manager'}${p.owner.deputies.length > 0 ? ' and their deputy' : ''}.`
                : `${p.owner.name ?? 'The offender manager'} is not available (${p.owner.note ?? 'unavailable'}), so your request goes straight to the NPS hub.`}
            </p>
          ) : null}
          <RequestFields control={form.control} scope={scope} problems={problems} maxDays={maxDays} />
          <RequestPreview crn={crn} urgency={urgency} neededBy={neededBy ? fromLondonInputValue(neededBy) : null} />
          <button type="submit" className="govuk-button" disabled={form.formState.isSubmitting} data-testid="send-request">
            Send request
          </button>
        </form>
      ) : null}
    </Page>
  );
}
