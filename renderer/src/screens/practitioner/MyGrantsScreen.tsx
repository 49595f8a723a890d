/** The access the practitioner holds now (with a live countdown) and what they held recently. */
import { SCOPE_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLoad } from '../../broker/use-load';
import { useLiveView } from '../../broker/live-updates';
import { Countdown } from '../../components/Countdown';
import { Select } from '../../components/fields';
import { LoadProblem, Page } from '../../components/Page';
import { GrantStateTag } from '../../components/Tags';
import { formatDateTime, formatIsoDate } from '../../format/time';
import { href, replaceQuery, useRoute } from '../../app/router';

type Filter = 'CURRENT' | 'ALL';

export function MyGrantsScreen() {
  const route = useRoute();
  const filter: Filter = route.query.get('filter') === 'ALL' ? 'ALL' : 'CURRENT';
  const grants = useLoad(() => call('grants.mine', { filter, limit: 500 }), [filter]);
  useLiveView('myAccess', () => void grants.reload());
  const rows = grants.value?.rows ?? [];
  const allocations = grants.value?.allocations ?? [];

  return (
    <Page title="My access" width="full">
      <Select<Filter>
        id="grants-filter"
        label="Show"
        labelClass="govuk-label--s"
        value={filter}
        onChange={(f) => replaceQuery('/grants', { filter: f })}
        choices={[
          { value: 'CURRENT', label: 'Current and starting later' },
          { value: 'ALL', label: 'All, including ended and revoked' },
        ]}
      />
      <LoadProblem error={grants.error} loading={grants.loading && !grants.value} />
      {grants.value && rows.length === 0 && allocations.length === 0 ? <p className="govuk-body">You hold no access{filter === 'CURRENT' ? ' at the moment' : ''}.</p> : null}
      {rows.length > 0 ? (
        <table className="govuk-table" data-testid="my-grants">
          <caption className="govuk-table__caption govuk-visually-hidden">My access</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Person</th>
              <th scope="col" className="govuk-table__header">Scope</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Until</th>
              <th scope="col" className="govuk-table__header">Time left</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((g) => (
              <tr className="govuk-table__row" key={g.id} data-testid={`grant-${g.id}`}>
                <td className="govuk-table__cell">
                  {g.personName}
                  <br />
                  <span className="govuk-body-s">{g.crn}</span>
                </td>
                <td className="govuk-table__cell">
                  {SCOPE_LABELS[g.scope]}
                  {g.kind === 'EMERGENCY' ? (
                    <>
                      <br />
                      <strong className="govuk-tag govuk-tag--red">Emergency</strong>
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  <GrantStateTag state={g.state} />
                  {g.state === 'REVOKED' && g.revokeReason ? (
                    <span className="govuk-body-s">
                      <br />
                      By {g.revokedByName ?? 'someone'}: {g.revokeReason}
                    </span>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  {g.state === 'SCHEDULED' ? `From ${formatDateTime(g.startAt)} to ` : ''}
                  {formatDateTime(g.endAt)}
                </td>
                <td className="govuk-table__cell">{g.state === 'ACTIVE' ? <Countdown endAt={g.endAt} label={`Access to ${g.personName}`} onEnd={() => void grants.reload()} /> : ''}</td>
                <td className="govuk-table__cell">
                  {g.state === 'ACTIVE' ? (
                    <>
                      <a className="govuk-link" href={href(`/records/${g.crn}`)}>
                        Read<span className="govuk-visually-hidden"> the record of {g.personName}</span>
                      </a>
                      {g.kind === 'REQUEST' ? (
                        <>
                          <br />
                          <a className="govuk-link" href={href(`/grants/${g.id}/extend`)}>
                            Ask to extend<span className="govuk-visually-hidden"> access to {g.personName}</span>
                          </a>
                        </>
                      ) : null}
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {allocations.length > 0 ? (
        <table className="govuk-table" data-testid="my-allocation-access">
          <caption className="govuk-table__caption govuk-table__caption--m">Access from your allocations</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Person</th>
              <th scope="col" className="govuk-table__header">Scope</th>
              <th scope="col" className="govuk-table__header">Where it comes from</th>
              <th scope="col" className="govuk-table__header">Until</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {allocations.map((a) => (
              <tr className="govuk-table__row" key={`${a.crn}-${a.startDate}`}>
                <td className="govuk-table__cell">
                  {a.personName}
                  <br />
                  <span className="govuk-body-s">{a.crn}</span>
                </td>
                <td className="govuk-table__cell">{SCOPE_LABELS[a.scope]}</td>
                <td className="govuk-table__cell">{a.source}</td>
                <td className="govuk-table__cell">{a.endDate === null ? 'Until the allocation ends' : `End of ${formatIsoDate(a.endDate)}`}</td>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={href(`/records/${a.crn}`)}>
                    Read<span className="govuk-visually-hidden"> the front sheet of {a.personName}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
