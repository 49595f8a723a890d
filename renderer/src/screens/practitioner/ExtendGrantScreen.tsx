/** Ask to extend access you hold: routed like a new request; the new access starts when this ends. */
import { useState, type FormEvent } from 'react';
import { scopeInSentence, URGENCIES, URGENCY_LABELS, type Urgency } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLoad } from '../../broker/use-load';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Radios, Select, Textarea, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { formatDateTime } from '../../format/time';
import { href, navigate } from '../../app/router';

const IDS = { durationDays: 'extend-duration', justification: 'extend-justification', urgency: 'extend-urgency' };

export function ExtendGrantScreen({ grantId }: { grantId: number }) {
  const grant = useLoad(() => call('grants.get', { grantId }), [grantId]);
  const [days, setDays] = useState('');
  const [unit, setUnit] = useState<'DAYS' | 'HOURS'>('DAYS');
  const [justification, setJustification] = useState('');
  const [urgency, setUrgency] = useState<Urgency | ''>('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const g = grant.value;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!/^\d+$/.test(days.trim()) || Number(days) < 1) found.push({ fieldId: IDS.durationDays, message: `Enter for how many more ${unit === 'HOURS' ? 'hours' : 'days'}, as a whole number` });
    if (!justification.trim()) found.push({ fieldId: IDS.justification, message: 'Explain why you need longer' });
    if (!urgency) found.push({ fieldId: IDS.urgency, message: 'Choose how soon you need a decision' });
    setProblems(found);
    if (found.length > 0 || !urgency) return;
    const result = await call('grants.requestExtension', { grantId, ...(unit === 'HOURS' ? { durationHours: Number(days) } : { durationDays: Number(days) }), justification, urgency });
    if (!result.ok) return setProblems(problemsFrom(result.error, IDS));
    navigate(`/requests/${result.value.id}`, { sent: 1 });
  };

  return (
    <Page title="Ask to extend access" caption={g ? `${g.personName} (${g.crn})` : undefined} before={<BackLink href={href('/grants')}>My access</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <LoadProblem error={grant.error} loading={grant.loading && !g} />
      {g ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p className="govuk-body">
            You can read the {scopeInSentence(g.scope)} until {formatDateTime(g.endAt)}. An extension goes to the offender manager like a new request and starts when this access ends.
          </p>
          <TextInput id={IDS.durationDays} label="For how much longer?" hint="A whole number of days or hours (at least 1 hour)." inputMode="numeric" width="govuk-input--width-3" value={days} onChange={setDays} error={errorFor(problems, IDS.durationDays)} />
          <Select id="extend-duration-unit" label="Days or hours" value={unit} onChange={(v) => setUnit(v === 'HOURS' ? 'HOURS' : 'DAYS')} choices={[{ value: 'DAYS', label: 'days' }, { value: 'HOURS', label: 'hours' }]} />
          <Textarea id={IDS.justification} label="Why do you need longer?" value={justification} onChange={setJustification} error={errorFor(problems, IDS.justification)} />
          <Radios<Urgency> id={IDS.urgency} legend="How soon do you need a decision?" value={urgency} onChange={setUrgency} error={errorFor(problems, IDS.urgency)} choices={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} />
          <button type="submit" className="govuk-button">
            Send request
          </button>
        </form>
      ) : null}
    </Page>
  );
}
