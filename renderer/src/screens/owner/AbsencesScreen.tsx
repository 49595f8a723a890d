/**
 * An offender manager's absences and deputies. While they are away, requests for their cases go to
 * an active deputy, or to the NPS hub when there is none.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { ABSENCE_KINDS, type AbsenceKind } from '../../../../shared/domain/organisation';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { instantInput, useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { Radios } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { formatDateTime } from '../../format/time';
import { useCoreNow } from '../../app/core-clock';
import { DeputyForm } from './DeputyForm';

export const ABSENCE_LABELS: Record<AbsenceKind, string> = { LEAVE: 'Leave', SICKNESS: 'Sickness', TRAINING: 'Training' };

interface AbsenceAnswers {
  kind: AbsenceKind | '';
  start: string;
  end: string;
}
const NO_ABSENCE: AbsenceAnswers = { kind: '', start: '', end: '' };

const FIELDS: FormFields = {
  kind: { id: 'absence-kind', label: 'Kind of absence' },
  startAt: { id: 'absence-start', label: 'From' },
  endAt: { id: 'absence-end', label: 'Until' },
};

export function AbsencesScreen() {
  const absences = useLiveQuery('absences', ['absences'], () => call('caseload.listAbsences', {}));
  const deputies = useLiveQuery('absences', ['deputies'], () => call('caseload.listDeputies', {}));
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['caseload.recordAbsence'].input,
    toInput: (v: AbsenceAnswers) => ({ kind: v.kind || undefined, startAt: instantInput(v.start), endAt: instantInput(v.end) }),
    fields: FIELDS,
    defaultValues: NO_ABSENCE,
  });
  const [message, setMessage] = useState<string | null>(null);
  const now = useCoreNow(60_000);

  const record = onSubmit(async (input) => {
    const result = await call('caseload.recordAbsence', input);
    if (!result.ok) return refuse(result.error);
    setMessage('Absence recorded. Requests for your cases during it go to your deputy, or to the NPS hub.');
    form.reset(NO_ABSENCE);
    await absences.reload();
  });

  const cancel = async (absenceId: string) => {
    const result = await call('caseload.cancelAbsence', { absenceId });
    if (!result.ok) return refuse(result.error);
    setMessage('Absence removed.');
    await absences.reload();
  };

  const endDeputy = async (deputyId: string) => {
    const result = await call('caseload.endDeputy', { deputyId });
    if (!result.ok) return refuse(result.error);
    setMessage('Deputy arrangement ended.');
    await deputies.reload();
  };

  return (
    <Page title="Absences and deputies" width="full" hasError={problems.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          {message ? <NotificationBanner kind="success" heading={message} focus /> : null}
          <h2 className="govuk-heading-m">Your absences</h2>
          <LoadProblem error={absences.error} loading={absences.loading && !absences.value} />
          {absences.value && absences.value.length === 0 ? <p className="govuk-body">No absences recorded.</p> : null}
          {absences.value && absences.value.length > 0 ? (
            <table className="govuk-table" data-testid="absences">
              <caption className="govuk-table__caption govuk-visually-hidden">Your absences</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Kind</th>
                  <th scope="col" className="govuk-table__header">From</th>
                  <th scope="col" className="govuk-table__header">Until</th>
                  <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {absences.value.map((a) => (
                  <tr className="govuk-table__row" key={a.id}>
                    <td className="govuk-table__cell">{ABSENCE_LABELS[a.kind]}</td>
                    <td className="govuk-table__cell">{formatDateTime(a.startAt)}</td>
                    <td className="govuk-table__cell">{formatDateTime(a.endAt)}</td>
                    <td className="govuk-table__cell">
                      <button type="button" className="rab-link-button" onClick={() => void cancel(a.id)}>
                        Remove<span className="govuk-visually-hidden"> the absence from {formatDateTime(a.startAt)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <form onSubmit={record} noValidate>
            <h3 className="govuk-heading-s">Record an absence</h3>
            <Controller
              control={form.control}
              name="kind"
              render={({ field }) => (
                <Radios<AbsenceKind> id="absence-kind" legend="Kind of absence" value={field.value} onChange={field.onChange} small error={errorFor(problems, 'absence-kind')} choices={ABSENCE_KINDS.map((k) => ({ value: k, label: ABSENCE_LABELS[k] }))} />
              )}
            />
            <Controller control={form.control} name="start" render={({ field }) => <DateInput withTime id="absence-start" label="From" hint="London time" value={field.value} onChange={field.onChange} error={errorFor(problems, 'absence-start')} />} />
            <Controller control={form.control} name="end" render={({ field }) => <DateInput withTime id="absence-end" label="Until" value={field.value} onChange={field.onChange} error={errorFor(problems, 'absence-end')} />} />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Record absence
            </button>
          </form>

          <h2 className="govuk-heading-m">Your deputies</h2>
          <LoadProblem error={deputies.error} loading={deputies.loading && !deputies.value} />
          {deputies.value ? (
            <>
              {deputies.value.myDeputies.length === 0 ? <p className="govuk-body">You have not named a deputy.</p> : null}
              <ul className="govuk-list" data-testid="my-deputies">
                {deputies.value.myDeputies.map((d) => (
                  <li key={d.id}>
                    <strong>{d.deputyName}</strong> ({d.deputyStaffCode}) from {formatDateTime(d.startAt)}
                    {d.endAt !== null ? ` until ${formatDateTime(d.endAt)}` : ''}{' '}
                    {d.active ? <strong className="govuk-tag govuk-tag--green">Standing in</strong> : <strong className="govuk-tag govuk-tag--grey">Not active</strong>}{' '}
                    {d.endAt === null || d.endAt > now ? (
                      <button type="button" className="rab-link-button" onClick={() => void endDeputy(d.id)}>
                        End now<span className="govuk-visually-hidden"> for {d.deputyName}</span>
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
              <DeputyForm onAdded={() => void deputies.reload()} />
              <h2 className="govuk-heading-m">People you deputise for</h2>
              {deputies.value.iDeputiseFor.length === 0 ? <p className="govuk-body">Nobody has named you as their deputy.</p> : null}
              <ul className="govuk-list">
                {deputies.value.iDeputiseFor.map((d) => (
                  <li key={d.id}>
                    <strong>{d.staffName}</strong> ({d.staffCode}) {d.active ? <strong className="govuk-tag govuk-tag--green">You are standing in</strong> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </Page>
  );
}
