/**
 * "Who can see my caseload": everyone who can read this person's record now and through what, with
 * revocation (a reason is required) for access that came from a grant.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { ViewerRow } from '../../../../shared/contract/caseload';
import { SCOPE_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Textarea } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { ACCESS_ROUTE_LABELS } from '../../format/access';
import { formatDateTime } from '../../format/time';
import { href } from '../../app/router';

const FIELDS: FormFields = { reason: { id: 'revoke-reason', label: 'Reason' } };

export function WhoCanSeeScreen({ crn }: { crn: string }) {
  const viewers = useLiveQuery('caseload', ['who-can-see', crn], () => call('caseload.whoCanSee', { crn }));
  const [revoking, setRevoking] = useState<ViewerRow | null>(null);
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['grants.revoke'].input,
    toInput: (v: { reason: string }) => ({ grantId: revoking?.grantId ?? undefined, reason: v.reason }),
    fields: FIELDS,
    defaultValues: { reason: '' },
  });
  const [revoked, setRevoked] = useState<string | null>(null);
  const v = viewers.value;

  const revoke = onSubmit(async (input) => {
    const result = await call('grants.revoke', input);
    if (!result.ok) return refuse(result.error);
    setRevoked(`${revoking?.name ?? 'They'} can no longer read this record.`);
    setRevoking(null);
    form.reset();
    await viewers.reload();
  });

  return (
    <Page title={v ? `Who can see ${v.name}` : 'Who can see this record'} caption={`CRN ${crn}`} width="full" before={<BackLink href={href('/caseload')}>My caseload</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {revoked ? <NotificationBanner kind="success" heading="Access revoked" focus testId="revoked">{<p className="govuk-body">{revoked}</p>}</NotificationBanner> : null}
      <LoadProblem error={viewers.error} loading={viewers.loading && !v} />
      {v ? (
        <table className="govuk-table" data-testid="viewers">
          <caption className="govuk-table__caption govuk-visually-hidden">Who can see this record</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Who</th>
              <th scope="col" className="govuk-table__header">How</th>
              <th scope="col" className="govuk-table__header">Scope</th>
              <th scope="col" className="govuk-table__header">Until</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {v.viewers.map((viewer) => (
              <tr className="govuk-table__row" key={`${viewer.route}-${viewer.grantId ?? viewer.staffCode ?? viewer.name}`}>
                <td className="govuk-table__cell">
                  {viewer.name}
                  {viewer.providerName ? <span className="govuk-body-s"><br />{viewer.providerName}</span> : null}
                </td>
                <td className="govuk-table__cell">{ACCESS_ROUTE_LABELS[viewer.route]}</td>
                <td className="govuk-table__cell">{SCOPE_LABELS[viewer.scope]}</td>
                <td className="govuk-table__cell">{viewer.until !== null ? formatDateTime(viewer.until) : 'No end date'}</td>
                <td className="govuk-table__cell">
                  {viewer.grantId !== null ? (
                    <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => setRevoking(viewer)} data-testid={`revoke-${viewer.grantId}`}>
                      Revoke<span className="govuk-visually-hidden"> access of {viewer.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {revoking ? (
        <div className="govuk-grid-row">
          <form className="govuk-grid-column-two-thirds" onSubmit={revoke} noValidate>
            <h2 className="govuk-heading-m">Revoke the access of {revoking.name}</h2>
            <p className="govuk-body">It ends at once: if they have the record open, it closes.</p>
            <Controller
              control={form.control}
              name="reason"
              render={({ field }) => <Textarea id="revoke-reason" label="Reason" hint="They will read this." value={field.value} onChange={field.onChange} rows={3} error={errorFor(problems, 'revoke-reason')} />}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" data-testid="confirm-revoke">
                Revoke access
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRevoking(null)}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </Page>
  );
}
