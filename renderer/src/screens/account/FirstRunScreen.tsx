/**
 * The desktop app's first run, before any store exists: connect to the organisation's broker, or
 * use this computer only, creating the first administrator or loading synthetic demonstration data
 * for one office with an account per role.
 */
import { useState, type FormEvent } from 'react';
import { call } from '../../broker/call';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Radios, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { Page } from '../../components/Page';
import { CONNECT_FIELDS, ConnectToBrokerFields, type BrokerDetails } from './ConnectToBrokerFields';

type Choice = 'CONNECT' | 'ADMINISTRATOR' | 'DEMO';

export function FirstRunScreen({ onReady }: { onReady: () => void }) {
  const [choice, setChoice] = useState<Choice | ''>('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [broker, setBroker] = useState<BrokerDetails>({ brokerUrl: '', caPem: null, caName: '' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (choice === '') return setProblems([{ fieldId: 'setup-choice', message: 'Choose how to set up Records Access Broker' }]);
    if (choice === 'CONNECT') {
      if (!broker.brokerUrl.trim()) return setProblems([{ fieldId: CONNECT_FIELDS.brokerUrl, message: 'Enter the broker address your organisation gave you' }]);
      setProblems([]);
      setBusy(true);
      const result = await call('setup.connectToBroker', { brokerUrl: broker.brokerUrl.trim(), caPem: broker.caPem });
      setBusy(false);
      if (!result.ok) return setProblems(problemsFrom(result.error, CONNECT_FIELDS));
      return onReady();
    }
    if (choice === 'DEMO') {
      setBusy(true);
      const result = await call('setup.loadDemoData', {});
      setBusy(false);
      if (!result.ok) return setProblems(problemsFrom(result.error));
      return onReady();
    }
    const missing: Problem[] = [];
    if (!username.trim()) missing.push({ fieldId: 'admin-username', message: 'Enter a username' });
    if (!displayName.trim()) missing.push({ fieldId: 'admin-name', message: 'Enter the administrator’s full name' });
    if (password.length < 12) missing.push({ fieldId: 'admin-password', message: 'Enter a password of at least 12 characters' });
    else if (password !== confirm) missing.push({ fieldId: 'admin-confirm', message: 'The two passwords do not match' });
    setProblems(missing);
    if (missing.length > 0) return;
    setBusy(true);
    const result = await call('setup.createAdministrator', { username: username.trim(), displayName, password });
    setBusy(false);
    if (!result.ok) return setProblems(problemsFrom(result.error, { username: 'admin-username', displayName: 'admin-name', password: 'admin-password' }));
    onReady();
  };

  return (
    <Page title="Set up Records Access Broker" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <p className="govuk-body">
        Connect to your organisation&rsquo;s broker to work with colleagues in other offices, or keep an encrypted store on this computer only (its key is kept in the system keychain).
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Radios<Choice>
          id="setup-choice"
          legend="How do you want to start?"
          legendClass="govuk-fieldset__legend--m"
          value={choice}
          onChange={setChoice}
          error={errorFor(problems, 'setup-choice')}
          choices={[
            { value: 'CONNECT', label: 'Connect to your organisation’s broker', hint: 'Requests, decisions and records stay on the broker; this computer keeps no store.' },
            { value: 'ADMINISTRATOR', label: 'Use this computer only: create the first administrator', hint: 'For live use: the administrator then imports the nDelius and OASys exports and creates accounts.' },
            { value: 'DEMO', label: 'Use this computer only: load demonstration data', hint: 'Synthetic people and staff for one office, with an account for each role.' },
          ]}
        />
        {choice === 'CONNECT' ? <ConnectToBrokerFields details={broker} onChange={setBroker} problems={problems} /> : null}
        {choice === 'ADMINISTRATOR' ? (
          <>
            <TextInput id="admin-username" label="Username" hint="Lower-case letters, digits, dots, hyphens or underscores" value={username} onChange={setUsername} width="govuk-input--width-20" spellCheck={false} autoComplete="username" error={errorFor(problems, 'admin-username')} />
            <TextInput id="admin-name" label="Full name" value={displayName} onChange={setDisplayName} width="govuk-!-width-two-thirds" error={errorFor(problems, 'admin-name')} />
            <TextInput id="admin-password" label="Password" hint="At least 12 characters" type="password" value={password} onChange={setPassword} width="govuk-input--width-20" autoComplete="new-password" error={errorFor(problems, 'admin-password')} />
            <TextInput id="admin-confirm" label="Confirm password" type="password" value={confirm} onChange={setConfirm} width="govuk-input--width-20" autoComplete="new-password" error={errorFor(problems, 'admin-confirm')} />
          </>
        ) : null}
        <button type="submit" className="govuk-button" disabled={busy}>
          {busy ? 'Setting up…' : 'Continue'}
        </button>
      </form>
    </Page>
  );
}
