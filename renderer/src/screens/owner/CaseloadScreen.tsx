/** The offender manager's own cases, with pending requests and who holds access to each. */
import { useMemo, useState } from 'react';
import type { RiskSummary } from '../../../../shared/contract/common';
import { call } from '../../broker/call';
import { useAllPages } from '../../broker/use-all-pages';
import { ListFilter } from '../../components/ListFilter';
import { LoadProblem, Page } from '../../components/Page';
import { RestrictedTag, RiskTag } from '../../components/Tags';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { compareNumber, compareText, matchesText } from '../../format/filter';
import { href } from '../../app/router';

type CaseRow = { crn: string; name: string; risk: RiskSummary; pendingRequests: number; activeGrants: number };

const COLUMNS: Column<CaseRow>[] = [
  {
    key: 'name',
    header: 'Person',
    compare: (a, b) => compareText(a.name, b.name),
    render: (c) => (
      <>
        <a className="govuk-link" href={href(`/caseload/${c.crn}`)}>
          {c.name}
        </a>
        <br />
        <span className="govuk-body-s">{c.crn}</span>
      </>
    ),
  },
  {
    key: 'risk',
    header: 'Risk',
    compare: (a, b) => compareText(a.risk.roshLevel, b.risk.roshLevel),
    render: (c) => (
      <>
        <RiskTag level={c.risk.roshLevel} /> {c.risk.restricted ? <RestrictedTag /> : null}
        {c.risk.flags.length > 0 ? <span className="govuk-body-s"><br />{c.risk.flags.map((f) => f.description).join(', ')}</span> : null}
      </>
    ),
  },
  { key: 'pending', header: 'Requests waiting', numeric: true, compare: (a, b) => compareNumber(a.pendingRequests, b.pendingRequests), render: (c) => c.pendingRequests },
  { key: 'grants', header: 'People with access', numeric: true, compare: (a, b) => compareNumber(a.activeGrants, b.activeGrants), render: (c) => c.activeGrants },
];

export function CaseloadScreen() {
  const [text, setText] = useState('');
  const list = useAllPages('caseload', ['mine'], (offset, limit) => call('caseload.mine', { offset, limit, query: '' }));
  const rows = useMemo(() => list.rows.filter((c) => matchesText([c.name, c.crn], text)), [list.rows, text]);
  return (
    <Page title="My caseload" width="full">
      <p className="govuk-body">Choose a person to see everyone who can read their record, and revoke access that is no longer needed.</p>
      <ListFilter id="caseload-filter" label="Filter by name or CRN" value={text} onChange={setText} shown={rows.length} total={list.total} loading={!list.loaded} />
      <LoadProblem error={list.error} loading={false} />
      <VirtualTable caption="My caseload" rows={rows} columns={COLUMNS} rowKey={(c) => c.crn} testId="caseload" emptyText={list.loaded ? 'You have no cases.' : 'Loading…'} />
    </Page>
  );
}
