/** Accounts and their roles, state and lockout. */
import { useMemo, useState } from 'react';
import type { UserRow } from '../../../../shared/contract/admin';
import { call } from '../../broker/call';
import { useAllPages } from '../../broker/use-all-pages';
import { ListFilter } from '../../components/ListFilter';
import { LoadProblem, Page } from '../../components/Page';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { compareText, matchesText } from '../../format/filter';
import { formatDateTime } from '../../format/time';
import { ROLE_LABELS } from '../../app/session';
import { href } from '../../app/router';

export function accountState(u: UserRow, now: number): { label: string; colour: string } {
  if (!u.active) return { label: 'Deactivated', colour: 'govuk-tag--grey' };
  if (u.lockedUntil !== null && u.lockedUntil > now) return { label: `Locked until ${formatDateTime(u.lockedUntil)}`, colour: 'govuk-tag--red' };
  return { label: 'Active', colour: 'govuk-tag--green' };
}

export function UsersScreen() {
  const [text, setText] = useState('');
  const list = useAllPages('admin', ['users'], (offset, limit) => call('admin.listUsers', { offset, limit, query: '' }));
  const rows = useMemo(() => list.rows.filter((u) => matchesText([u.displayName, u.username, u.staffCode], text)), [list.rows, text]);
  const columns: Column<UserRow>[] = [
    {
      key: 'name',
      header: 'Name',
      compare: (a, b) => compareText(a.displayName, b.displayName),
      render: (u) => (
        <a className="govuk-link" href={href(`/admin/users/${u.userId}`)}>
          {u.displayName}
        </a>
      ),
    },
    { key: 'username', header: 'Username', compare: (a, b) => compareText(a.username, b.username), render: (u) => <span className="rab-code">{u.username}</span> },
    { key: 'staff', header: 'Staff code', compare: (a, b) => compareText(a.staffCode, b.staffCode), render: (u) => u.staffCode ?? '' },
    { key: 'roles', header: 'Roles', render: (u) => u.roles.map((r) => ROLE_LABELS[r]).join(', ') },
    {
      key: 'state',
      header: 'State',
      render: (u) => {
        const s = accountState(u, Date.now());
        return <strong className={`govuk-tag ${s.colour}`}>{s.label}</strong>;
      },
    },
  ];
  return (
    <Page title="Users" width="full">
      <a className="govuk-button" href={href('/admin/users/new')}>
        Create an account
      </a>
      <ListFilter id="users-filter" label="Filter by name, username or staff code" value={text} onChange={setText} shown={rows.length} total={list.total} loading={!list.loaded} />
      <LoadProblem error={list.error} loading={false} />
      <VirtualTable caption="Users" rows={rows} columns={columns} rowKey={(u) => u.userId} testId="users" estimate={56} />
    </Page>
  );
}
