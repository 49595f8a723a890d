/**
 * Sign in with a local account. In demonstration mode the demo accounts, one per role, are listed
 * with their passwords (the data behind them is synthetic) and can fill the form in one click.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { SessionStatus } from '../../../../shared/contract/auth';
import type { DemoAccount } from '../../../../shared/contract/setup';
import { call } from '../../broker/call';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { Page } from '../../components/Page';
import { navigate } from '../../app/router';
import { ROLE_LABELS } from '../../app/session';

const FIELDS: FormFields = {
  username: { id: 'username', label: 'Username' },
  password: { id: 'password', label: 'Password' },
};

export function SignInScreen({ demoAccounts, onSignedIn }: { demoAccounts: DemoAccount[]; onSignedIn: (status: SessionStatus) => void }) {
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['auth.signIn'].input,
    toInput: (v: { username: string; password: string }) => v,
    fields: FIELDS,
    defaultValues: { username: '', password: '' },
  });
  const [busy, setBusy] = useState(false);

  const submit = onSubmit(async (input) => {
    setBusy(true);
    const result = await call('auth.signIn', input);
    setBusy(false);
    if (!result.ok) {
      form.setValue('password', '');
      return refuse(result.error);
    }
    navigate('/');
    onSignedIn(result.value);
  });

  const chooseAccount = (account: DemoAccount) => {
    form.reset({ username: account.username, password: account.password });
    refuse([]);
    document.getElementById('username')?.focus();
  };

  return (
    <Page title="Sign in" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate>
        <Controller
          control={form.control}
          name="username"
          render={({ field }) => <TextInput id="username" label="Username" value={field.value} onChange={field.onChange} autoComplete="username" spellCheck={false} width="govuk-input--width-20" error={errorFor(problems, 'username')} />}
        />
        <Controller
          control={form.control}
          name="password"
          render={({ field }) => <TextInput id="password" label="Password" type="password" value={field.value} onChange={field.onChange} autoComplete="current-password" width="govuk-input--width-20" error={errorFor(problems, 'password')} />}
        />
        <button type="submit" className="govuk-button" disabled={busy}>
          Sign in
        </button>
      </form>
      {demoAccounts.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Demonstration accounts</h2>
          <p className="govuk-body">
            This copy of the app holds synthetic demonstration data. Sign in as any of these people to see what each role does.
          </p>
          <table className="govuk-table rab-demo-accounts" data-testid="demo-accounts">
            <caption className="govuk-table__caption govuk-visually-hidden">Demonstration accounts</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Person</th>
                <th scope="col" className="govuk-table__header">Username and password</th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {demoAccounts.map((account) => (
                <tr className="govuk-table__row" key={account.username}>
                  <td className="govuk-table__cell">
                    <strong>{account.displayName}</strong>
                    <br />
                    <span className="govuk-body-s">
                      {ROLE_LABELS[account.role]}: {account.description}
                    </span>
                  </td>
                  <td className="govuk-table__cell">
                    <span className="rab-code">{account.username}</span>
                    <br />
                    <span className="rab-code">{account.password}</span>
                  </td>
                  <td className="govuk-table__cell">
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => chooseAccount(account)}>
                      Use<span className="govuk-visually-hidden"> the account of {account.displayName}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Page>
  );
}
