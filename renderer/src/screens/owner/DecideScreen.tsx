/**
 * Deciding one request, for the offender manager, a deputy or the hub. Approval may narrow the
 * scope, shorten the duration or start later; refusal needs a reason, which the requester reads.
 * The first decision wins: if someone else decided first, their decision is shown.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { CONTRACT } from '../../../../shared/contract';
import { DENY_REASON_CODES, DENY_REASON_LABELS, type DenyReasonCode } from '../../../../shared/contract/vocabulary';
import { SCOPES, SCOPE_LABELS, scopeRank, type Scope } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery, useRefreshViews } from '../../broker/live-query';
import { NotificationBanner, WarningText } from '../../components/Banner';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
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
import { durationInput, type DurationUnit } from '../practitioner/duration-input';

type Outcome = 'APPROVE' | 'DENY';

interface DecisionAnswers {
  outcome: Outcome | '';
  scope: Scope | '';
  amount: string;
  unit: DurationUnit;
  start: string;
  note: string;
  reasonCode: DenyReasonCode | '';
  reason: string;
}

const APPROVE = CONTRACT['requests.approve'].input;
const DENY = CONTRACT['requests.deny'].input;
/** Approve or refuse: the one question of the form that is not a channel's input. */
const CHOOSE = z.object({ outcome: z.enum(['APPROVE', 'DENY']) });
type Decision = z.output<typeof APPROVE> | z.output<typeof DENY>;

const DURATION = { id: 'approve-duration', label: 'How long' };
const FIELDS: FormFields = {
  outcome: { id: 'decision-outcome', label: 'Your decision' },
  scope: { id: 'approve-scope', label: 'How much of the record' },
  durationDays: DURATION,
  durationHours: DURATION,
  startAt: { id: 'approve-start', label: 'Start later' },
  note: { id: 'approve-note', label: 'Note to the requester' },
  reasonCode: { id: 'deny-reason-code', label: 'Why you are refusing' },
  reason: { id: 'deny-reason', label: 'Reason for the requester' },
};
const ID = Object.fromEntries(Object.entries(FIELDS).map(([name, f]) => [name, f.id])) as Record<keyof typeof FIELDS, string>;

/** Refusals the broker words for one answer, by their code. */
const FIELD_FOR_CODE: Partial<Record<string, string>> = {
  DECISION_REASON_REQUIRED: 'deny-reason',
  DECISION_REASON_TOO_SHORT: 'deny-reason',
  DURATION_TOO_SHORT: DURATION.id,
  DURATION_TOO_LONG: DURATION.id,
  SCOPE_WIDENED: 'approve-scope',
  INVALID_START: 'approve-start',
};

/** The answers as the channel's input: only what the decider changed from what was asked. */
function decisionInput(requestId: number, askedScope: Scope | undefined, v: DecisionAnswers): unknown {
  if (v.outcome === 'DENY') return { requestId, reasonCode: v.reasonCode || undefined, reason: v.reason };
  if (v.outcome !== 'APPROVE') return { outcome: v.outcome };
  // A start given but impossible (31 February) is passed on as such, so the form says so.
  const startAt = v.start ? (fromLondonInputValue(v.start) ?? Number.NaN) : undefined;
  return {
    requestId,
    ...(v.scope && v.scope !== askedScope ? { scope: v.scope } : {}),
    ...(v.amount.trim() ? durationInput(v.amount, v.unit) : {}),
    ...(startAt !== undefined ? { startAt } : {}),
    ...(v.note.trim() ? { note: v.note } : {}),
  };
}

