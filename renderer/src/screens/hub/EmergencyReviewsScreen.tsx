/**
 * The hub's review queue for emergency safety access: every use, unreviewed first, with the
 * outcome recorded by hub staff (never by the person who used it).
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { EmergencyUseRow } from '../../../../shared/contract/emergency';
import { EMERGENCY_REASON_LABELS, EMERGENCY_REVIEW_OUTCOMES, EMERGENCY_REVIEW_OUTCOME_LABELS, type EmergencyReviewOutcome } from '../../../../shared/contract/vocabulary';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Radios, Select, Textarea } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { formatDateTime } from '../../format/time';
import { href } from '../../app/router';

type Filter = 'UNREVIEWED' | 'ALL';
interface ReviewAnswers {
  outcome: EmergencyReviewOutcome | '';
  notes: string;
}
const FIELDS: FormFields = {
  outcome: { id: 'review-outcome', label: 'Outcome' },
  notes: { id: 'review-notes', label: 'What you found' },
};
const NO_ANSWERS: ReviewAnswers = { outcome: '', notes: '' };

export function EmergencyReviewsScreen() {
  const [filter, setFilter] = useState<Filter>('UNREVIEWED');
  const queue = useLiveQuery('emergencyReviews', ['queue', filter], () => call('emergency.reviewQueue', { filter, limit: 500 }));
  const [reviewing, setReviewing] = useState<EmergencyUseRow | null>(null);
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['emergency.review'].input,
    toInput: (v: ReviewAnswers) => ({ useId: reviewing?.id, outcome: v.outcome || undefined, notes: v.notes }),
    fields: FIELDS,
    defaultValues: NO_ANSWERS,
  });
  const [done, setDone] = useState<string | null>(null);

  const open = (use: EmergencyUseRow) => {
    setReviewing(use);
    form.reset(NO_ANSWERS);
    refuse([]);
    window.setTimeout(() => document.getElementById('review-outcome')?.focus(), 0);
  };

  const submit = onSubmit(async (input) => {
    if (!reviewing) return;
    const result = await call('emergency.review', input);
    if (!result.ok) return refuse(result.error);
    setDone(`Review of ${reviewing.userName}’s use recorded: ${EMERGENCY_REVIEW_OUTCOME_LABELS[input.outcome]}.`);
    setReviewing(null);
    await queue.reload();
  });

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
          <form className="govuk-grid-column-two-thirds" onSubmit={submit} noValidate>
            <h2 className="govuk-heading-m">
              Review: {reviewing.userName}, {reviewing.personName}
            </h2>
            <Controller
              control={form.control}
              name="outcome"
              render={({ field }) => (
                <Radios<EmergencyReviewOutcome> id="review-outcome" legend="Outcome" value={field.value} onChange={field.onChange} error={errorFor(problems, 'review-outcome')} choices={EMERGENCY_REVIEW_OUTCOMES.map((o) => ({ value: o, label: EMERGENCY_REVIEW_OUTCOME_LABELS[o] }))} />
              )}
            />
            <Controller control={form.control} name="notes" render={({ field }) => <Textarea id="review-notes" label="What you found" value={field.value} onChange={field.onChange} rows={4} error={errorFor(problems, 'review-notes')} />} />
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
