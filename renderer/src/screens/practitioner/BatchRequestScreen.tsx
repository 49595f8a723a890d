/**
 * Ask for access to several people at once: paste their CRNs, or take the participants of a
 * programme you deliver. Each person is routed on their own (to their own offender manager or the
 * hub); people you may not ask for are refused one by one and the rest still go.
 */
import { useState } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { RequestOutcome } from '../../../../shared/contract/requests';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Checkboxes, Radios, Select, Textarea } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, Page } from '../../components/Page';
import { RequestStatusTag } from '../../components/Tags';
import { href } from '../../app/router';
import { parseCrnList } from './crn-list';
import { EMPTY_DRAFT, REQUEST_FIELDS, requestInput, type RequestDraft } from './request-draft';
import { RequestFields } from './RequestFields';

type Source = 'PASTE' | 'PROGRAMME';

interface BatchAnswers extends RequestDraft {
  source: Source | '';
  pasted: string;
  programmeCode: string;
  /** The participants ticked, or null while everyone who can be asked for is. */
  chosen: string[] | null;
}

/** Where the contract's list of people is asked for, by how the people are named. */
function peopleField(v: Pick<BatchAnswers, 'source' | 'programmeCode'>): { id: string; label: string } {
  if (v.source === 'PASTE') return { id: 'batch-crns', label: 'CRNs' };
  if (v.source === 'PROGRAMME') return v.programmeCode ? { id: 'batch-people', label: 'Participants' } : { id: 'batch-programme', label: 'Programme' };
  return { id: 'batch-source', label: 'Who you need access for' };
}

export function BatchRequestScreen() {
  const [results, setResults] = useState<{ batchId: string | null; results: RequestOutcome[] } | null>(null);
  const ticked = (chosen: string[] | null): string[] => chosen ?? selectable.map((p: { crn: string }) => p.crn);
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['requests.create'].input,
    toInput: (v: BatchAnswers) => {
      // What is pasted and is not a CRN goes to the contract as typed, so it names what is wrong.
      const pasted = parseCrnList(v.pasted);
      const crns = v.source === 'PASTE' ? [...pasted.crns, ...pasted.invalid] : v.source === 'PROGRAMME' ? ticked(v.chosen) : [];
      return requestInput(v, crns);
    },
    fields: (v): FormFields => ({ ...REQUEST_FIELDS, crns: peopleField(v) }),
    defaultValues: { ...EMPTY_DRAFT, source: '', pasted: '', programmeCode: '', chosen: null },
  });
  const [source, programmeCode, chosen] = form.watch(['source', 'programmeCode', 'chosen']);

  const programmes = useLiveQuery('people', ['programmes'], () => call('people.myProgrammes', {}));
  const participants = useLiveQuery('people', ['programme', programmeCode], () =>
    programmeCode ? call('people.programme', { programmeCode }) : Promise.resolve({ ok: true as const, value: null }),
  );

  const chooseProgramme = (code: string) => {
    form.setValue('programmeCode', code);
    form.setValue('chosen', null);
  };
  const participantRows = participants.value?.people ?? [];
  const selectable = participantRows.filter((p) => !p.accessRestricted);

  const submit = onSubmit(async (input) => {
    const result = await call('requests.create', input);
    if (!result.ok) return refuse(result.error);
    setResults(result.value);
  });

  if (results) return <BatchResults batchId={results.batchId} results={results.results} />;

  return (
    <Page title="Request access for a group" before={<BackLink href={href('/people')}>Find a person</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate>
        <Controller
          control={form.control}
          name="source"
          render={({ field }) => (
            <Radios<Source>
              id="batch-source"
              legend="Who do you need access for?"
              legendClass="govuk-fieldset__legend--m"
              value={field.value}
              onChange={field.onChange}
              error={errorFor(problems, 'batch-source')}
              choices={[
                { value: 'PROGRAMME', label: 'The participants of a programme I deliver' },
                { value: 'PASTE', label: 'A list of CRNs' },
              ]}
            />
          )}
        />
        {source === 'PASTE' ? (
          <Controller
            control={form.control}
            name="pasted"
            render={({ field }) => (
              <Textarea id="batch-crns" label="CRNs" hint="Paste up to 100, separated by spaces, commas or new lines" value={field.value} onChange={field.onChange} rows={6} spellCheck={false} error={errorFor(problems, 'batch-crns')} />
            )}
          />
        ) : null}
        {source === 'PROGRAMME' ? (
          <>
            <Select
              id="batch-programme"
              label="Programme"
              value={programmeCode}
              onChange={chooseProgramme}
              error={errorFor(problems, 'batch-programme')}
              choices={[
                { value: '', label: programmes.value && programmes.value.length === 0 ? 'You deliver no programmes' : 'Choose a programme' },
                ...(programmes.value ?? []).map((p) => ({ value: p.programmeCode, label: `${p.description} (${p.participants} participants)` })),
              ]}
            />
            {participants.value ? (
              <Checkboxes<string>
                id="batch-people"
                legend="Participants"
                hint="People you may not ask for are shown as access restricted."
                // Everyone who can be asked for is ticked until the person changes the list.
                values={ticked(chosen)}
                onChange={(crns) => form.setValue('chosen', crns)}
                small
                error={errorFor(problems, 'batch-people')}
                choices={participantRows.map((p) => ({
                  value: p.crn,
                  label: p.accessRestricted ? `Access restricted (${p.crn})` : `${p.name ?? p.crn} (${p.crn})`,
                  disabled: p.accessRestricted,
                  hint: p.ownerName ? `Offender manager: ${p.ownerName}` : undefined,
                }))}
              />
            ) : null}
          </>
        ) : null}
        {/* The request's questions are the same as for one person; this form holds a few more. */}
        <RequestFields control={form.control as unknown as Control<RequestDraft, unknown, unknown>} scope={form.watch('scope')} problems={problems} maxDays={() => null} />
        <button type="submit" className="govuk-button" disabled={form.formState.isSubmitting} data-testid="send-batch">
          Send requests
        </button>
      </form>
    </Page>
  );
}

