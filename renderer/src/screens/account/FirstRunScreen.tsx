/**
 * The desktop app's first run, before any store exists: connect to the organisation's broker, or
 * use this computer only, creating the first administrator or loading synthetic demonstration data
 * for one office with an account per role.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { call } from '../../broker/call';
import { useContractForm } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Radios, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { Page } from '../../components/Page';
import { ConnectToBrokerFields } from './ConnectToBrokerFields';
import { FIRST_RUN_FIELDS, firstRunInput, firstRunSchema, NO_ANSWERS, type Choice, type FirstRunAnswers } from './first-run-form';

export function FirstRunScreen({ onReady }: { onReady: () => void }) {
  const { form, problems, refuse, onSubmit } = useContractForm<FirstRunAnswers, unknown>({
    schema: firstRunSchema,
    toInput: firstRunInput,
    fields: FIRST_RUN_FIELDS,
    defaultValues: NO_ANSWERS,
  });
  const [busy, setBusy] = useState(false);
  const choice = form.watch('choice');
  const broker = form.watch(['brokerUrl', 'caPem', 'caName']);

  const submit = onSubmit(async (input) => {
    setBusy(true);
    const result =
      choice === 'CONNECT'
        ? await call('setup.connectToBroker', input as { brokerUrl: string; caPem: string | null })
        : choice === 'DEMO'
          ? await call('setup.loadDemoData', {})
          : await call('setup.createAdministrator', input as { username: string; displayName: string; password: string });
    setBusy(false);
    if (!result.ok) return refuse(result.error);
    onReady();
  });

  const text = (name: 'username' | 'displayName' | 'password' | 'confirm', extra: { hint?: string; width: 'govuk-input--width-20' | 'govuk-!-width-two-thirds'; type?: 'password'; autoComplete?: string; spellCheck?: boolean }) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => <TextInput id={FIRST_RUN_FIELDS[name]!.id} label={FIRST_RUN_FIELDS[name]!.label} value={field.value} onChange={field.onChange} error={errorFor(problems, FIRST_RUN_FIELDS[name]!.id)} {...extra} />}
    />
  );

  return (
    <Page title="Set up Records Access Broker" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <p className="govuk-body">
        Connect to your organisation&rsquo;s broker to work with colleagues in other offices, or keep an encrypted store on this computer only (its key is kept in the system keychain).
      </p>
      <form onSubmit={submit} noValidate>
        <Controller
          control={form.control}
          name="choice"
          render={({ field }) => (
            <Radios<Choice>
              id="setup-choice"
              legend="How do you want to start?"
              legendClass="govuk-fieldset__legend--m"
              value={field.value}
              onChange={field.onChange}
              error={errorFor(problems, 'setup-choice')}
              choices={[
                { value: 'CONNECT', label: 'Connect to your organisation’s broker', hint: 'Requests, decisions and records stay on the broker; this computer keeps no store.' },
                { value: 'ADMINISTRATOR', label: 'Use this computer only: create the first administrator', hint: 'For live use: the administrator then imports the nDelius and OASys exports and creates accounts.' },
                { value: 'DEMO', label: 'Use this computer only: load demonstration data', hint: 'Synthetic people and staff for one office, with an account for each role.' },
              ]}
            />
          )}
        />
        {choice === 'CONNECT' ? (
          <ConnectToBrokerFields
            details={{ brokerUrl: broker[0], caPem: broker[1], caName: broker[2] }}
            onChange={(d) => {
              form.setValue('brokerUrl', d.brokerUrl);
              form.setValue('caPem', d.caPem);
              form.setValue('caName', d.caName);
            }}
            problems={problems}
          />
        ) : null}
        {choice === 'ADMINISTRATOR' ? (
          <>
            {text('username', { hint: 'Lower-case letters, digits, dots, hyphens or underscores', width: 'govuk-input--width-20', spellCheck: false, autoComplete: 'username' })}
            {text('displayName', { width: 'govuk-!-width-two-thirds' })}
            {text('password', { hint: 'At least 12 characters', type: 'password', width: 'govuk-input--width-20', autoComplete: 'new-password' })}
            {text('confirm', { type: 'password', width: 'govuk-input--width-20', autoComplete: 'new-password' })}
          </>
        ) : null}
        <button type="submit" className="govuk-button" disabled={busy}>
          {busy ? 'Setting up…' : 'Continue'}
        </button>
      </form>
    </Page>
  );
}
