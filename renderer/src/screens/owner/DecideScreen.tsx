/**
 * Deciding one request, for the offender manager, a deputy or the hub. Approval may narrow the
 * scope, shorten the duration or start later; refusal needs a reason, which the requester reads.
 * The first decision wins: if someone else decided first, their decision is shown.
 */
import { useState, type FormEvent } from 'react';
import { DENY_REASON_CODES, DENY_REASON_LABELS, type DenyReasonCode } from '../../../../shared/contract/vocabulary';
import { SCOPES, SCOPE_LABELS, scopeRank, type Scope } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery, useRefreshViews } from '../../broker/live-query';
import { NotificationBanner, WarningText } from '../../components/Banner';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { Radios, Select, Textarea, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { RequestSummary } from '../../components/RequestSummary';
import { RiskSummaryPanel } from '../../components/RiskSummaryPanel';
import { Timeline } from '../../components/Timeline';
import { formatDateTime, formatDuration, fromLondonInputValue } from '../../format/time';
import { hasRole, useSession } from '../../app/session';
import { href } from '../../app/router';

type Outcome = 'APPROVE' | 'DENY';
const IDS = {
  outcome: 'decision-outcome',
  scope: 'approve-scope',
  durationDays: 'approve-duration',
  durationUnit: 'approve-duration-unit',
  startAt: 'approve-start',
  note: 'approve-note',
  reasonCode: 'deny-reason-code',
  reason: 'deny-reason',
};

export function DecideScreen({ requestId }: { requestId: number }) {
  const { user } = useSession();
  // Under the decider's queue. Not asked for again on a timer: the form is not swept away while a
  // decision is being written; if someone else decides first, sending says so and shows theirs.
  const detail = useLiveQuery('inbox', ['request', requestId], () => call('requests.get', { requestId }), { poll: false });
  const refreshViews = useRefreshViews();
  const r = detail.value?.request;
  const person = useLiveQuery('people', [r?.crn ?? null], () => (r ? call('people.get', { crn: r.crn }) : Promise.resolve({ ok: true as const, value: null })), { poll: false });
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [scope, setScope] = useState<Scope | ''>('');
  const [days, setDays] = useState('');
  const [unit, setUnit] = useState<'DAYS' | 'HOURS'>('DAYS');
  const [start, setStart] = useState('');
  const [note, setNote] = useState('');
  const [reasonCode, setReasonCode] = useState<DenyReasonCode | ''>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const pending = r?.queue !== null && r?.queue !== undefined;
  const maxDays = r ? Math.min(r.durationDays, person.value?.maxDurationDays[r.scope] ?? r.durationDays) : 1;
  const backTo = hasRole(user, 'hub') && !hasRole(user, 'nps-offender-manager') ? '/hub' : '/inbox';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!r) return;
    if (!outcome) return setProblems([{ fieldId: IDS.outcome, message: 'Choose whether to approve or refuse' }]);
    setBusy(true);
    let result;
    if (outcome === 'APPROVE') {
      const found: Problem[] = [];
      const amount = days.trim() === '' ? undefined : Number(days);
      if (amount !== undefined && (!Number.isInteger(amount) || amount < 1)) found.push({ fieldId: IDS.durationDays, message: `Enter the number of ${unit === 'HOURS' ? 'hours' : 'days'} as a whole number` });
      const startAt = start ? fromLondonInputValue(start) : undefined;
      if (startAt === null) found.push({ fieldId: IDS.startAt, message: 'Enter the start as a date and time' });
      setProblems(found);
      if (found.length > 0) return setBusy(false);
      result = await call('requests.approve', {
        requestId,
        ...(scope && scope !== r.scope ? { scope } : {}),
        ...(amount !== undefined ? (unit === 'HOURS' ? { durationHours: amount } : { durationDays: amount }) : {}),
        ...(startAt ? { startAt } : {}),
        ...(note.trim() ? { note } : {}),
      });
    } else {
      if (!reasonCode) {
        setBusy(false);
        return setProblems([{ fieldId: IDS.reasonCode, message: 'Choose the reason for refusing' }]);
      }
      // The reason text is checked by the broker itself: a refusal without one is refused there.
      result = await call('requests.deny', { requestId, reasonCode, reason });
    }
    setBusy(false);
    if (!result.ok) {
      const mapped = problemsFrom(result.error, { scope: IDS.scope, durationDays: IDS.durationDays, startAt: IDS.startAt, note: IDS.note, reason: IDS.reason, reasonCode: IDS.reasonCode });
      const fieldFor: Partial<Record<string, string>> = { DECISION_REASON_REQUIRED: IDS.reason, DECISION_REASON_TOO_SHORT: IDS.reason, DURATION_TOO_SHORT: IDS.durationDays, SCOPE_WIDENED: IDS.scope, DURATION_TOO_LONG: IDS.durationDays, INVALID_START: IDS.startAt };
      const fieldId = fieldFor[result.error.code];
      setProblems(fieldId ? mapped.map((p) => ({ ...p, fieldId })) : mapped);
      if (result.error.code === 'ALREADY_DECIDED') await detail.reload();
      return;
    }
    setProblems([]);
    setDone(result.value.status === 'APPROVED' ? 'Request approved' : 'Request refused');
    // Every screen showing this request, its queues and the requester's lists, is out of date now.
    await refreshViews('inbox', 'hubQueue', 'myRequests', 'myAccess');
  };

  return (
    <Page
      title={r ? `Decide: ${r.personName}` : 'Decide a request'}
      caption={r ? `CRN ${r.crn}` : undefined}
      width="full"
      before={<BackLink href={href(backTo)}>{backTo === '/hub' ? 'Hub queue' : 'Requests to decide'}</BackLink>}
      hasError={problems.length > 0}
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          {done ? <NotificationBanner kind="success" heading={done} focus testId="decision-done" /> : null}
          <LoadProblem error={detail.error} loading={detail.loading && !r} />
          {(detail.value?.emergencyUses ?? []).map((u) => (
            // Whoever decides needs to know the requester had to open the front sheet in an emergency.
            <WarningText key={u.usedAt} testId="emergency-used">
              Emergency safety access was already used on this request: {u.byName} opened the front sheet on {formatDateTime(u.usedAt)}, until {formatDateTime(u.endsAt)}.
            </WarningText>
          ))}
          {r ? <RequestSummary request={r} /> : null}
          {r && pending && r.requesterUserId !== user.userId ? (
            <form onSubmit={(e) => void submit(e)} noValidate data-testid="decision-form">
              <Radios<Outcome>
                id={IDS.outcome}
                legend="Your decision"
                legendClass="govuk-fieldset__legend--m"
                value={outcome}
                onChange={setOutcome}
                error={errorFor(problems, IDS.outcome)}
                choices={[
                  { value: 'APPROVE', label: 'Approve' },
                  { value: 'DENY', label: 'Refuse' },
                ]}
              />
              {outcome === 'APPROVE' ? (
                <>
                  <Radios<Scope>
                    id={IDS.scope}
                    legend="How much of the record?"
                    hint="You may give less than was asked for, never more."
                    value={scope || r.scope}
                    onChange={setScope}
                    small
                    error={errorFor(problems, IDS.scope)}
                    choices={SCOPES.filter((s) => scopeRank(s) <= scopeRank(r.scope)).map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
                  />
                  <TextInput
                    id={IDS.durationDays}
                    label="For how long? (optional)"
                    hint={`As asked: ${formatDuration(r.durationMinutes)}. At most ${maxDays} days. Leave empty to give what was asked, within policy. At least 1 hour.`}
                    inputMode="numeric"
                    width="govuk-input--width-3"
                    value={days}
                    onChange={setDays}
                    error={errorFor(problems, IDS.durationDays)}
                  />
                  <Select id={IDS.durationUnit} label="Days or hours" value={unit} onChange={(v) => setUnit(v === 'HOURS' ? 'HOURS' : 'DAYS')} choices={[{ value: 'DAYS', label: 'days' }, { value: 'HOURS', label: 'hours' }]} />
                  <DateInput withTime id={IDS.startAt} label="Start later (optional)" hint="London time. Leave empty to start now." value={start} onChange={setStart} error={errorFor(problems, IDS.startAt)} />
                  <Textarea id={IDS.note} label="Note to the requester (optional)" value={note} onChange={setNote} rows={3} error={errorFor(problems, IDS.note)} />
                </>
              ) : null}
              {outcome === 'DENY' ? (
                <>
                  <Radios<DenyReasonCode>
                    id={IDS.reasonCode}
                    legend="Why are you refusing?"
                    value={reasonCode}
                    onChange={setReasonCode}
                    small
                    error={errorFor(problems, IDS.reasonCode)}
                    choices={DENY_REASON_CODES.map((c) => ({ value: c, label: DENY_REASON_LABELS[c] }))}
                  />
                  <Textarea id={IDS.reason} label="Reason for the requester" hint="The requester reads this and may ask for a review of the refusal. Write it in full (at least 20 characters, not counting spaces) and say what would make a new request succeed, if anything." value={reason} onChange={setReason} rows={4} error={errorFor(problems, IDS.reason)} />
                </>
              ) : null}
              <button type="submit" className="govuk-button" disabled={busy} data-testid="submit-decision">
                Send decision
              </button>
            </form>
          ) : null}
          {r ? (
            <>
              <h2 className="govuk-heading-m">History</h2>
              <Timeline events={detail.value?.history ?? []} />
            </>
          ) : null}
        </div>
        <div className="govuk-grid-column-one-third">
          {person.value?.risk ? <RiskSummaryPanel risk={person.value.risk} heading="Risk summary" /> : null}
          {r?.overdue ? (
            <p className="govuk-body govuk-!-margin-top-4">
              <strong className="govuk-tag govuk-tag--red">Overdue</strong> The deadline has passed: the NPS hub can decide this too. The first decision stands.
            </p>
          ) : null}
        </div>
      </div>
    </Page>
  );
}
