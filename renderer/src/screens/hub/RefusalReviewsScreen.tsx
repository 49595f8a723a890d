/**
 * Reviews of refusals, for NPS hub staff and senior probation officers of the owner's team: each
 * refused request whose requester asked for a review, oldest first. The reviewer upholds the
 * refusal or overturns it and grants access, with a reason the requester and the original decider
 * both read.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { RequestRow } from '../../../../shared/contract/common';
import { DENY_REASON_LABELS } from '../../../../shared/contract/vocabulary';
import { SCOPE_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Radios, Select, Textarea, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { formatDateTime, formatDuration } from '../../format/time';
import { durationInput, type DurationUnit } from '../practitioner/duration-input';

type Outcome = 'UPHELD' | 'OVERTURNED';
const IDS = { outcome: 'refusal-review-outcome', reason: 'refusal-review-reason', duration: 'refusal-review-duration', unit: 'refusal-review-unit' };
const DURATION = { id: IDS.duration, label: 'How long' };
const FIELDS: FormFields = {
  outcome: { id: IDS.outcome, label: 'Your decision' },
  durationDays: DURATION,
  durationHours: DURATION,
  reason: { id: IDS.reason, label: 'Reason' },
};

interface ReviewAnswers {
  outcome: Outcome | '';
  amount: string;
  unit: DurationUnit;
  reason: string;
}
const EMPTY: ReviewAnswers = { outcome: '', amount: '', unit: 'HOURS', reason: '' };

/** Refusals the broker words for one answer, by their code. */
const FIELD_FOR_CODE: Partial<Record<string, string>> = { DECISION_REASON_TOO_SHORT: IDS.reason, DECISION_REASON_REQUIRED: IDS.reason, DURATION_TOO_LONG: IDS.duration, DURATION_TOO_SHORT: IDS.duration };

export function RefusalReviewsScreen() {
  const queue = useLiveQuery('hubQueue', ['refusal-reviews'], () => call('requests.reviewQueue', { limit: 500 }));
  const [reviewing, setReviewing] = useState<RequestRow | null>(null);
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['requests.decideReview'].input,
    toInput: (v: ReviewAnswers) => ({
      requestId: reviewing?.id,
      outcome: v.outcome || undefined,
      reason: v.reason,
      // A length is given only when granting access; an upheld refusal grants nothing.
      ...(v.outcome === 'OVERTURNED' && v.amount.trim() ? durationInput(v.amount, v.unit) : {}),
    }),
    fields: FIELDS,
    defaultValues: EMPTY,
  });
  const outcome = form.watch('outcome');
  const [done, setDone] = useState<string | null>(null);

  const open = (r: RequestRow) => {
    setReviewing(r);
    form.reset(EMPTY);
    refuse([]);
    window.setTimeout(() => document.getElementById(IDS.outcome)?.focus(), 0);
  };

  const submit = onSubmit(async (input) => {
    if (!reviewing) return;
    const result = await call('requests.decideReview', input);
    if (!result.ok) {
      const fieldId = FIELD_FOR_CODE[result.error.code];
      return refuse(fieldId ? [{ fieldId, message: result.error.message }] : result.error);
    }
    setDone(`Review of the refusal for ${reviewing.personName} recorded: ${input.outcome === 'UPHELD' ? 'refusal upheld' : 'access granted'}.`);
    setReviewing(null);
    await queue.reload();
  });

  const rows = queue.value?.rows ?? [];
  return (
    <Page title="Reviews of refusals" width="full" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {done ? <NotificationBanner kind="success" heading={done} focus testId="refusal-review-done" /> : null}
      <p className="govuk-body">A refused requester may ask once for the refusal to be reviewed. You uphold it or grant access, with a reason; the person who refused is told.</p>
      <LoadProblem error={queue.error} loading={queue.loading && !queue.value} />
      {queue.value && rows.length === 0 ? <p className="govuk-body">No refusal is waiting for review.</p> : null}
      {rows.length > 0 ? (
        <table className="govuk-table" data-testid="refusal-reviews">
          <caption className="govuk-table__caption govuk-visually-hidden">Refusals waiting for review</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Person</th>
              <th scope="col" className="govuk-table__header">Asked for</th>
              <th scope="col" className="govuk-table__header">Refusal</th>
              <th scope="col" className="govuk-table__header">Why a review</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell">
                  {r.personName}
                  <br />
                  <span className="govuk-body-s">{r.crn}</span>
                </td>
                <td className="govuk-table__cell">
                  {SCOPE_LABELS[r.scope]} for {formatDuration(r.durationMinutes)}, by {r.requesterName}
                </td>
                <td className="govuk-table__cell">
                  {r.decision?.reasonCode ? DENY_REASON_LABELS[r.decision.reasonCode] : ''}: {r.decision?.reason ?? ''}
                  <br />
                  <span className="govuk-body-s">By {r.decision?.decidedByName ?? 'unknown'}</span>
                </td>
                <td className="govuk-table__cell">
                  {r.review?.reason ?? ''}
                  <br />
                  <span className="govuk-body-s">Asked {r.review ? formatDateTime(r.review.askedAt) : ''}</span>
                </td>
                <td className="govuk-table__cell">
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => open(r)}>
                    Review<span className="govuk-visually-hidden"> the refusal for {r.personName}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {reviewing ? (
        <form onSubmit={submit} noValidate data-testid="refusal-review-form">
          <h2 className="govuk-heading-m">Review the refusal for {reviewing.personName}</h2>
          <Controller
            control={form.control}
            name="outcome"
            render={({ field }) => (
              <Radios<Outcome>
                id={IDS.outcome}
                legend="Your decision"
                value={field.value}
                onChange={field.onChange}
                error={errorFor(problems, IDS.outcome)}
                choices={[
                  { value: 'UPHELD', label: 'Uphold the refusal' },
                  { value: 'OVERTURNED', label: 'Overturn it and grant access' },
                ]}
              />
            )}
          />
          {outcome === 'OVERTURNED' ? (
            <>
              <Controller
                control={form.control}
                name="amount"
                render={({ field }) => (
                  <TextInput id={IDS.duration} label="For how long? (optional)" hint={`As asked: ${formatDuration(reviewing.durationMinutes)}. Leave empty to give what was asked, within policy.`} inputMode="numeric" width="govuk-input--width-3" value={field.value} onChange={field.onChange} error={errorFor(problems, IDS.duration)} />
                )}
              />
              <Controller
                control={form.control}
                name="unit"
                render={({ field }) => <Select id={IDS.unit} label="Days or hours" value={field.value} onChange={(v) => field.onChange(v === 'DAYS' ? 'DAYS' : 'HOURS')} choices={[{ value: 'HOURS', label: 'hours' }, { value: 'DAYS', label: 'days' }]} />}
              />
            </>
          ) : null}
          <Controller
            control={form.control}
            name="reason"
            render={({ field }) => <Textarea id={IDS.reason} label="Reason" hint="The requester and the person who refused both read this. Write it in full." value={field.value} onChange={field.onChange} rows={4} error={errorFor(problems, IDS.reason)} />}
          />
          <button type="submit" className="govuk-button" data-testid="submit-refusal-review">
            Record the review
          </button>
        </form>
      ) : null}
    </Page>
  );
}
