/**
 * The audit log: every sign-in, request, decision, revocation, read and admin change, newest first,
 * filtered by person, actor or action. The hash chain can be verified from the first event, and a
 * time range exported as CSV.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { AuditVerification } from '../../../../shared/contract/admin';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { instantInput, useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { auditSentence, actorName } from '../../format/audit-sentence';
import { formatDateTime } from '../../format/time';
import { href } from '../../app/router';
import { BackupsPanel } from './BackupsPanel';

const PAGE = 100;

interface AuditFilters {
  crn: string;
  actor: string;
  action: string;
}
const NO_FILTERS: AuditFilters = { crn: '', actor: '', action: '' };
const FILTER_FIELDS: FormFields = { crn: { id: 'audit-crn', label: 'CRN' }, actor: { id: 'audit-actor', label: 'Actor' }, action: { id: 'audit-action', label: 'Action' } };
/** A filter left empty is no filter; a CRN is read in capitals however it is typed. */
const filterInput = (f: AuditFilters) => ({
  limit: PAGE,
  offset: 0,
  ...(f.crn.trim() ? { crn: f.crn.trim().toUpperCase() } : {}),
  ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
  ...(f.action.trim() ? { action: f.action.trim() } : {}),
});

interface ExportAnswers {
  from: string;
  to: string;
  confirmPassword: string;
}
const EXPORT_FIELDS: FormFields = { from: { id: 'export-from', label: 'From' }, to: { id: 'export-to', label: 'To' }, confirmPassword: { id: 'confirm-password', label: 'Your password' } };

