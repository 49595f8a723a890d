/** The idle lock: nothing of the last screen stays in the page; the password opens it again. */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { SessionStatus } from '../../../../shared/contract/auth';
import type { SessionUser } from '../../../../shared/contract/common';
import { call } from '../../broker/call';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { Page } from '../../components/Page';

const FIELDS: FormFields = { password: { id: 'unlock-password', label: 'Password' } };

export function LockScreen({ user, onStatus }: { user: SessionUser; onStatus: (status: SessionStatus) => void }) {
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['auth.unlock'].input,
    toInput: (v: { password: string }) => v,
    fields: FIELDS,
    defaultValues: { password: '' },
  });
  const [busy, setBusy] = useState(false);

  const unlock = onSubmit(async (input) => {
    setBusy(true);
    const result = await call('auth.unlock', input);
    setBusy(false);
    form.setValue('password', '');
    // A wrong password is about the one box on the page.
    if (!result.ok) return refuse(result.error.code === 'BAD_CREDENTIALS' ? [{ fieldId: 'unlock-password', message: result.error.message }] : result.error);
    onStatus(result.value);
  });

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
      <form onSubmit={unlock} noValidate>
        <Controller
          control={form.control}
          name="password"
          render={({ field }) => <TextInput id="unlock-password" label="Password" type="password" value={field.value} onChange={field.onChange} autoComplete="current-password" width="govuk-input--width-20" error={errorFor(problems, 'unlock-password')} />}
        />
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
