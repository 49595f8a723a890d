/**
 * One decision for several requests, such as a programme group asked for together. Each request is
 * shown with its facts (why, for what, how urgent, the person's risk) so nothing is decided blind,
 * and each is decided on its own: one that someone else decided first, or that the decider may not
 * decide, is reported and the rest go ahead. The result says what was granted to whom until when.
 */
import { useState, type FormEvent } from 'react';
import type { RequestRow, RiskSummary } from '../../../../shared/contract/common';
import { DENY_REASON_CODES, DENY_REASON_LABELS, PURPOSE_LABELS, type DenyReasonCode } from '../../../../shared/contract/vocabulary';
import { SCOPES, SCOPE_LABELS, scopeInSentence, scopeRank, type Scope } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Radios, Textarea } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { RiskTag, UrgencyTag } from '../../components/Tags';
import { formatDateTime, formatDuration } from '../../format/time';
import { href, useRoute } from '../../app/router';
import type { Result } from '../../../../shared/contract/define';

type Outcome = 'APPROVE' | 'DENY';
interface Decided {
  request: RequestRow;
  result: Result<RequestRow>;
}
interface Asked {
  request: RequestRow;
  /** The person's risk, when the decider may see it. */
  risk: RiskSummary | null;
}

/** What one decision did, in words: "Granted RoSH summary to Jade Stephenson until 2 March 2026, 13:00". */
export function decidedText(r: RequestRow): string {
  const d = r.decision;
  if (!d) return `Not decided: ${r.whereAndWhy}`;
  if (d.outcome === 'DENIED') return `Refused ${r.requesterName}'s request${d.reason ? `: ${d.reason}` : ''}`;
  return `Granted ${scopeInSentence(d.scope ?? r.scope)} to ${r.requesterName}${d.endAt ? ` until ${formatDateTime(d.endAt)}` : ''}`;
}

export const parseIds = (raw: string | null): number[] =>
  [...new Set((raw ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0))].slice(0, 500);

