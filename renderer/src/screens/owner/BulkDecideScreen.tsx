/**
 * One decision for several requests, such as a programme group asked for together. Each request is
 * shown with its facts (why, for what, how urgent, the person's risk) so nothing is decided blind,
 * and each is decided on its own: one that someone else decided first, or that the decider may not
 * decide, is reported and the rest go ahead. The result says what was granted to whom until when.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { CONTRACT } from '../../../../shared/contract';
import type { RequestRow, RiskSummary } from '../../../../shared/contract/common';
import { DENY_REASON_CODES, DENY_REASON_LABELS, PURPOSE_LABELS, type DenyReasonCode } from '../../../../shared/contract/vocabulary';
import { SCOPES, SCOPE_LABELS, scopeInSentence, scopeRank, type Scope } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Radios, Textarea } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { RiskTag, UrgencyTag } from '../../components/Tags';
import { formatDateTime, formatDuration } from '../../format/time';
import { href, useRoute } from '../../app/router';
import type { Result } from '../../../../shared/contract/define';

type Outcome = 'APPROVE' | 'DENY';

interface BulkAnswers {
  outcome: Outcome | '';
  scope: Scope | '';
  reasonCode: DenyReasonCode | '';
  reason: string;
}

/** Approve or refuse: the one question that is not a channel's input. */
const CHOOSE = z.object({ outcome: z.enum(['APPROVE', 'DENY']) });
const FIELDS: FormFields = {
  outcome: { id: 'bulk-outcome', label: 'Your decision' },
  scope: { id: 'bulk-scope', label: 'How much of each record' },
  reasonCode: { id: 'bulk-reason-code', label: 'Why you are refusing' },
  reason: { id: 'bulk-reason', label: 'Reason for the requesters' },
};

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
  const [results, setResults] = useState<Decided[] | null>(null);
  // Each request is decided on its own; the form is checked as the first one's decision would be.
  const { form, problems, onSubmit } = useContractForm<BulkAnswers, unknown>({
    schema: (v) => (v.outcome === 'APPROVE' ? CONTRACT['requests.approve'].input : v.outcome === 'DENY' ? CONTRACT['requests.deny'].input : CHOOSE),
    toInput: (v) =>
      v.outcome === 'DENY'
        ? { requestId: ids[0], reasonCode: v.reasonCode || undefined, reason: v.reason }
        : v.outcome === 'APPROVE'
          ? { requestId: ids[0], ...(v.scope ? { scope: v.scope } : {}) }
          : { outcome: v.outcome },
    fields: FIELDS,
    defaultValues: { outcome: '', scope: '', reasonCode: '', reason: '' },
  });
  const [outcome, scope, reasonCode, reason] = form.watch(['outcome', 'scope', 'reasonCode', 'reason']);
  const busy = form.formState.isSubmitting;
  const asked = requests.value ?? [];
  const rows = asked.map((a) => a.request);
  // Until the decider narrows it, each request gets the scope it asked for; nothing wider is offered.
  const widest = rows.reduce<Scope>((w, r) => (scopeRank(r.scope) > scopeRank(w) ? r.scope : w), 'FRONT_SHEET');
  const chosenScope = scope || widest;

  const submit = onSubmit(async () => {
    const decided: Decided[] = [];
    // One at a time, in the order shown: each is its own decision with its own audit event.
    for (const request of rows) {
      const result =
        outcome === 'APPROVE'
          ? await call('requests.approve', { requestId: request.id, ...(scopeRank(chosenScope) < scopeRank(request.scope) ? { scope: chosenScope } : {}) })
          : await call('requests.deny', { requestId: request.id, reasonCode: reasonCode as DenyReasonCode, reason });
      decided.push({ request, result });
    }
    setResults(decided);
  });

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
          <form onSubmit={submit} noValidate>
            <Controller
              control={form.control}
              name="outcome"
              render={({ field }) => (
                <Radios<Outcome>
                  id="bulk-outcome"
                  legend="Your decision for all of them"
                  legendClass="govuk-fieldset__legend--m"
                  value={field.value}
                  onChange={field.onChange}
                  error={errorFor(problems, 'bulk-outcome')}
                  choices={[
                    { value: 'APPROVE', label: 'Approve all' },
                    { value: 'DENY', label: 'Refuse all' },
                  ]}
                />
              )}
            />
            {outcome === 'APPROVE' ? (
              <Controller
                control={form.control}
                name="scope"
                render={({ field }) => (
                  <Radios<Scope>
                    id="bulk-scope"
                    legend="How much of each record?"
                    hint="Each request gets this or what it asked for, whichever is less."
                    value={field.value || widest}
                    onChange={field.onChange}
                    small
                    error={errorFor(problems, 'bulk-scope')}
                    choices={SCOPES.filter((s) => scopeRank(s) <= scopeRank(widest)).map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
                  />
                )}
              />
            ) : null}
            {outcome === 'DENY' ? (
              <>
                <Controller
                  control={form.control}
                  name="reasonCode"
                  render={({ field }) => (
                    <Radios<DenyReasonCode> id="bulk-reason-code" legend="Why are you refusing?" value={field.value} onChange={field.onChange} small error={errorFor(problems, 'bulk-reason-code')} choices={DENY_REASON_CODES.map((c) => ({ value: c, label: DENY_REASON_LABELS[c] }))} />
                  )}
                />
                <Controller control={form.control} name="reason" render={({ field }) => <Textarea id="bulk-reason" label="Reason for the requesters" value={field.value} onChange={field.onChange} rows={4} error={errorFor(problems, 'bulk-reason')} />} />
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
