/**
 * Limited access offender lists: exclusions (a member of staff may never see a person) and
 * restrictions (only the listed staff may see a person). Checked on every read.
 */
import { useState, type FormEvent } from 'react';
import { LAO_LIST_KINDS, type LaoListKind } from '../../../../shared/contract/vocabulary';
import { CRN_PATTERN } from '../../../../shared/domain/identifiers';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { Radios, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { coreNow } from '../../app/core-clock';
import { formatDateTime, fromLondonInputValue, toLondonInputValue } from '../../format/time';

const KIND_LABELS: Record<LaoListKind, string> = { EXCLUSION: 'Exclusion', RESTRICTION: 'Restriction (allow-list)' };
const IDS = { kind: 'lao-kind', crn: 'lao-crn', staffCode: 'lao-staff', startAt: 'lao-start', endAt: 'lao-end', reason: 'lao-reason', message: 'lao-message', confirmPassword: 'confirm-password' };

export function LaoScreen() {
  const [crnFilter, setCrnFilter] = useState('');
  const [applied, setApplied] = useState('');
  const list = useLiveQuery('admin', ['lao', applied], () => call('admin.listLao', { limit: 500, ...(CRN_PATTERN.test(applied) ? { crn: applied } : {}) }));
  const [form, setForm] = useState({ kind: '' as LaoListKind | '', crn: '', staffCode: '', start: toLondonInputValue(coreNow()), end: '', reason: '', message: '' });
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const startAt = fromLondonInputValue(form.start);
    const endAt = form.end ? fromLondonInputValue(form.end) : null;
    const found: Problem[] = [];
    if (!form.kind) found.push({ fieldId: IDS.kind, message: 'Choose exclusion or restriction' });
    if (!CRN_PATTERN.test(form.crn.trim().toUpperCase())) found.push({ fieldId: IDS.crn, message: 'Enter a CRN: a letter and six digits, like X320741' });
    if (!form.staffCode.trim()) found.push({ fieldId: IDS.staffCode, message: 'Enter the staff code' });
    if (startAt === null) found.push({ fieldId: IDS.startAt, message: 'Enter when it starts' });
    if (form.end && endAt === null) found.push({ fieldId: IDS.endAt, message: 'Enter the end as a date and time, or leave it empty' });
    if (!form.reason.trim()) found.push({ fieldId: IDS.reason, message: 'Enter the reason' });
    if (!form.message.trim()) found.push({ fieldId: IDS.message, message: 'Enter the message staff will see' });
    if (!confirm) found.push({ fieldId: IDS.confirmPassword, message: 'Enter your password to confirm' });
    setProblems(found);
    if (found.length > 0 || !form.kind || startAt === null) return;
    const result = await call('admin.addLao', {
      confirmPassword: confirm,
      kind: form.kind,
      crn: form.crn.trim().toUpperCase(),
      staffCode: form.staffCode.trim().toUpperCase(),
      startAt,
      endAt,
      reason: form.reason,
      message: form.message,
    });
    setConfirm('');
    if (!result.ok) return setProblems(problemsFrom(result.error, IDS));
    setProblems([]);
    setDone(`${KIND_LABELS[result.value.kind]} added for ${result.value.staffName} on ${result.value.crn}.`);
    await list.reload();
  };

  const end = async (kind: LaoListKind, id: string) => {
    const password = confirm;
    if (!password) return setProblems([{ fieldId: IDS.confirmPassword, message: 'Enter your password below to end an entry' }]);
    const result = await call('admin.endLao', { confirmPassword: password, kind, id });
    setConfirm('');
    if (!result.ok) return setProblems(problemsFrom(result.error));
    setDone('Entry ended.');
    await list.reload();
  };

  const rows = list.value?.rows ?? [];
  return (
    <Page title="Limited access lists" width="full" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {done ? <NotificationBanner kind="success" heading={done} focus /> : null}
      <form
        className="rab-filters"
        aria-label="Filter by person"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(crnFilter.trim().toUpperCase());
        }}
      >
        <TextInput id="lao-filter" label="CRN" width="govuk-input--width-10" value={crnFilter} onChange={setCrnFilter} spellCheck={false} />
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
        <form className="govuk-grid-column-two-thirds" onSubmit={(e) => void add(e)} noValidate>
          <h2 className="govuk-heading-m">Add an entry</h2>
          <Radios<LaoListKind> id={IDS.kind} legend="Kind" value={form.kind} onChange={(k) => setForm({ ...form, kind: k })} error={errorFor(problems, IDS.kind)} choices={LAO_LIST_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
          <TextInput id={IDS.crn} label="CRN" width="govuk-input--width-10" value={form.crn} onChange={set('crn')} spellCheck={false} error={errorFor(problems, IDS.crn)} />
          <TextInput id={IDS.staffCode} label="Staff code" width="govuk-input--width-10" value={form.staffCode} onChange={set('staffCode')} spellCheck={false} error={errorFor(problems, IDS.staffCode)} />
          <DateInput withTime id={IDS.startAt} label="From" value={form.start} onChange={set('start')} error={errorFor(problems, IDS.startAt)} />
          <DateInput withTime id={IDS.endAt} label="Until (optional)" value={form.end} onChange={set('end')} error={errorFor(problems, IDS.endAt)} />
          <TextInput id={IDS.reason} label="Reason (for administrators)" value={form.reason} onChange={set('reason')} error={errorFor(problems, IDS.reason)} />
          <TextInput id={IDS.message} label="Message staff will see" value={form.message} onChange={set('message')} error={errorFor(problems, IDS.message)} />
          <ConfirmPassword value={confirm} onChange={setConfirm} error={errorFor(problems, IDS.confirmPassword)} />
          <button type="submit" className="govuk-button">
            Add entry
          </button>
        </form>
      </div>
    </Page>
  );
}
