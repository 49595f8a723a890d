/** The idle lock: nothing of the last screen stays in the page; the password opens it again. */
import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../shared/contract/auth';
import type { SessionUser } from '../../../../shared/contract/common';
import { call } from '../../broker/call';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { Page } from '../../components/Page';

export function LockScreen({ user, onStatus }: { user: SessionUser; onStatus: (status: SessionStatus) => void }) {
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setProblems([{ fieldId: 'unlock-password', message: 'Enter your password' }]);
    setBusy(true);
    const result = await call('auth.unlock', { password });
    setBusy(false);
    setPassword('');
    if (!result.ok) return setProblems(problemsFrom(result.error, { password: 'unlock-password' }).map((p) => ({ ...p, fieldId: 'unlock-password' })));
    onStatus(result.value);
  };

  const signOut = async () => {
    const result = await call('auth.signOut', {});
    if (result.ok) onStatus(result.value);
  };

  return (
    <Page title="Records Access Broker is locked" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <p className="govuk-body">
        Locked for <strong>{user.displayName}</strong>. Enter your password to carry on where you were.
      </p>
      <form onSubmit={(e) => void unlock(e)} noValidate>
        <TextInput id="unlock-password" label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" width="govuk-input--width-20" error={errorFor(problems, 'unlock-password')} />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={busy}>
            Unlock
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void signOut()}>
            Sign out instead
          </button>
        </div>
      </form>
    </Page>
  );
}
