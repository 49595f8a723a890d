/**
 * Sign in with a local account. In demonstration mode the demo accounts, one per role, are listed
 * with their passwords (the data behind them is synthetic) and can fill the form in one click.
 */
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../shared/contract/auth';
import type { DemoAccount } from '../../../../shared/contract/setup';
import { call } from '../../broker/call';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { Page } from '../../components/Page';
import { ROLE_LABELS } from '../../app/session';

export function SignInScreen({ demoAccounts, onSignedIn }: { demoAccounts: DemoAccount[]; onSignedIn: (status: SessionStatus) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Problem[] = [];
    if (!username.trim()) missing.push({ fieldId: 'username', message: 'Enter your username' });
    if (!password) missing.push({ fieldId: 'password', message: 'Enter your password' });
    setProblems(missing);
    if (missing.length > 0) return;
    setBusy(true);
    const result = await call('auth.signIn', { username, password });
    setBusy(false);
    if (!result.ok) {
      setPassword('');
      setProblems(problemsFrom(result.error, { username: 'username', password: 'password' }));
      return;
    }
    window.location.hash = '#/';
    onSignedIn(result.value);
  };

  const chooseAccount = (account: DemoAccount) => {
    setUsername(account.username);
    setPassword(account.password);
    setProblems([]);
    document.getElementById('username')?.focus();
  };

  return (
    <Page title="Sign in" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="username" label="Username" value={username} onChange={setUsername} autoComplete="username" spellCheck={false} width="govuk-input--width-20" error={errorFor(problems, 'username')} />
        <TextInput id="password" label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" width="govuk-input--width-20" error={errorFor(problems, 'password')} />
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
