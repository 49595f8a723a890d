/**
 * One request, for its requester and for the deciders: the details, where it is and why, its
 * history, and what can be done next (withdraw, read, emergency access, decide).
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner, WarningText } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Textarea } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { RequestSummary } from '../../components/RequestSummary';
import { Timeline } from '../../components/Timeline';
import { RequestHolders } from './RequestHolders';
import { useSession } from '../../app/session';
import { href, useRoute } from '../../app/router';

const REVIEW_FIELDS: FormFields = { reason: { id: 'review-reason', label: 'Why it should be looked at again' } };

export function RequestScreen({ requestId }: { requestId: number }) {
  const { user } = useSession();
  const route = useRoute();
  // A request belongs to its requester's list; a decision, a move to the hub or a withdrawal changes it.
  const detail = useLiveQuery('myRequests', ['request', requestId], () => call('requests.get', { requestId }));
  const review = useContractForm({
    schema: CONTRACT['requests.askReview'].input,
    toInput: (v: { reason: string }) => ({ requestId, reason: v.reason }),
    fields: REVIEW_FIELDS,
    defaultValues: { reason: '' },
  });
  const { problems, refuse } = review;
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);
  const [reviewAsked, setReviewAsked] = useState(false);
  const r = detail.value?.request;
  // "Request sent" stands only while the request is as it was sent: once it is decided, moved or
  // withdrawn, the summary below says what it is now, and a stale banner would contradict it.
  const [sentStatus, setSentStatus] = useState<string | null>(null);
  if (r && sentStatus === null && route.query.get('sent')) setSentStatus(`${r.status}|${r.queue ?? ''}`);
  const stillAsSent = r !== undefined && sentStatus === `${r.status}|${r.queue ?? ''}`;
  const mine = r?.requesterUserId === user.userId;
  const pending = r?.queue !== null && r?.queue !== undefined;

  const withdraw = async () => {
    const result = await call('requests.withdraw', { requestId });
    setConfirmWithdraw(false);
    if (!result.ok) return refuse(result.error);
    setWithdrawn(true);
    await detail.reload();
  };

  const askReview = review.onSubmit(async (input) => {
    const result = await call('requests.askReview', input);
    if (!result.ok) return refuse(result.error);
    setReviewAsked(true);
    await detail.reload();
  });

  return (
    <Page
      title={r ? `Request for ${r.personName}` : 'Request'}
      caption={r ? `CRN ${r.crn}` : undefined}
      before={<BackLink href={href(mine || !r ? '/requests' : '/inbox')}>{mine || !r ? 'My requests' : 'Requests to decide'}</BackLink>}
      hasError={problems.length > 0}
    >
      <ErrorSummary problems={problems} />
      {route.query.get('sent') && r && stillAsSent ? (
        <NotificationBanner kind="success" heading="Request sent" focus testId="request-sent">
          <p className="govuk-body">{r.whereAndWhy}</p>
        </NotificationBanner>
      ) : null}
      {withdrawn ? <NotificationBanner kind="success" heading="Request withdrawn" focus /> : null}
      {reviewAsked ? <NotificationBanner kind="success" heading="Review asked for" focus testId="review-asked" /> : null}
      <LoadProblem error={detail.error} loading={detail.loading && !r} />
      {r ? (
        <>
          {mine && r.emergencyAvailable ? (
            <>
              <WarningText>If someone could be hurt before this request is decided, you may open the front sheet now with emergency safety access.</WarningText>
              <a className="govuk-button govuk-button--warning" href={href(`/requests/${r.id}/emergency`)} data-testid="emergency-link">
                Use emergency safety access
              </a>
            </>
          ) : null}
          <RequestSummary request={r} showRequester={!mine} />
          <RequestHolders holders={detail.value?.holders ?? []} />
          <div className="govuk-button-group">
            {r.status === 'APPROVED' && mine ? (
              <a className="govuk-button" href={href(`/records/${r.crn}`)} data-testid="read-record">
                Read the record
              </a>
            ) : null}
            {pending && !mine ? (
              <a className="govuk-button" href={href(`/decide/${r.id}`)}>
                Decide
              </a>
            ) : null}
            {pending && mine && !confirmWithdraw ? (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirmWithdraw(true)}>
                Withdraw this request
              </button>
            ) : null}
          </div>
          {confirmWithdraw ? (
            <div className="govuk-inset-text">
              <p className="govuk-body">Withdraw the request? The offender manager and the hub will no longer see it.</p>
              <div className="govuk-button-group">
                <button type="button" className="govuk-button govuk-button--warning" onClick={() => void withdraw()}>
                  Yes, withdraw it
                </button>
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirmWithdraw(false)}>
                  No, keep it
                </button>
              </div>
            </div>
          ) : null}
          {mine && r.reviewAvailable ? (
            <form onSubmit={askReview} noValidate data-testid="ask-review-form">
              <h2 className="govuk-heading-m">Ask for a review of the refusal</h2>
              <p className="govuk-body">The NPS hub or a senior probation officer of the offender manager’s team looks at it again, and either upholds it or grants access. You can ask once.</p>
              <Controller
                control={review.form.control}
                name="reason"
                render={({ field }) => <Textarea id="review-reason" label="Why should it be looked at again?" value={field.value} onChange={field.onChange} rows={4} error={errorFor(problems, 'review-reason')} />}
              />
              <button type="submit" className="govuk-button govuk-button--secondary" data-testid="ask-review">
                Ask for a review
              </button>
            </form>
          ) : null}
          <h2 className="govuk-heading-m">History</h2>
          <Timeline events={detail.value?.history ?? []} />
        </>
      ) : null}
    </Page>
  );
}
