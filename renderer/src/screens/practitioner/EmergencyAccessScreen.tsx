/**
 * Emergency safety access (break-glass): on a pending request needed within hours, the requester
 * re-enters their password and gives a reason to open the front sheet only, for a few hours. The
 * offender manager and the hub are told at once and the hub reviews every use.
 */
import { useState, type FormEvent } from 'react';
import { EMERGENCY_REASONS, EMERGENCY_REASON_LABELS, type EmergencyReason } from '../../../../shared/contract/vocabulary';
import { call } from '../../broker/call';
import { useLoad } from '../../broker/use-load';
import { WarningText } from '../../components/Banner';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Radios, Textarea, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { href, navigate } from '../../app/router';

const IDS = { reasonCode: 'emergency-reason', reasonText: 'emergency-reason-text', password: 'emergency-password' };

export function EmergencyAccessScreen({ requestId }: { requestId: number }) {
  const detail = useLoad(() => call('requests.get', { requestId }), [requestId]);
  const [reason, setReason] = useState<EmergencyReason | ''>('');
  const [reasonText, setReasonText] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const r = detail.value?.request;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!reason) found.push({ fieldId: IDS.reasonCode, message: 'Choose why you need emergency access' });
    if (reason === 'OTHER' && !reasonText.trim()) found.push({ fieldId: IDS.reasonText, message: 'Explain why you need emergency access' });
    if (!password) found.push({ fieldId: IDS.password, message: 'Enter your password' });
    setProblems(found);
    if (found.length > 0 || !reason) return;
    setBusy(true);
    const result = await call('emergency.open', { requestId, password, reasonCode: reason, reasonText });
    setBusy(false);
    setPassword('');
    if (!result.ok) return setProblems(problemsFrom(result.error, IDS).map((p) => (result.error.code === 'BAD_CREDENTIALS' ? { ...p, fieldId: IDS.password } : p)));
    navigate(`/records/${result.value.grant.crn}`);
  };

  return (
    <Page
      title="Emergency safety access"
      caption={r ? `${r.personName} (${r.crn})` : undefined}
      before={<BackLink href={href(`/requests/${requestId}`)}>Back to the request</BackLink>}
      hasError={problems.length > 0}
    >
      <ErrorSummary problems={problems} />
      <LoadProblem error={detail.error} loading={detail.loading && !r} />
      {r ? (
        <>
          <WarningText>Use this only if someone could be hurt before your request is decided.</WarningText>
          <ul className="govuk-list govuk-list--bullet" data-testid="emergency-warnings">
            <li>You will see the front sheet only: risk levels, active alerts and safety warnings.</li>
            <li>Access lasts at most 4 hours and ends by itself.</li>
            <li>The offender manager and the NPS hub are told straight away.</li>
            <li>The NPS hub reviews every use. Use without good reason is referred to your line manager.</li>
          </ul>
          {!r.emergencyAvailable ? (
            <p className="govuk-body">Emergency access is not open for this request: it is only for a pending request needed within 4 hours.</p>
          ) : null}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Radios<EmergencyReason>
              id={IDS.reasonCode}
              legend="Why do you need it now?"
              legendClass="govuk-fieldset__legend--m"
              value={reason}
              onChange={setReason}
              error={errorFor(problems, IDS.reasonCode)}
              choices={EMERGENCY_REASONS.map((value) => ({ value, label: EMERGENCY_REASON_LABELS[value] }))}
            />
            <Textarea id={IDS.reasonText} label={reason === 'OTHER' ? 'Explain' : 'Anything the hub should know (optional)'} value={reasonText} onChange={setReasonText} rows={3} error={errorFor(problems, IDS.reasonText)} />
            <TextInput id={IDS.password} label="Your password" hint="To confirm it is you" type="password" value={password} onChange={setPassword} autoComplete="current-password" width="govuk-input--width-20" error={errorFor(problems, IDS.password)} />
            <button type="submit" className="govuk-button govuk-button--warning" disabled={busy} data-testid="open-emergency">
              Open the front sheet now
            </button>
          </form>
        </>
      ) : null}
    </Page>
  );
}