export function AuditScreen() {
  const filters = useContractForm({ schema: CONTRACT['admin.auditList'].input, toInput: filterInput, fields: FILTER_FIELDS, defaultValues: NO_FILTERS });
  const [applied, setApplied] = useState(filterInput(NO_FILTERS));
  const [offset, setOffset] = useState(0);
  const events = useLiveQuery('admin', ['audit', applied, offset], () => call('admin.auditList', { ...applied, offset }), { keepPrevious: true });
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const exporting = useContractForm({
    schema: CONTRACT['admin.auditExport'].input,
    toInput: (v: ExportAnswers) => ({ confirmPassword: v.confirmPassword, from: instantInput(v.from), to: instantInput(v.to) }),
    fields: EXPORT_FIELDS,
    defaultValues: { from: '', to: '', confirmPassword: '' },
  });
  const problems = [...filters.problems, ...exporting.problems];
  const [download, setDownload] = useState<{ url: string; filename: string; rows: number } | null>(null);

  const verify = async () => {
    setVerifying(true);
    const result = await call('admin.auditVerify', {});
    setVerifying(false);
    if (!result.ok) return exporting.refuse(result.error);
    setVerification(result.value);
  };

  const filter = filters.onSubmit((input) => {
    setOffset(0);
    setApplied(input);
    return Promise.resolve();
  });

  const exportCsv = exporting.onSubmit(async (input) => {
    const result = await call('admin.auditExport', input);
    exporting.form.setValue('confirmPassword', '');
    if (!result.ok) return exporting.refuse(result.error);
    if (download) URL.revokeObjectURL(download.url);
    const url = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv' }));
    setDownload({ url, filename: result.value.filename, rows: result.value.rows });
  });

  const rows = events.value?.rows ?? [];
  const total = events.value?.total ?? 0;
  const names = events.value?.names ?? { users: {}, people: {} };
  return (
    <Page title="Audit" width="full" hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {verification ? (
            verification.ok ? (
              <NotificationBanner kind="success" heading={`The audit chain is intact: ${verification.checked.toLocaleString('en-GB')} events checked.`} focus testId="audit-verified" />
            ) : (
              <NotificationBanner title="Audit chain broken" heading={`The chain breaks at event ${verification.firstBadSeq ?? '?'}`} focus testId="audit-broken">
                <p className="govuk-body">{verification.problem}</p>
              </NotificationBanner>
            )
          ) : null}
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void verify()} disabled={verifying} data-testid="verify-audit">
              {verifying ? 'Checking…' : 'Verify the audit chain'}
            </button>
            <a className="govuk-link" href={href('/admin/clock')}>
              Clock status
            </a>
          </div>
        </div>
      </div>
      <form className="rab-filters" onSubmit={filter} noValidate aria-label="Filter audit events">
        <Controller control={filters.form.control} name="crn" render={({ field }) => <TextInput id="audit-crn" label="CRN" width="govuk-input--width-10" value={field.value} onChange={field.onChange} spellCheck={false} error={errorFor(problems, 'audit-crn')} />} />
        <Controller control={filters.form.control} name="actor" render={({ field }) => <TextInput id="audit-actor" label="Actor (username)" width="govuk-input--width-10" value={field.value} onChange={field.onChange} spellCheck={false} error={errorFor(problems, 'audit-actor')} />} />
        <Controller control={filters.form.control} name="action" render={({ field }) => <TextInput id="audit-action" label="Action" hint="e.g. record.read" width="govuk-input--width-10" value={field.value} onChange={field.onChange} spellCheck={false} error={errorFor(problems, 'audit-action')} />} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
          Filter
        </button>
      </form>
      <LoadProblem error={events.error} loading={events.loading && !events.value} />
      <table className="govuk-table" data-testid="audit-events">
        <caption className="govuk-table__caption govuk-table__caption--m">
          Events {total > 0 ? `${offset + 1} to ${Math.min(offset + PAGE, total)} of ${total.toLocaleString('en-GB')}` : ''}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">No.</th>
            <th scope="col" className="govuk-table__header">When</th>
            <th scope="col" className="govuk-table__header">Who</th>
            <th scope="col" className="govuk-table__header">What happened</th>
            <th scope="col" className="govuk-table__header">Person</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((e) => (
            <tr className="govuk-table__row" key={e.seq}>
              <td className="govuk-table__cell govuk-table__cell--numeric">{e.seq}</td>
              <td className="govuk-table__cell">{formatDateTime(e.at)}</td>
              <td className="govuk-table__cell">{actorName(e.actor, names)}</td>
              <td className="govuk-table__cell" data-testid="audit-what">
                {auditSentence(e, names)}
                {/* The action's code, for filtering by it. */}
                <span className="govuk-body-s govuk-!-display-block rab-secondary-text">{e.action}</span>
              </td>
              <td className="govuk-table__cell">{e.crn ? `${names.people[e.crn] ?? 'Name not held'} (${e.crn})` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="govuk-pagination govuk-pagination--block" aria-label="Audit pages">
        {offset > 0 ? (
          <div className="govuk-pagination__prev">
            <button type="button" className="rab-link-button govuk-pagination__link" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              <span className="govuk-pagination__link-title">Newer events</span>
            </button>
          </div>
        ) : null}
        {offset + PAGE < total ? (
          <div className="govuk-pagination__next">
            <button type="button" className="rab-link-button govuk-pagination__link" onClick={() => setOffset(offset + PAGE)}>
              <span className="govuk-pagination__link-title">Older events</span>
            </button>
          </div>
        ) : null}
      </nav>
      <BackupsPanel />
      <div className="govuk-grid-row">
        <form className="govuk-grid-column-two-thirds" onSubmit={exportCsv} noValidate>
          <h2 className="govuk-heading-m">Export as CSV</h2>
          <Controller control={exporting.form.control} name="from" render={({ field }) => <DateInput withTime id="export-from" label="From (optional)" value={field.value} onChange={field.onChange} error={errorFor(problems, 'export-from')} />} />
          <Controller control={exporting.form.control} name="to" render={({ field }) => <DateInput withTime id="export-to" label="To (optional)" value={field.value} onChange={field.onChange} error={errorFor(problems, 'export-to')} />} />
          <Controller control={exporting.form.control} name="confirmPassword" render={({ field }) => <ConfirmPassword value={field.value} onChange={field.onChange} error={errorFor(problems, 'confirm-password')} />} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Prepare the export
          </button>
          {download ? (
            <p className="govuk-body" role="status">
              {download.rows.toLocaleString('en-GB')} events ready.{' '}
              <a className="govuk-link" href={download.url} download={download.filename} data-testid="audit-download">
                Save {download.filename}
              </a>
            </p>
          ) : null}
        </form>
      </div>
    </Page>
  );
}
