/**
 * Find a person by CRN, PNC or name ("Wayne Walker" or "Walker, Wayne"). One exact CRN or PNC
 * match opens that person straight away: the identifier was typed to reach them. People under a limited access restriction, or whom the viewer is
 * excluded from, are listed as "Access restricted" with their details hidden.
 */
import { useEffect } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { CRN_PATTERN, pncFromTyped } from '../../../../shared/domain/identifiers';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { RestrictedTag } from '../../components/Tags';
import { describeAccess } from '../../format/access';
import { formatIsoDate } from '../../format/time';
import { href, navigate, replaceRoute, useRoute } from '../../app/router';

const FIELDS: FormFields = { query: { id: 'person-query', label: 'CRN, PNC or name' } };

export function FindPersonScreen() {
  const route = useRoute();
  const query = route.query.get('q') ?? '';
  // The search box is checked by the search's own schema (at least 2 characters), then the search goes in the address.
  const { form, problems, onSubmit } = useContractForm({
    schema: CONTRACT['people.search'].input,
    toInput: (v: { query: string }) => ({ query: v.query, limit: 50 }),
    fields: FIELDS,
    defaultValues: { query },
  });
  const problem = errorFor(problems, FIELDS.query!.id) ?? null;
  const results = useLiveQuery('people', ['search', query], () =>
    query.trim().length >= 2 ? call('people.search', { query, limit: 50 }) : Promise.resolve({ ok: true as const, value: null }),
  );

  const exactIdentifier = CRN_PATTERN.test(query.trim().toUpperCase()) || pncFromTyped(query) !== null;
  // A restricted match stays in the list, where it says so, rather than opening a refusal.
  const only = exactIdentifier && results.value?.total === 1 ? results.value.rows[0] : undefined;
  const onlyMatch = only && !only.accessRestricted ? only.crn : undefined;
  useEffect(() => {
    if (onlyMatch) replaceRoute(`/people/${onlyMatch}`);
  }, [onlyMatch]);

  const search = onSubmit((input) => {
    navigate('/people', { q: input.query });
    return Promise.resolve();
  });

  const value = results.value;
  return (
    <Page title="Find a person" width="full" hasError={problem !== null}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <form onSubmit={search} noValidate role="search" aria-label="People">
            <div className={`govuk-form-group ${problem ? 'govuk-form-group--error' : ''}`.trim()}>
              <label className="govuk-label govuk-label--s" htmlFor="person-query">
                CRN, PNC or name
              </label>
              <div id="person-query-hint" className="govuk-hint">
                For example, X320741, 2012/0123456A, Smith or Smith, John
              </div>
              {problem ? (
                <p id="person-query-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {problem}
                </p>
              ) : null}
              <div className="rab-inline-actions">
                <Controller
                  control={form.control}
                  name="query"
                  render={({ field }) => (
                    <input
                      className={`govuk-input govuk-input--width-20 ${problem ? 'govuk-input--error' : ''}`.trim()}
                      id="person-query"
                      type="search"
                      value={field.value}
                      spellCheck={false}
                      aria-describedby={`person-query-hint${problem ? ' person-query-error' : ''}`}
                      onChange={(e) => field.onChange(e.target.value)}
                    />
                  )}
                />
                <button type="submit" className="govuk-button">
                  Search
                </button>
              </div>
            </div>
          </form>
          <p className="govuk-body">
            Need several people at once? <a className="govuk-link" href={href('/requests/batch')}>Request access for a group</a>.
          </p>
        </div>
      </div>
      {query ? <LoadProblem error={results.error} loading={results.loading} /> : null}
      {value ? (
        <>
          <div role="status">
            <h2 className="govuk-heading-m">
              {value.total === 0 ? 'No people found' : `${value.total.toLocaleString('en-GB')} ${value.total === 1 ? 'person' : 'people'} found`}
              {value.total > value.rows.length ? `, showing the first ${value.rows.length}` : ''}
            </h2>
          </div>
          {value.rows.length > 0 ? (
            <table className="govuk-table" data-testid="search-results">
              <caption className="govuk-table__caption govuk-visually-hidden">People matching {query}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Name</th>
                  <th scope="col" className="govuk-table__header">CRN</th>
                  <th scope="col" className="govuk-table__header">Date of birth</th>
                  <th scope="col" className="govuk-table__header">Offender manager</th>
                  <th scope="col" className="govuk-table__header">Your access</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {value.rows.map((p) => (
                  <tr className="govuk-table__row" key={p.crn}>
                    <td className="govuk-table__cell">
                      {p.accessRestricted ? (
                        <RestrictedTag />
                      ) : (
                        <a className="govuk-link" href={href(`/people/${p.crn}`)}>
                          {p.name}
                        </a>
                      )}
                    </td>
                    <td className="govuk-table__cell">
                      {p.accessRestricted ? (
                        <a className="govuk-link" href={href(`/people/${p.crn}`)}>
                          {p.crn}
                        </a>
                      ) : (
                        p.crn
                      )}
                    </td>
                    <td className="govuk-table__cell">{p.accessRestricted ? '' : formatIsoDate(p.dob)}</td>
                    <td className="govuk-table__cell">
                      {p.ownerName ?? 'Not known'}
                      {p.managingSector ? <span className="govuk-body-s"> ({p.managingSector})</span> : null}
                    </td>
                    <td className="govuk-table__cell">
                      {describeAccess(p.myAccess)}
                      {p.pendingRequestId ? (
                        <>
                          <br />
                          <a className="govuk-link govuk-body-s" href={href(`/requests/${p.pendingRequestId}`)}>
                            Request pending
                          </a>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
