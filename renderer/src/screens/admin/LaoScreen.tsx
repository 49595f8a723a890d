/**
 * Limited access offender lists: exclusions (a member of staff may never see a person) and
 * restrictions (only the listed staff may see a person). Checked on every read.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { LAO_LIST_KINDS, type LaoListKind } from '../../../../shared/contract/vocabulary';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { instantInput, useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { Radios, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { coreNow } from '../../app/core-clock';
import { formatDateTime, toLondonInputValue } from '../../format/time';

const KIND_LABELS: Record<LaoListKind, string> = { EXCLUSION: 'Exclusion', RESTRICTION: 'Restriction (allow-list)' };
const IDS = { kind: 'lao-kind', crn: 'lao-crn', staffCode: 'lao-staff', startAt: 'lao-start', endAt: 'lao-end', reason: 'lao-reason', message: 'lao-message', confirmPassword: 'confirm-password' };
const FIELDS: FormFields = {
  kind: { id: IDS.kind, label: 'Kind' },
  crn: { id: IDS.crn, label: 'CRN' },
  staffCode: { id: IDS.staffCode, label: 'Staff code' },
  startAt: { id: IDS.startAt, label: 'From' },
  endAt: { id: IDS.endAt, label: 'Until' },
  reason: { id: IDS.reason, label: 'Reason' },
  message: { id: IDS.message, label: 'Message staff will see' },
  confirmPassword: { id: IDS.confirmPassword, label: 'Your password' },
};
const FILTER_FIELDS: FormFields = { crn: { id: 'lao-filter', label: 'CRN' } };

interface LaoAnswers {
  kind: LaoListKind | '';
  crn: string;
  staffCode: string;
  start: string;
  end: string;
  reason: string;
  message: string;
  confirmPassword: string;
}

/** Codes are capitals however they are typed; an empty box is left for the contract to name. */
const code = (typed: string): string | undefined => (typed.trim() ? typed.trim().toUpperCase() : undefined);

