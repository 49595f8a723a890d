/**
 * The hub's review queue for emergency safety access: every use, unreviewed first, with the
 * outcome recorded by hub staff (never by the person who used it).
 */
import { useState, type FormEvent } from 'react';
import type { EmergencyUseRow } from '../../../../shared/contract/emergency';
import { EMERGENCY_REASON_LABELS, EMERGENCY_REVIEW_OUTCOMES, EMERGENCY_REVIEW_OUTCOME_LABELS, type EmergencyReviewOutcome } from '../../../../shared/contract/vocabulary';
import { call } from '../../broker/call';
import { useLoad } from '../../broker/use-load';
import { useLiveView } from '../../broker/live-updates';
import { NotificationBanner } from '../../components/Banner';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Radios, Select, Textarea } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { formatDateTime } from '../../format/time';
import { href } from '../../app/router';

type Filter = 'UNREVIEWED' | 'ALL';

export function EmergencyReviewsScreen() {
  const [filter, setFilter] = useState<Filter>('UNREVIEWED');
  const queue = useLoad(() => call('emergency.reviewQueue', { filter, limit: 500 }), [filter]);
  useLiveView('emergencyReviews', () => void queue.reload());
  const [reviewing, setReviewing] = useState<EmergencyUseRow | null>(null);
  const [outcome, setOutcome] = useState<EmergencyReviewOutcome | ''>('');
  const [notes, setNotes] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<string | null>(null);

  const open = (use: EmergencyUseRow) => {
    setReviewing(use);
    setOutcome('');
    setNotes('');
    setProblems([]);
    window.setTimeout(() => document.getElementById('review-outcome')?.focus(), 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reviewing) return;
    const found: Problem[] = [];
    if (!outcome) found.push({ fieldId: 'review-outcome', message: 'Choose the outcome of the review' });
    if (!notes.trim()) found.push({ fieldId: 'review-notes', message: 'Write what you found' });
    setProblems(found);
    if (found.length > 0 || !outcome) return;
    const result = await call('emergency.review', { useId: reviewing.id, outcome, notes });
    if (!result.ok) return setProblems(problemsFrom(result.error, { notes: 'review-notes', outcome: 'review-outcome' }));
    setDone(`Review of ${reviewing.userName}’s use recorded: ${EMERGENCY_REVIEW_OUTCOME_LABELS[outcome]}.`);
    setReviewing(null);
    await queue.reload();
  };

  const rows = queue.value?.rows ?? [];
  return (
    <Page title="Emergency access reviews" width="full" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {done ? <NotificationBanner kind="success" heading={done} focus testId="review-done" /> : null}
      <p className="govuk-body">
        Every use of emergency safety access is reviewed. {queue.value ? `${queue.value.unreviewed} waiting for review.` : ''}
      </p>
      <Select<Filter>
        id="reviews-filter"
        label="Show"
        labelClass="govuk-label--s"
        value={filter}
        onChange={setFilter}
        choices={[
          { value: 'UNREVIEWED', label: 'Waiting for review' },
          { value: 'ALL', label: 'All uses' },
        ]}
      />
      <LoadProblem error={queue.error} loading={queue.loading && !queue.value} />
      {queue.value && rows.length === 0 ? <p className="govuk-body">Nothing is waiting for review.</p> : null}
      {rows.length > 0 ? (
        <table className="govuk-table" data-testid="emergency-uses">
          <caption className="govuk-table__caption govuk-visually-hidden">Emergency uses</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Used by</th>
              <th scope="col" className="govuk-table__header">Person</th>
              <th scope="col" className="govuk-table__header">Why</th>
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">Review</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((use) => (
              <tr className="govuk-table__row" key={use.id}>
                <td className="govuk-table__cell">{use.userName}</td>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={href(`/requests/${use.requestId}`)}>
                    {use.personName}
                  </a>
                  <br />
                  <span className="govuk-body-s">{use.crn}</span>
                </td>
                <td className="govuk-table__cell">
                  {EMERGENCY_REASON_LABELS[use.reasonCode]}
                  {use.reasonText ? <span className="govuk-body-s"><br />{use.reasonText}</span> : null}
                </td>
                <td className="govuk-table__cell">
                  {formatDateTime(use.usedAt)}
                  <span className="govuk-body-s"><br />until {formatDateTime(use.endsAt)}</span>
                </td>
                <td className="govuk-table__cell">
                  {use.review ? (
                    <>
                      <strong className={`govuk-tag ${use.review.outcome === 'NOT_JUSTIFIED_REFERRED' ? 'govuk-tag--red' : 'govuk-tag--green'}`}>{EMERGENCY_REVIEW_OUTCOME_LABELS[use.review.outcome]}</strong>
                      <span className="govuk-body-s"><br />{use.review.reviewedByName}, {formatDateTime(use.review.reviewedAt)}</span>
                    </>
                  ) : (
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => open(use)} data-testid={`review-${use.id}`}>
                      Review<span className="govuk-visually-hidden"> the use by {use.userName}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {reviewing ? (
        <div className="govuk-grid-row">
          <form className="govuk-grid-column-two-thirds" onSubmit={(e) => void submit(e)} noValidate>
            <h2 className="govuk-heading-m">
              Review: {reviewing.userName}, {reviewing.personName}
            </h2>
            <Radios<EmergencyReviewOutcome> id="review-outcome" legend="Outcome" value={outcome} onChange={setOutcome} error={errorFor(problems, 'review-outcome')} choices={EMERGENCY_REVIEW_OUTCOMES.map((o) => ({ value: o, label: EMERGENCY_REVIEW_OUTCOME_LABELS[o] }))} />
            <Textarea id="review-notes" label="What you found" value={notes} onChange={setNotes} rows={4} error={errorFor(problems, 'review-notes')} />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" data-testid="submit-review">
                Record review
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setReviewing(null)}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </Page>
  );
}
