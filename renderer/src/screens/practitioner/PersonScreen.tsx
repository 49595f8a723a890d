/**
 * One person as the practitioner sees them: what they can read now and through what, who owns the
 * case and whether that person is available to decide, and their own requests for this person.
 */
import { SCOPE_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { SummaryList } from '../../components/SummaryList';
import { RequestStatusTag, RestrictedTag } from '../../components/Tags';
import { describeAccess } from '../../format/access';
import { formatDateTime, formatIsoDate } from '../../format/time';
import { href } from '../../app/router';

export function PersonScreen({ crn }: { crn: string }) {
  const person = useLiveQuery('people', [crn], () => call('people.get', { crn }));
  const p = person.value;
  const title = p ? (p.accessRestricted || !p.name ? `${crn}: access restricted` : p.name) : crn;
  return (
    <Page title={title} caption={p && !p.accessRestricted ? `CRN ${crn}` : 'Person under supervision'} before={<BackLink href={href('/people')}>Find a person</BackLink>}>
      {person.error?.code === 'ACCESS_EXCLUDED' ? (
        <NotificationBanner title="Access restricted" heading="You cannot see or request this record">
          <p className="govuk-body">{person.error.message}</p>
        </NotificationBanner>
      ) : (
        <LoadProblem error={person.error} loading={person.loading && !p} />
      )}
      {p ? (
        <>
          {p.accessRestricted ? (
            <p className="govuk-body">
              <RestrictedTag /> Details of this person are hidden. Only staff named by the case owner can see or be granted this record.
            </p>
          ) : null}
          <SummaryList
            rows={[
              !p.accessRestricted && { key: 'Date of birth', value: formatIsoDate(p.dob) },
              !p.accessRestricted && p.pnc !== null && { key: 'PNC number', value: p.pnc },
              { key: 'Managed by', value: p.managingSector === 'NPS' ? 'National Probation Service' : p.managingSector === 'CRC' ? 'Community Rehabilitation Company' : 'Not known' },
              {
                key: 'Offender manager',
                value: p.owner ? (
                  <>
                    {p.owner.name ?? 'Not recorded'}
                    {p.owner.staffCode ? <span className="govuk-body-s"> ({p.owner.staffCode})</span> : null}
                    <br />
                    {p.owner.available ? (
                      <strong className="govuk-tag govuk-tag--green">Available to decide</strong>
                    ) : (
                      <strong className="govuk-tag govuk-tag--orange">{p.owner.note ?? 'Not available'}</strong>
                    )}
                    {p.owner.deputies.length > 0 ? (
                      <span className="govuk-body-s">
                        <br />
                        Deputy: {p.owner.deputies.map((d) => d.name).join(', ')}
                      </span>
                    ) : null}
                  </>
                ) : (
                  (p.ownerName ?? 'Not recorded')
                ),
              },
              { key: 'Your access', value: <span data-testid="my-access">{describeAccess(p.myAccess)}</span> },
            ]}
          />
          <div className="govuk-button-group">
            {p.myAccess.scope ? (
              <a className="govuk-button" href={href(`/records/${crn}`)} data-testid="read-record">
                Read the record
              </a>
            ) : null}
            {p.pendingRequestId ? (
              <a className="govuk-button govuk-button--secondary" href={href(`/requests/${p.pendingRequestId}`)}>
                See your pending request
              </a>
            ) : (
              <a className={`govuk-button ${p.myAccess.scope ? 'govuk-button--secondary' : ''}`.trim()} href={href(`/people/${crn}/request`)} data-testid="request-access">
                {p.myAccess.scope ? 'Request wider access' : 'Request access'}
              </a>
            )}
          </div>
          {p.myAllocations.length > 0 ? (
            <>
              <h2 className="govuk-heading-m">Your work with this person</h2>
              <p className="govuk-body">Your allocations let you read the front sheet for their dates, and make wider requests quicker to decide.</p>
              <ul className="govuk-list govuk-list--bullet">
                {p.myAllocations.map((a) => (
                  <li key={a.id}>
                    {a.description} ({a.kind === 'PROGRAMME' ? 'programme' : 'requirement'}), {formatIsoDate(a.startDate)} to {a.endDate ? formatIsoDate(a.endDate) : 'no end date'}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2 className="govuk-heading-m">Your requests for this person</h2>
          {p.myRequests.length === 0 ? (
            <p className="govuk-body">You have not asked for access to this record.</p>
          ) : (
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Your requests for this person</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Asked</th>
                  <th scope="col" className="govuk-table__header">Scope</th>
                  <th scope="col" className="govuk-table__header">Status</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {p.myRequests.map((r) => (
                  <tr className="govuk-table__row" key={r.id}>
                    <td className="govuk-table__cell">
                      <a className="govuk-link" href={href(`/requests/${r.id}`)}>
                        {formatDateTime(r.createdAt)}
                      </a>
                    </td>
                    <td className="govuk-table__cell">{SCOPE_LABELS[r.scope]}</td>
                    <td className="govuk-table__cell">
                      <RequestStatusTag status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </Page>
  );
}
