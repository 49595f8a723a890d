/**
 * One decision for several requests, such as a programme group asked for together. Each request is
 * decided on its own: one that someone else decided first, or that the decider may not decide, is
 * reported and the rest go ahead.
 */
import { useState, type FormEvent } from 'react';
import type { RequestRow } from '../../../../shared/contract/common';
import { DENY_REASON_CODES, DENY_REASON_LABELS, type DenyReasonCode } from '../../../../shared/contract/vocabulary';
import { SCOPES, SCOPE_LABELS, scopeRank, type Scope } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLoad } from '../../broker/use-load';
import { NotificationBanner } from '../../components/Banner';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Radios, Textarea } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { RequestStatusTag } from '../../components/Tags';
import { formatDateTime } from '../../format/time';
import { href, useRoute } from '../../app/router';
import type { Result } from '../../../../shared/contract/define';

type Outcome = 'APPROVE' | 'DENY';
interface Decided {
  request: RequestRow;
  result: Result<RequestRow>;
}

export const parseIds = (raw: string | null): number[] =>
  [...new Set((raw ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0))].slice(0, 500);

export function BulkDecideScreen() {
  const route = useRoute();
  const ids = parseIds(route.query.get('ids'));
  const requests = useLoad(async (): Promise<Result<RequestRow[]>> => {
    const answers = await Promise.all(ids.map((requestId) => call('requests.get', { requestId })));
    const failed = answers.find((a) => !a.ok);
    if (failed && !failed.ok) return failed;
    return { ok: true, value: answers.flatMap((a) => (a.ok ? [a.value.request] : [])) };
  }, [ids.join(',')]);
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [scope, setScope] = useState<Scope | ''>('');
  const [reasonCode, setReasonCode] = useState<DenyReasonCode | ''>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [results, setResults] = useState<Decided[] | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = requests.value ?? [];
  // Until the decider narrows it, each request gets the scope it asked for.
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
                <td className="govuk-table__cell">{result.ok ? <RequestStatusTag status={result.value.status} /> : <span className="govuk-error-message govuk-!-margin-bottom-0">{result.error.message}</span>}</td>
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
          <table className="govuk-table" data-testid="bulk-requests">
            <caption className="govuk-table__caption govuk-table__caption--m">The requests</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Person</th>
                <th scope="col" className="govuk-table__header">Asked by</th>
                <th scope="col" className="govuk-table__header">Scope</th>
                <th scope="col" className="govuk-table__header">Due</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rows.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">
                    <a className="govuk-link" href={href(`/decide/${r.id}`)}>
                      {r.personName}
                    </a>{' '}
                    ({r.crn})
                  </td>
                  <td className="govuk-table__cell">{r.requesterName}</td>
                  <td className="govuk-table__cell">{SCOPE_LABELS[r.scope]}</td>
                  <td className="govuk-table__cell">{formatDateTime(r.deadline)}</td>
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
                choices={SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
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
