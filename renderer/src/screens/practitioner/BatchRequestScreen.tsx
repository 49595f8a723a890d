/**
 * Ask for access to several people at once: paste their CRNs, or take the participants of a
 * programme you deliver. Each person is routed on their own (to their own offender manager or the
 * hub); people you may not ask for are refused one by one and the rest still go.
 */
import { useState, type FormEvent } from 'react';
import type { RequestOutcome } from '../../../../shared/contract/requests';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Checkboxes, Radios, Select, Textarea } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { BackLink, Page } from '../../components/Page';
import { RequestStatusTag } from '../../components/Tags';
import { coreNow } from '../../app/core-clock';
import { href } from '../../app/router';
import { parseCrnList } from './crn-list';
import { checkDraft, EMPTY_DRAFT, REQUEST_FIELD_IDS, type RequestDraft } from './request-draft';
import { RequestFields } from './RequestFields';

type Source = 'PASTE' | 'PROGRAMME';

export function BatchRequestScreen() {
  const [source, setSource] = useState<Source | ''>('');
  const [pasted, setPasted] = useState('');
  const [programmeCode, setProgrammeCode] = useState('');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [draft, setDraft] = useState<RequestDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<{ batchId: string | null; results: RequestOutcome[] } | null>(null);

  const programmes = useLiveQuery('people', ['programmes'], () => call('people.myProgrammes', {}));
  const participants = useLiveQuery('people', ['programme', programmeCode], () =>
    programmeCode ? call('people.programme', { programmeCode }) : Promise.resolve({ ok: true as const, value: null }),
  );

  const chooseProgramme = (code: string) => {
    setProgrammeCode(code);
    setChosen(null);
  };
  const participantRows = participants.value?.people ?? [];
  const selectable = participantRows.filter((p) => !p.accessRestricted);
  // Everyone who can be asked for is ticked until the person changes the list.
  const ticked = chosen ?? selectable.map((p) => p.crn);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    let crns: string[] = [];
    if (source === '') found.push({ fieldId: 'batch-source', message: 'Choose how to name the people' });
    if (source === 'PASTE') {
      const list = parseCrnList(pasted);
      if (list.invalid.length > 0) found.push({ fieldId: 'batch-crns', message: `These are not CRNs: ${list.invalid.join(', ')}. A CRN is a letter and six digits, like X320741` });
      else if (list.crns.length === 0) found.push({ fieldId: 'batch-crns', message: 'Enter at least one CRN' });
      else if (list.crns.length > 100) found.push({ fieldId: 'batch-crns', message: 'Enter at most 100 CRNs in one request' });
      crns = list.crns;
    }
    if (source === 'PROGRAMME') {
      if (!programmeCode) found.push({ fieldId: 'batch-programme', message: 'Choose the programme' });
      else if (ticked.length === 0) found.push({ fieldId: 'batch-people', message: 'Choose at least one participant' });
      crns = ticked;
    }
    const checked = checkDraft(draft, () => null, coreNow());
    const all = [...found, ...checked.problems];
    setProblems(all);
    if (all.length > 0 || !checked.ready) return;
    setBusy(true);
    const result = await call('requests.create', { crns, ...checked.ready });
    setBusy(false);
    if (!result.ok) return setProblems(problemsFrom(result.error, { ...REQUEST_FIELD_IDS, crns: source === 'PASTE' ? 'batch-crns' : 'batch-people' }));
    setResults(result.value);
  };

  if (results) return <BatchResults batchId={results.batchId} results={results.results} />;

  return (
    <Page title="Request access for a group" before={<BackLink href={href('/people')}>Find a person</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Radios<Source>
          id="batch-source"
          legend="Who do you need access for?"
          legendClass="govuk-fieldset__legend--m"
          value={source}
          onChange={setSource}
          error={errorFor(problems, 'batch-source')}
          choices={[
            { value: 'PROGRAMME', label: 'The participants of a programme I deliver' },
            { value: 'PASTE', label: 'A list of CRNs' },
          ]}
        />
        {source === 'PASTE' ? (
          <Textarea id="batch-crns" label="CRNs" hint="Paste up to 100, separated by spaces, commas or new lines" value={pasted} onChange={setPasted} rows={6} spellCheck={false} error={errorFor(problems, 'batch-crns')} />
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
                values={ticked}
                onChange={setChosen}
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
        <RequestFields draft={draft} onChange={setDraft} problems={problems} maxDays={() => null} />
        <button type="submit" className="govuk-button" disabled={busy} data-testid="send-batch">
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
