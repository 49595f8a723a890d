/** Ask for access to one person's record. */
import { useState, type FormEvent } from 'react';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { problemsFrom } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { coreNow } from '../../app/core-clock';
import { href, navigate } from '../../app/router';
import { checkDraft, EMPTY_DRAFT, REQUEST_FIELD_IDS, type RequestDraft } from './request-draft';
import { RequestFields } from './RequestFields';
import { RequestPreview } from './RequestPreview';
import { fromLondonInputValue } from '../../format/time';

/** The request that already covers this one, named and linked rather than numbered. */
async function alreadyAsked(crn: string, name: string): Promise<Problem> {
  const open = await call('requests.mine', { filter: 'OPEN', limit: 100, offset: 0 });
  const existing = open.ok ? open.value.rows.find((r) => r.crn === crn) : undefined;
  const message = `You already have a request for ${name} waiting for a decision that covers this`;
  return existing ? { message: `${message}: open it to follow it or withdraw it`, href: href(`/requests/${existing.id}`) } : { message };
}

export function RequestAccessScreen({ crn }: { crn: string }) {
  const person = useLiveQuery('people', [crn], () => call('people.get', { crn }));
  const [draft, setDraft] = useState<RequestDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const p = person.value;
  const maxDays = (scope: keyof NonNullable<typeof p>['maxDurationDays']) => p?.maxDurationDays[scope] ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft, maxDays, coreNow());
    setProblems(checked.problems);
    if (!checked.ready) return;
    setBusy(true);
    const result = await call('requests.create', { crns: [crn], ...checked.ready });
    setBusy(false);
    if (!result.ok) return setProblems(problemsFrom(result.error, REQUEST_FIELD_IDS));
    const outcome = result.value.results[0];
    if (!outcome) return setProblems([{ message: 'The broker did not answer for this person. Nothing was sent.' }]);
    if (outcome.outcome === 'REFUSED' && outcome.error.code === 'DUPLICATE_REQUEST') return setProblems([await alreadyAsked(crn, name)]);
    if (outcome.outcome === 'REFUSED') {
      const fieldId = outcome.error.code === 'DURATION_TOO_LONG' ? REQUEST_FIELD_IDS.durationDays : undefined;
      return setProblems([{ message: outcome.error.message, ...(fieldId ? { fieldId } : {}) }]);
    }
    navigate(`/requests/${outcome.request.id}`, { sent: 1 });
  };

  const name = p && !p.accessRestricted && p.name ? p.name : crn;
  return (
    <Page title="Request access to a record" caption={`${name} (${crn})`} before={<BackLink href={href(`/people/${crn}`)} />} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <LoadProblem error={person.error} loading={person.loading && !p} />
      {p ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          {p.owner ? (
            <p className="govuk-body">
              {p.owner.available
                ? `Your request goes to ${p.owner.name ?? 'the offender manager'}${p.owner.deputies.length > 0 ? ' and their deputy' : ''}.`
                : `${p.owner.name ?? 'The offender manager'} is not available (${p.owner.note ?? 'unavailable'}), so your request goes straight to the NPS hub.`}
            </p>
          ) : null}
          <RequestFields draft={draft} onChange={setDraft} problems={problems} maxDays={maxDays} />
          <RequestPreview crn={crn} urgency={draft.urgency} neededBy={draft.neededBy ? fromLondonInputValue(draft.neededBy) : null} />
          <button type="submit" className="govuk-button" disabled={busy} data-testid="send-request">
            Send request
          </button>
        </form>
      ) : null}
    </Page>
  );
}
