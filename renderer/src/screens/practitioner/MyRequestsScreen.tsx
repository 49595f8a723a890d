/**
 * The practitioner's requests: status, which queue holds each and why, the deadline, and the
 * decision with its reason.
 */
import { useMemo, useState } from 'react';
import type { RequestRow } from '../../../../shared/contract/common';
import { SCOPE_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useAllPages } from '../../broker/use-all-pages';
import { Select } from '../../components/fields';
import { ListFilter } from '../../components/ListFilter';
import { LoadProblem, Page } from '../../components/Page';
import { OverdueTag, RequestStatusTag } from '../../components/Tags';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { compareNumber, compareText, matchesText } from '../../format/filter';
import { formatDateTime } from '../../format/time';
import { href, replaceQuery, useRoute } from '../../app/router';

type Filter = 'OPEN' | 'DECIDED' | 'ALL';

export function decisionText(r: RequestRow): string {
  if (r.status === 'WITHDRAWN') return 'You withdrew it';
  if (!r.decision) return '';
  if (r.decision.outcome === 'DENIED') return `Refused by ${r.decision.decidedByName}: ${r.decision.reason ?? ''}`;
  const scope = r.decision.scope ? SCOPE_LABELS[r.decision.scope] : '';
  const until = r.decision.endAt ? ` until ${formatDateTime(r.decision.endAt)}` : '';
  return `Approved by ${r.decision.decidedByName}: ${scope}${until}${r.decision.narrowed ? ' (narrowed)' : ''}`;
}

const COLUMNS: Column<RequestRow>[] = [
  {
    key: 'person',
    header: 'Person',
    compare: (a, b) => compareText(a.personName, b.personName),
    render: (r) => (
      <>
        <a className="govuk-link" href={href(`/requests/${r.id}`)}>
          {r.personName}
        </a>
        <br />
        <span className="govuk-body-s">{r.crn}</span>
      </>
    ),
  },
  { key: 'scope', header: 'Scope', compare: (a, b) => compareText(a.scope, b.scope), render: (r) => SCOPE_LABELS[r.scope] },
  {
    key: 'status',
    header: 'Status',
    compare: (a, b) => compareText(a.status, b.status),
    render: (r) => (
      <>
        <RequestStatusTag status={r.status} /> {r.overdue ? <OverdueTag /> : null}
      </>
    ),
  },
  { key: 'where', header: 'Where it is and why', render: (r) => <span data-testid="where-and-why">{r.whereAndWhy}</span> },
  { key: 'deadline', header: 'Decision due', compare: (a, b) => compareNumber(a.deadline, b.deadline), render: (r) => (r.queue ? formatDateTime(r.deadline) : '') },
  { key: 'decision', header: 'Decision', render: (r) => <span data-testid="decision">{decisionText(r)}</span> },
  { key: 'created', header: 'Asked', compare: (a, b) => compareNumber(a.createdAt, b.createdAt), render: (r) => formatDateTime(r.createdAt) },
];

export function MyRequestsScreen() {
  const route = useRoute();
  const filter = (['OPEN', 'DECIDED', 'ALL'] as const).find((f) => f === route.query.get('filter')) ?? 'ALL';
  const [text, setText] = useState('');
  const list = useAllPages('myRequests', ['mine', filter], (offset, limit) => call('requests.mine', { offset, limit, filter }));
  const rows = useMemo(() => list.rows.filter((r) => matchesText([r.personName, r.crn, r.whereAndWhy], text)), [list.rows, text]);

  return (
    <Page title="My requests" width="full">
      <div className="govuk-button-group">
        <a className="govuk-button" href={href('/people')}>
          Request access to a record
        </a>
        <a className="govuk-button govuk-button--secondary" href={href('/requests/batch')}>
          Request access for a group
        </a>
      </div>
      <div className="rab-filters">
        <Select<Filter>
          id="requests-filter"
          label="Show"
          labelClass="govuk-label--s"
          value={filter}
          onChange={(f) => replaceQuery('/requests', { filter: f })}
          choices={[
            { value: 'ALL', label: 'All requests' },
            { value: 'OPEN', label: 'Waiting for a decision' },
            { value: 'DECIDED', label: 'Decided or withdrawn' },
          ]}
        />
        <ListFilter id="requests-text" label="Filter by name or CRN" value={text} onChange={setText} shown={rows.length} total={list.total} loading={!list.loaded} />
      </div>
      <LoadProblem error={list.error} loading={false} />
      <VirtualTable
        caption="My requests"
        rows={rows}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        rowClass={(r) => (r.overdue ? 'rab-row--overdue' : '')}
        testId="my-requests"
        emptyText={list.loaded ? 'You have no requests here.' : 'Loading…'}
      />
    </Page>
  );
}
