/** Create a local account, linked to a staff record when the person has one. */
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Checkboxes, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { BackLink, Page } from '../../components/Page';
import { ROLE_LABELS } from '../../app/session';
import { href, navigate } from '../../app/router';

const IDS = { username: 'new-username', displayName: 'new-name', staffCode: 'new-staff-code', roles: 'new-roles', password: 'new-password', confirmPassword: 'confirm-password' };

export function NewUserScreen() {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [staffCode, setStaffCode] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!username.trim()) found.push({ fieldId: IDS.username, message: 'Enter a username' });
    if (!displayName.trim()) found.push({ fieldId: IDS.displayName, message: 'Enter the person’s full name' });
    if (roles.length === 0) found.push({ fieldId: IDS.roles, message: 'Give at least one role' });
    if (password.length < 12) found.push({ fieldId: IDS.password, message: 'Enter a password of at least 12 characters' });
    if (!confirm) found.push({ fieldId: IDS.confirmPassword, message: 'Enter your password to confirm' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await call('admin.createUser', {
      confirmPassword: confirm,
      username: username.trim(),
      displayName,
      staffCode: staffCode.trim() ? staffCode.trim().toUpperCase() : null,
      roles,
      password,
    });
    setConfirm('');
    if (!result.ok) return setProblems(problemsFrom(result.error, IDS));
    navigate(`/admin/users/${result.value.userId}`);
  };

  return (
    <Page title="Create an account" before={<BackLink href={href('/admin/users')}>Users</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id={IDS.username} label="Username" value={username} onChange={setUsername} width="govuk-input--width-20" spellCheck={false} error={errorFor(problems, IDS.username)} />
        <TextInput id={IDS.displayName} label="Full name" value={displayName} onChange={setDisplayName} width="govuk-!-width-two-thirds" error={errorFor(problems, IDS.displayName)} />
        <TextInput id={IDS.staffCode} label="Staff code (optional)" hint="7 characters, like N07T01A" value={staffCode} onChange={setStaffCode} width="govuk-input--width-10" spellCheck={false} error={errorFor(problems, IDS.staffCode)} />
        <Checkboxes<Role> id={IDS.roles} legend="Roles" values={roles} onChange={setRoles} error={errorFor(problems, IDS.roles)} choices={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <TextInput id={IDS.password} label="Password for the account" hint="At least 12 characters. Give it to the person securely." type="password" value={password} onChange={setPassword} autoComplete="new-password" width="govuk-input--width-20" error={errorFor(problems, IDS.password)} />
        <ConfirmPassword value={confirm} onChange={setConfirm} error={errorFor(problems, IDS.confirmPassword)} />
        <button type="submit" className="govuk-button">
          Create account
        </button>
      </form>
    </Page>
  );
}