export function LaoScreen() {
  const [applied, setApplied] = useState<{ crn?: string }>({});
  const list = useLiveQuery('admin', ['lao', applied], () => call('admin.listLao', { limit: 500, ...applied }));
  const filter = useContractForm({
    schema: CONTRACT['admin.listLao'].input,
    toInput: (v: { crn: string }) => ({ limit: 500, ...(code(v.crn) ? { crn: code(v.crn) } : {}) }),
    fields: FILTER_FIELDS,
    defaultValues: { crn: '' },
  });
  const entry = useContractForm({
    schema: CONTRACT['admin.addLao'].input,
    toInput: (v: LaoAnswers) => ({
      confirmPassword: v.confirmPassword,
      kind: v.kind || undefined,
      crn: code(v.crn),
      staffCode: code(v.staffCode),
      startAt: instantInput(v.start),
      endAt: instantInput(v.end) ?? null,
      reason: v.reason,
      message: v.message,
    }),
    fields: FIELDS,
    defaultValues: { kind: '', crn: '', staffCode: '', start: toLondonInputValue(coreNow()), end: '', reason: '', message: '', confirmPassword: '' },
  });
  const problems = [...filter.problems, ...entry.problems];
  const [done, setDone] = useState<string | null>(null);

  const applyFilter = filter.onSubmit((input) => {
    setApplied(input.crn ? { crn: input.crn } : {});
    return Promise.resolve();
  });

  const add = entry.onSubmit(async (input) => {
    const result = await call('admin.addLao', input);
    entry.form.setValue('confirmPassword', '');
    if (!result.ok) return entry.refuse(result.error);
    setDone(`${KIND_LABELS[result.value.kind]} added for ${result.value.staffName} on ${result.value.crn}.`);
    await list.reload();
  });

  // Ending an entry is confirmed with the password typed in the form below.
  const end = async (kind: LaoListKind, id: string) => {
    const password = entry.form.getValues('confirmPassword');
    if (!password) return entry.refuse([{ fieldId: IDS.confirmPassword, message: 'Enter your password below to end an entry' }]);
    const result = await call('admin.endLao', { confirmPassword: password, kind, id });
    entry.form.setValue('confirmPassword', '');
    if (!result.ok) return entry.refuse(result.error);
    setDone('Entry ended.');
    await list.reload();
  };

  const rows = list.value?.rows ?? [];
  return (
    <Page title="Limited access lists" width="full" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {done ? <NotificationBanner kind="success" heading={done} focus /> : null}
      <form className="rab-filters" aria-label="Filter by person" onSubmit={applyFilter} noValidate>
        <Controller control={filter.form.control} name="crn" render={({ field }) => <TextInput id="lao-filter" label="CRN" width="govuk-input--width-10" value={field.value} onChange={field.onChange} spellCheck={false} error={errorFor(problems, 'lao-filter')} />} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
          Filter
        </button>
      </form>
      <LoadProblem error={list.error} loading={list.loading && !list.value} />
      <table className="govuk-table" data-testid="lao-entries">
        <caption className="govuk-table__caption govuk-visually-hidden">Limited access entries</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Person</th>
            <th scope="col" className="govuk-table__header">Kind</th>
            <th scope="col" className="govuk-table__header">Staff</th>
            <th scope="col" className="govuk-table__header">From</th>
            <th scope="col" className="govuk-table__header">Reason</th>
            <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Action</span></th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((e) => (
            <tr className="govuk-table__row" key={`${e.kind}-${e.id}`}>
              <td className="govuk-table__cell">{e.crn}</td>
              <td className="govuk-table__cell">{KIND_LABELS[e.kind]}</td>
              <td className="govuk-table__cell">
                {e.staffName} ({e.staffCode})
              </td>
              <td className="govuk-table__cell">
                {formatDateTime(e.startAt)}
                {e.endAt !== null ? ` to ${formatDateTime(e.endAt)}` : ''}
              </td>
              <td className="govuk-table__cell">{e.reason}</td>
              <td className="govuk-table__cell">
                {e.active ? (
                  <button type="button" className="rab-link-button rab-nowrap" onClick={() => void end(e.kind, e.id)}>
                    End now<span className="govuk-visually-hidden"> the entry for {e.staffName}</span>
                  </button>
                ) : (
                  <strong className="govuk-tag govuk-tag--grey">Ended</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="govuk-grid-row">
        <form className="govuk-grid-column-two-thirds" onSubmit={add} noValidate>
          <h2 className="govuk-heading-m">Add an entry</h2>
          <Controller
            control={entry.form.control}
            name="kind"
            render={({ field }) => <Radios<LaoListKind> id={IDS.kind} legend="Kind" value={field.value} onChange={field.onChange} error={errorFor(problems, IDS.kind)} choices={LAO_LIST_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />}
          />
          <Controller control={entry.form.control} name="crn" render={({ field }) => <TextInput id={IDS.crn} label="CRN" width="govuk-input--width-10" value={field.value} onChange={field.onChange} spellCheck={false} error={errorFor(problems, IDS.crn)} />} />
          <Controller control={entry.form.control} name="staffCode" render={({ field }) => <TextInput id={IDS.staffCode} label="Staff code" width="govuk-input--width-10" value={field.value} onChange={field.onChange} spellCheck={false} error={errorFor(problems, IDS.staffCode)} />} />
          <Controller control={entry.form.control} name="start" render={({ field }) => <DateInput withTime id={IDS.startAt} label="From" value={field.value} onChange={field.onChange} error={errorFor(problems, IDS.startAt)} />} />
          <Controller control={entry.form.control} name="end" render={({ field }) => <DateInput withTime id={IDS.endAt} label="Until (optional)" value={field.value} onChange={field.onChange} error={errorFor(problems, IDS.endAt)} />} />
          <Controller control={entry.form.control} name="reason" render={({ field }) => <TextInput id={IDS.reason} label="Reason (for administrators)" value={field.value} onChange={field.onChange} error={errorFor(problems, IDS.reason)} />} />
          <Controller control={entry.form.control} name="message" render={({ field }) => <TextInput id={IDS.message} label="Message staff will see" value={field.value} onChange={field.onChange} error={errorFor(problems, IDS.message)} />} />
          <Controller control={entry.form.control} name="confirmPassword" render={({ field }) => <ConfirmPassword value={field.value} onChange={field.onChange} error={errorFor(problems, IDS.confirmPassword)} />} />
          <button type="submit" className="govuk-button">
            Add entry
          </button>
        </form>
      </div>
    </Page>
  );
}
