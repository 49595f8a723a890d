/** One account: change its roles, activate or deactivate it, or set a new password. */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { CONTRACT } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useAllPages } from '../../broker/use-all-pages';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Checkboxes, Radios, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { SummaryList } from '../../components/SummaryList';
import { formatDateTime } from '../../format/time';
import { useCoreNow } from '../../app/core-clock';
import { ROLE_LABELS } from '../../app/session';
import { href } from '../../app/router';
import { accountState } from './UsersScreen';

type Change = 'ROLES' | 'ACTIVE' | 'PASSWORD';

interface ChangeAnswers {
  change: Change | '';
  roles: Role[] | null;
  newPassword: string;
  confirmPassword: string;
}

/** Which change: the one question of the form that is not a channel's input. */
const SCHEMAS = { ROLES: CONTRACT['admin.setRoles'].input, ACTIVE: CONTRACT['admin.setActive'].input, PASSWORD: CONTRACT['admin.resetPassword'].input };
const CHOOSE = z.object({ change: z.enum(['ROLES', 'ACTIVE', 'PASSWORD'], 'choose what to change'), confirmPassword: SCHEMAS.ACTIVE.shape.confirmPassword });
const FIELDS: FormFields = {
  change: { id: 'user-change', label: 'What do you want to change' },
  roles: { id: 'user-roles', label: 'Roles' },
  newPassword: { id: 'user-new-password', label: 'New password' },
  confirmPassword: { id: 'confirm-password', label: 'Your password' },
};

export function UserScreen({ userId }: { userId: number }) {
  const list = useAllPages('admin', ['users'], (offset, limit) => call('admin.listUsers', { offset, limit, query: '' }));
  const user = list.rows.find((u) => u.userId === userId);
  const now = useCoreNow(60_000);
  const { form, problems, refuse, onSubmit } = useContractForm<ChangeAnswers, unknown>({
    // Each change is its own channel; the form is checked by the schema of the one chosen.
    schema: (v) => (v.change ? SCHEMAS[v.change] : CHOOSE),
    toInput: (v) => {
      const base = { confirmPassword: v.confirmPassword, userId };
      if (v.change === 'ROLES') return { ...base, roles: v.roles ?? user?.roles ?? [] };
      if (v.change === 'ACTIVE') return { ...base, active: !(user?.active ?? true) };
      if (v.change === 'PASSWORD') return { ...base, newPassword: v.newPassword };
      return { change: undefined, confirmPassword: v.confirmPassword };
    },
    fields: FIELDS,
    defaultValues: { change: '', roles: null, newPassword: '', confirmPassword: '' },
  });
  const change = form.watch('change');
  const [done, setDone] = useState<string | null>(null);

  const save = onSubmit(async (input) => {
    if (!user || !change) return;
    const result =
      change === 'ROLES'
        ? await call('admin.setRoles', input as z.output<typeof SCHEMAS.ROLES>)
        : change === 'ACTIVE'
          ? await call('admin.setActive', input as z.output<typeof SCHEMAS.ACTIVE>)
          : await call('admin.resetPassword', input as z.output<typeof SCHEMAS.PASSWORD>);
    form.setValue('confirmPassword', '');
    if (!result.ok) return refuse(result.error);
    setDone(change === 'ROLES' ? 'Roles changed' : change === 'ACTIVE' ? (user.active ? 'Account deactivated: its sessions have ended and its access is suspended' : 'Account activated') : 'Password set and lockout cleared');
    form.reset({ change: '', roles: null, newPassword: '', confirmPassword: '' });
    await list.reload();
  });

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
          <form onSubmit={save} noValidate>
            <Controller
              control={form.control}
              name="change"
              render={({ field }) => (
                <Radios<Change>
                  id="user-change"
                  legend="What do you want to change?"
                  legendClass="govuk-fieldset__legend--m"
                  value={field.value}
                  onChange={field.onChange}
                  error={errorFor(problems, 'user-change')}
                  choices={[
                    { value: 'ROLES', label: 'Roles' },
                    { value: 'ACTIVE', label: user.active ? 'Deactivate the account' : 'Activate the account', hint: user.active ? 'Ends its sessions and suspends its access at once' : undefined },
                    { value: 'PASSWORD', label: 'Set a new password', hint: 'Also clears a lockout' },
                  ]}
                />
              )}
            />
            {change === 'ROLES' ? (
              <Controller
                control={form.control}
                name="roles"
                render={({ field }) => (
                  <Checkboxes<Role> id="user-roles" legend="Roles" values={field.value ?? user.roles} onChange={field.onChange} error={errorFor(problems, 'user-roles')} choices={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
                )}
              />
            ) : null}
            {change === 'PASSWORD' ? (
              <Controller
                control={form.control}
                name="newPassword"
                render={({ field }) => (
                  <TextInput id="user-new-password" label="New password" hint="At least 12 characters" type="password" value={field.value} onChange={field.onChange} autoComplete="new-password" width="govuk-input--width-20" error={errorFor(problems, 'user-new-password')} />
                )}
              />
            ) : null}
            <Controller control={form.control} name="confirmPassword" render={({ field }) => <ConfirmPassword value={field.value} onChange={field.onChange} error={errorFor(problems, 'confirm-password')} />} />
            <button type="submit" className="govuk-button">
              Save
            </button>
          </form>
        </>
      ) : null}
    </Page>
  );
}