function BatchResults({ batchId, results }: { batchId: string | null; results: RequestOutcome[] }) {
  const created = results.filter((r) => r.outcome === 'CREATED').length;
  const refused = results.length - created;
  return (
    <Page title="Requests sent" width="full">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <NotificationBanner kind="success" focus heading={`${created} ${created === 1 ? 'request' : 'requests'} sent${refused > 0 ? `, ${refused} refused` : ''}`} testId="batch-banner">
            <p className="govuk-body">Each person’s request goes to their own offender manager, or to the NPS hub if they are away.</p>
          </NotificationBanner>
        </div>
      </div>
      <table className="govuk-table" data-testid="batch-results">
        <caption className="govuk-table__caption govuk-table__caption--m">
          Group request {batchId ? <span className="rab-code">{batchId.slice(0, 8)}</span> : null}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">CRN</th>
            <th scope="col" className="govuk-table__header">Person</th>
            <th scope="col" className="govuk-table__header">Outcome</th>
            <th scope="col" className="govuk-table__header">Where it is</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {results.map((r) => (
            <tr className="govuk-table__row" key={r.crn}>
              <td className="govuk-table__cell">{r.crn}</td>
              <td className="govuk-table__cell">{r.outcome === 'CREATED' ? r.request.personName : ''}</td>
              <td className="govuk-table__cell">
                {r.outcome === 'CREATED' ? <RequestStatusTag status={r.request.status} /> : <strong className="govuk-tag govuk-tag--red">Not sent</strong>}
              </td>
              <td className="govuk-table__cell">
                {r.outcome === 'CREATED' ? (
                  <>
                    <a className="govuk-link" href={href(`/requests/${r.request.id}`)}>
                      {r.request.whereAndWhy}
                    </a>
                    {r.notes.map((n) => (
                      <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" key={n} data-testid="batch-note">
                        {n}
                      </p>
                    ))}
                  </>
                ) : (
                  r.error.message
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <a className="govuk-button" href={href('/requests')}>
        Go to my requests
      </a>
    </Page>
  );
}
