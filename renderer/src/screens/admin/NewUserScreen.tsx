/**
 * Create a local account, linked to a staff record when the person has one. The form is checked by
 * the contract's own schema for `admin.createUser` before it is sent; the broker checks it again.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { CONTRACT } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { problemsFromForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Checkboxes, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { BackLink, Page } from '../../components/Page';
import { ROLE_LABELS } from '../../app/session';
import { href, navigate } from '../../app/router';

const schema = CONTRACT['admin.createUser'].input;
type NewUser = z.input<typeof schema>;

const FIELDS: FormFields = {
  username: { id: 'new-username', label: 'Username' },
  displayName: { id: 'new-name', label: 'Full name' },
  staffCode: { id: 'new-staff-code', label: 'Staff code' },
  roles: { id: 'new-roles', label: 'Roles' },
  password: { id: 'new-password', label: 'Password for the account' },
  confirmPassword: { id: 'confirm-password', label: 'Your password' },
};
const IDS = Object.fromEntries(Object.entries(FIELDS).map(([name, f]) => [name, f.id]));

export function NewUserScreen() {
  const form = useForm<NewUser>({
    resolver: zodResolver(schema),
    defaultValues: { username: '', displayName: '', staffCode: null, roles: [], password: '', confirmPassword: '' },
  });
  const [refused, setRefused] = useState<Problem[]>([]);
  const problems = [...problemsFromForm(form.formState.errors, FIELDS), ...refused];

  const send = form.handleSubmit(async (values) => {
    const result = await call('admin.createUser', values);
    form.setValue('confirmPassword', '');
    if (!result.ok) return setRefused(problemsFrom(result.error, IDS));
    navigate(`/admin/users/${result.value.userId}`);
  });

  const text = (name: 'username' | 'displayName' | 'password', extra: { hint?: string; width: 'govuk-input--width-20' | 'govuk-!-width-two-thirds'; type?: 'password'; autoComplete?: string; spellCheck?: boolean }) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <TextInput id={FIELDS[name]!.id} label={FIELDS[name]!.label} value={field.value} onChange={field.onChange} error={errorFor(problems, FIELDS[name]!.id)} {...extra} />
      )}
    />
  );

  return (
    <Page title="Create an account" before={<BackLink href={href('/admin/users')}>Users</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <form
        onSubmit={(e) => {
          setRefused([]);
          void send(e);
        }}
        noValidate
      >
        {text('username', { width: 'govuk-input--width-20', spellCheck: false })}
        {text('displayName', { width: 'govuk-!-width-two-thirds' })}
        <Controller
          control={form.control}
          name="staffCode"
          render={({ field }) => (
            <TextInput
              id={FIELDS.staffCode!.id}
              label="Staff code (optional)"
              hint="7 characters, like N07T01A"
              // Empty means no staff record; codes are capitals however they are typed.
              value={field.value ?? ''}
              onChange={(v) => field.onChange(v.trim() ? v.trim().toUpperCase() : null)}
              width="govuk-input--width-10"
              spellCheck={false}
              error={errorFor(problems, FIELDS.staffCode!.id)}
            />
          )}
        />
        <Controller
          control={form.control}
          name="roles"
          render={({ field }) => (
            <Checkboxes<Role>
              id={FIELDS.roles!.id}
              legend="Roles"
              values={(field.value ?? []) as Role[]}
              onChange={field.onChange}
              error={errorFor(problems, FIELDS.roles!.id)}
              choices={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            />
          )}
        />
        {text('password', { hint: 'At least 12 characters. Give it to the person securely.', type: 'password', autoComplete: 'new-password', width: 'govuk-input--width-20' })}
        <Controller
          control={form.control}
          name="confirmPassword"
          render={({ field }) => <ConfirmPassword value={field.value} onChange={field.onChange} error={errorFor(problems, FIELDS.confirmPassword!.id)} />}
        />
        <button type="submit" className="govuk-button" disabled={form.formState.isSubmitting}>
          Create account
        </button>
      </form>
    </Page>
  );
}