export function BulkDecideScreen() {
  const route = useRoute();
  const ids = parseIds(route.query.get('ids'));
  const requests = useLiveQuery('inbox', ['bulk', ids.join(',')], async (): Promise<Result<Asked[]>> => {
    const answers = await Promise.all(ids.map((requestId) => call('requests.get', { requestId })));
    const failed = answers.find((a) => !a.ok);
    if (failed && !failed.ok) return failed;
    const found = answers.flatMap((a) => (a.ok ? [a.value.request] : []));
    const people = await Promise.all(found.map((r) => call('people.get', { crn: r.crn })));
    return { ok: true, value: found.map((request, i) => { const p = people[i]; return { request, risk: p?.ok ? p.value.risk : null }; }) };
  }, { poll: false });
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [scope, setScope] = useState<Scope | ''>('');
  const [reasonCode, setReasonCode] = useState<DenyReasonCode | ''>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [results, setResults] = useState<Decided[] | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = requests.value ?? [];
  const rows = asked.map((a) => a.request);
  // Until the decider narrows it, each request gets the scope it asked for; nothing wider is offered.
  const widest = rows.reduce<Scope>((w, r) => (scopeRank(r.scope) > scopeRank(w) ? r.scope : w), 'FRONT_SHEET');
  const chosenScope = scope || widest;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!outcome) found.push({ fieldId: 'bulk-outcome', message: 'Choose whether to approve or refuse' });
    if (outcome === 'DENY' && !reasonCode) found.push({ fieldId: 'bulk-reason-code', message: 'Choose the reason for refusing' });
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    const decided: Decided[] = [];
    // One at a time, in the order shown: each is its own decision with its own audit event.
    for (const request of rows) {
      const result =
        outcome === 'APPROVE'
          ? await call('requests.approve', { requestId: request.id, ...(scopeRank(chosenScope) < scopeRank(request.scope) ? { scope: chosenScope } : {}) })
          : await call('requests.deny', { requestId: request.id, reasonCode: reasonCode as DenyReasonCode, reason });
      decided.push({ request, result });
    }
    setBusy(false);
    setResults(decided);
  };

  if (results) {
    const ok = results.filter((d) => d.result.ok).length;
    return (
      <Page title="Decisions sent" width="full">
        <NotificationBanner kind="success" focus heading={`${ok} of ${results.length} ${results.length === 1 ? 'request' : 'requests'} decided`} testId="bulk-done" />
        <table className="govuk-table" data-testid="bulk-results">
          <caption className="govuk-table__caption govuk-visually-hidden">Decisions</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Person</th>
              <th scope="col" className="govuk-table__header">Result</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {results.map(({ request, result }) => (
              <tr className="govuk-table__row" key={request.id}>
                <td className="govuk-table__cell">
                  {request.personName} ({request.crn})
                </td>
                <td className="govuk-table__cell" data-testid="bulk-result">
                  {result.ok ? decidedText(result.value) : <span className="govuk-error-message govuk-!-margin-bottom-0">{result.error.message}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <a className="govuk-button" href={href('/inbox')}>
          Back to requests to decide
        </a>
      </Page>
    );
  }

  return (
    <Page title={`Decide ${ids.length} ${ids.length === 1 ? 'request' : 'requests'}`} before={<BackLink href={href('/inbox')}>Requests to decide</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <LoadProblem error={requests.error} loading={requests.loading && !requests.value} />
      {rows.length > 0 ? (
        <>
          <table className="govuk-table rab-stacking-table" data-testid="bulk-requests">
            <caption className="govuk-table__caption govuk-table__caption--m">The requests</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Person and risk</th>
                <th scope="col" className="govuk-table__header">Asked for</th>
                <th scope="col" className="govuk-table__header">Why</th>
                <th scope="col" className="govuk-table__header">Urgency and due</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {asked.map(({ request: r, risk }) => (
                <tr className="govuk-table__row" key={r.id} data-testid="bulk-request">
                  <td className="govuk-table__cell" data-label="Person and risk">
                    <a className="govuk-link" href={href(`/decide/${r.id}`)}>
                      {r.personName}
                    </a>{' '}
                    ({r.crn})
                    {risk ? (
                      <>
                        <br />
                        <RiskTag level={risk.roshLevel} />
                        {risk.flags.length > 0 ? <span className="govuk-body-s"> {risk.flags.map((f) => f.description).join(', ')}</span> : null}
                      </>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell" data-label="Asked for">
                    {SCOPE_LABELS[r.scope]} for {formatDuration(r.durationMinutes)}
                    <span className="govuk-body-s">
                      <br />
                      by {r.requesterName}
                      {r.requesterProvider ? `, ${r.requesterProvider}` : ''}
                    </span>
                  </td>
                  <td className="govuk-table__cell" data-label="Why">
                    <strong>{PURPOSE_LABELS[r.purpose]}</strong>
                    <br />
                    <span className="rab-pre-wrap">{r.justification}</span>
                  </td>
                  <td className="govuk-table__cell" data-label="Urgency and due">
                    <UrgencyTag urgency={r.urgency} short />
                    <br />
                    Due {formatDateTime(r.deadline)}
                    {r.neededBy !== null ? (
                      <>
                        <br />
                        Needed by {formatDateTime(r.neededBy)}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Radios<Outcome>
              id="bulk-outcome"
              legend="Your decision for all of them"
              legendClass="govuk-fieldset__legend--m"
              value={outcome}
              onChange={setOutcome}
              error={errorFor(problems, 'bulk-outcome')}
              choices={[
                { value: 'APPROVE', label: 'Approve all' },
                { value: 'DENY', label: 'Refuse all' },
              ]}
            />
            {outcome === 'APPROVE' ? (
              <Radios<Scope>
                id="bulk-scope"
                legend="How much of each record?"
                hint="Each request gets this or what it asked for, whichever is less."
                value={chosenScope}
                onChange={setScope}
                small
                choices={SCOPES.filter((s) => scopeRank(s) <= scopeRank(widest)).map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
              />
            ) : null}
            {outcome === 'DENY' ? (
              <>
                <Radios<DenyReasonCode> id="bulk-reason-code" legend="Why are you refusing?" value={reasonCode} onChange={setReasonCode} small error={errorFor(problems, 'bulk-reason-code')} choices={DENY_REASON_CODES.map((c) => ({ value: c, label: DENY_REASON_LABELS[c] }))} />
                <Textarea id="bulk-reason" label="Reason for the requesters" value={reason} onChange={setReason} rows={4} />
              </>
            ) : null}
            <button type="submit" className="govuk-button" disabled={busy} data-testid="submit-bulk">
              {busy ? 'Sending…' : 'Send decisions'}
            </button>
          </form>
        </>
      ) : null}
    </Page>
  );
}
