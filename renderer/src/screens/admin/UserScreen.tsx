/** One account: change its roles, activate or deactivate it, or set a new password. */
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useAllPages } from '../../broker/use-all-pages';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Checkboxes, Radios, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { SummaryList } from '../../components/SummaryList';
import { formatDateTime } from '../../format/time';
import { useCoreNow } from '../../app/core-clock';
import { ROLE_LABELS } from '../../app/session';
import { href } from '../../app/router';
import { accountState } from './UsersScreen';

type Change = 'ROLES' | 'ACTIVE' | 'PASSWORD';

export function UserScreen({ userId }: { userId: number }) {
  const list = useAllPages('admin', ['users'], (offset, limit) => call('admin.listUsers', { offset, limit, query: '' }));
  const user = list.rows.find((u) => u.userId === userId);
  const now = useCoreNow(60_000);
  const [change, setChange] = useState<Change | ''>('');
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!user) return;
    const found: Problem[] = [];
    if (!change) found.push({ fieldId: 'user-change', message: 'Choose what to change' });
    if (change === 'PASSWORD' && newPassword.length < 12) found.push({ fieldId: 'user-new-password', message: 'Enter a password of at least 12 characters' });
    if (!confirm) found.push({ fieldId: 'confirm-password', message: 'Enter your password to confirm' });
    setProblems(found);
    if (found.length > 0) return;
    const result =
      change === 'ROLES'
        ? await call('admin.setRoles', { confirmPassword: confirm, userId, roles: roles ?? user.roles })
        : change === 'ACTIVE'
          ? await call('admin.setActive', { confirmPassword: confirm, userId, active: !user.active })
          : await call('admin.resetPassword', { confirmPassword: confirm, userId, newPassword });
    setConfirm('');
    if (!result.ok) return setProblems(problemsFrom(result.error, { roles: 'user-roles', newPassword: 'user-new-password', confirmPassword: 'confirm-password' }));
    setProblems([]);
    setDone(change === 'ROLES' ? 'Roles changed' : change === 'ACTIVE' ? (user.active ? 'Account deactivated: its sessions have ended and its access is suspended' : 'Account activated') : 'Password set and lockout cleared');
    setChange('');
    setNewPassword('');
    setRoles(null);
    await list.reload();
  };

  return (
    <Page title={user ? user.displayName : 'Account'} caption="Account" before={<BackLink href={href('/admin/users')}>Users</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {done ? <NotificationBanner kind="success" heading={done} focus /> : null}
      <LoadProblem error={list.error} loading={!list.loaded && !user} />
      {list.loaded && !user ? <p className="govuk-body">There is no account with that number.</p> : null}
      {user ? (
        <>
          <SummaryList
            rows={[
              { key: 'Username', value: <span className="rab-code">{user.username}</span> },
              { key: 'Staff code', value: user.staffCode ?? 'Not linked to a staff record' },
              { key: 'Roles', value: user.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'None' },
              { key: 'State', value: accountState(user, now).label },
              { key: 'Failed sign-ins', value: String(user.failedAttempts) },
              { key: 'Created', value: formatDateTime(user.createdAt) },
            ]}
          />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Radios<Change>
              id="user-change"
              legend="What do you want to change?"
              legendClass="govuk-fieldset__legend--m"
              value={change}
              onChange={setChange}
              error={errorFor(problems, 'user-change')}
              choices={[
                { value: 'ROLES', label: 'Roles' },
                { value: 'ACTIVE', label: user.active ? 'Deactivate the account' : 'Activate the account', hint: user.active ? 'Ends its sessions and suspends its access at once' : undefined },
                { value: 'PASSWORD', label: 'Set a new password', hint: 'Also clears a lockout' },
              ]}
            />
            {change === 'ROLES' ? (
              <Checkboxes<Role> id="user-roles" legend="Roles" values={roles ?? user.roles} onChange={setRoles} error={errorFor(problems, 'user-roles')} choices={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
            ) : null}
            {change === 'PASSWORD' ? (
              <TextInput id="user-new-password" label="New password" hint="At least 12 characters" type="password" value={newPassword} onChange={setNewPassword} autoComplete="new-password" width="govuk-input--width-20" error={errorFor(problems, 'user-new-password')} />
            ) : null}
            <ConfirmPassword value={confirm} onChange={setConfirm} error={errorFor(problems, 'confirm-password')} />
            <button type="submit" className="govuk-button">
              Save
            </button>
          </form>
        </>
      ) : null}
    </Page>
  );
}