export function DecideScreen({ requestId }: { requestId: number }) {
  const { user } = useSession();
  // Under the decider's queue. Not asked for again on a timer: the form is not swept away while a
  // decision is being written; if someone else decides first, sending says so and shows theirs.
  const detail = useLiveQuery('inbox', ['request', requestId], () => call('requests.get', { requestId }), { poll: false });
  const refreshViews = useRefreshViews();
  const r = detail.value?.request;
  const person = useLiveQuery('people', [r?.crn ?? null], () => (r ? call('people.get', { crn: r.crn }) : Promise.resolve({ ok: true as const, value: null })), { poll: false });
  const { form, problems, refuse, onSubmit } = useContractForm<DecisionAnswers, Decision | z.output<typeof CHOOSE>>({
    schema: (v) => (v.outcome === 'APPROVE' ? APPROVE : v.outcome === 'DENY' ? DENY : CHOOSE),
    toInput: (v) => decisionInput(requestId, r?.scope, v),
    fields: FIELDS,
    defaultValues: { outcome: '', scope: '', amount: '', unit: 'DAYS', start: '', note: '', reasonCode: '', reason: '' },
  });
  const outcome = form.watch('outcome');
  const [done, setDone] = useState<string | null>(null);

  const pending = r?.queue !== null && r?.queue !== undefined;
  const maxDays = r ? Math.min(r.durationDays, person.value?.maxDurationDays[r.scope] ?? r.durationDays) : 1;
  const backTo = hasRole(user, 'hub') && !hasRole(user, 'nps-offender-manager') ? '/hub' : '/inbox';

  const submit = onSubmit(async (input) => {
    if (!r || !('requestId' in input)) return;
    const result = 'reasonCode' in input ? await call('requests.deny', input) : await call('requests.approve', input);
    if (!result.ok) {
      const fieldId = FIELD_FOR_CODE[result.error.code];
      refuse(fieldId ? problemsFrom(result.error, FIELDS).map((p) => ({ ...p, fieldId })) : result.error);
      if (result.error.code === 'ALREADY_DECIDED') await detail.reload();
      return;
    }
    setDone(result.value.status === 'APPROVED' ? 'Request approved' : 'Request refused');
    // Every screen showing this request, its queues and the requester's lists, is out of date now.
    await refreshViews('inbox', 'hubQueue', 'myRequests', 'myAccess');
  });

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
            <form onSubmit={submit} noValidate data-testid="decision-form">
              <Controller
                control={form.control}
                name="outcome"
                render={({ field }) => (
                  <Radios<Outcome>
                    id={ID.outcome!}
                    legend="Your decision"
                    legendClass="govuk-fieldset__legend--m"
                    value={field.value}
                    onChange={field.onChange}
                    error={errorFor(problems, ID.outcome!)}
                    choices={[
                      { value: 'APPROVE', label: 'Approve' },
                      { value: 'DENY', label: 'Refuse' },
                    ]}
                  />
                )}
              />
              {outcome === 'APPROVE' ? (
                <>
                  <Controller
                    control={form.control}
                    name="scope"
                    render={({ field }) => (
                      <Radios<Scope>
                        id={ID.scope!}
                        legend="How much of the record?"
                        hint="You may give less than was asked for, never more."
                        value={field.value || r.scope}
                        onChange={field.onChange}
                        small
                        error={errorFor(problems, ID.scope!)}
                        choices={SCOPES.filter((s) => scopeRank(s) <= scopeRank(r.scope)).map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
                      />
                    )}
                  />
                  <Controller
                    control={form.control}
                    name="amount"
                    render={({ field }) => (
                      <TextInput
                        id={DURATION.id}
                        label="For how long? (optional)"
                        hint={`As asked: ${formatDuration(r.durationMinutes)}. At most ${maxDays} days. Leave empty to give what was asked, within policy. At least 1 hour.`}
                        inputMode="numeric"
                        width="govuk-input--width-3"
                        value={field.value}
                        onChange={field.onChange}
                        error={errorFor(problems, DURATION.id)}
                      />
                    )}
                  />
                  <Controller
                    control={form.control}
                    name="unit"
                    render={({ field }) => (
                      <Select id="approve-duration-unit" label="Days or hours" value={field.value} onChange={(v) => field.onChange(v === 'HOURS' ? 'HOURS' : 'DAYS')} choices={[{ value: 'DAYS', label: 'days' }, { value: 'HOURS', label: 'hours' }]} />
                    )}
                  />
                  <Controller
                    control={form.control}
                    name="start"
                    render={({ field }) => (
                      <DateInput withTime id={ID.startAt!} label="Start later (optional)" hint="London time. Leave empty to start now." value={field.value} onChange={field.onChange} error={errorFor(problems, ID.startAt!)} />
                    )}
                  />
                  <Controller
                    control={form.control}
                    name="note"
                    render={({ field }) => <Textarea id={ID.note!} label="Note to the requester (optional)" value={field.value} onChange={field.onChange} rows={3} error={errorFor(problems, ID.note!)} />}
                  />
                </>
              ) : null}
              {outcome === 'DENY' ? (
                <>
                  <Controller
                    control={form.control}
                    name="reasonCode"
                    render={({ field }) => (
                      <Radios<DenyReasonCode>
                        id={ID.reasonCode!}
                        legend="Why are you refusing?"
                        value={field.value}
                        onChange={field.onChange}
                        small
                        error={errorFor(problems, ID.reasonCode!)}
                        choices={DENY_REASON_CODES.map((c) => ({ value: c, label: DENY_REASON_LABELS[c] }))}
                      />
                    )}
                  />
                  <Controller
                    control={form.control}
                    name="reason"
                    render={({ field }) => (
                      <Textarea
                        id={ID.reason!}
                        label="Reason for the requester"
                        hint="The requester reads this and may ask for a review of the refusal. Write it in full (at least 20 characters, not counting spaces) and say what would make a new request succeed, if anything."
                        value={field.value}
                        onChange={field.onChange}
                        rows={4}
                        error={errorFor(problems, ID.reason!)}
                      />
                    )}
                  />
                </>
              ) : null}
              <button type="submit" className="govuk-button" disabled={form.formState.isSubmitting} data-testid="submit-decision">
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
