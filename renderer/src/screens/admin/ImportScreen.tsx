/**
 * Import an nDelius/OASys-style export set. All or nothing: the progress bar follows the rows read,
 * and if any row is bad nothing is imported and every bad row is listed (file, row, field).
 */
import { useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import type { ImportProgress, ImportReport } from '../../../../shared/contract/admin';
import { call } from '../../broker/call';
import { useBrokerConnection } from '../../broker/live-updates';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { Page } from '../../components/Page';
import { progressText } from './import-progress-text';

const POLL_MS = 400;
const FIELDS: FormFields = {
  directory: { id: 'import-directory', label: 'Folder' },
  confirmPassword: { id: 'confirm-password', label: 'Your password' },
};

/**
 * A desktop connected to a broker server has no importer: the export set is read on that server, by
 * whoever runs it. Said in place of a form that could only be refused.
 */
function ImportElsewhere() {
  return (
    <Page title="Import an export set">
      <p className="govuk-body" data-testid="import-elsewhere">
        This desktop is connected to the broker on your organisation's server, so export sets are imported there, by whoever looks after that server. Ask them to import
        the new export set; the records appear here as soon as it is done.
      </p>
    </Page>
  );
}

export function ImportScreen() {
  return useBrokerConnection()?.mode === 'connected' ? <ImportElsewhere /> : <ImportHere />;
}

function ImportHere() {
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['admin.runImport'].input,
    toInput: (v: { directory: string; confirmPassword: string }) => ({ directory: v.directory.trim(), confirmPassword: v.confirmPassword }),
    fields: FIELDS,
    defaultValues: { directory: '', confirmPassword: '' },
  });
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  // While an import runs, its progress is asked for on a short timer (the import answers only at its end).
  useEffect(() => {
    if (!running) return undefined;
    const timer = window.setInterval(() => {
      void call('admin.importProgress', {}).then((r) => {
        if (r.ok && r.value.running) setProgress(r.value);
      });
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [running]);

  const start = onSubmit(async (input) => {
    setReport(null);
    setRunning(true);
    setProgress({ running: true, file: null, rowsDone: 0, rowsTotal: 0 });
    const result = await call('admin.runImport', input);
    setRunning(false);
    form.setValue('confirmPassword', '');
    if (!result.ok) return refuse(result.error);
    setReport(result.value);
  });

  const total = report ? Object.values(report.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <Page title="Import an export set" width="full" hasError={problems.length > 0 || (report !== null && !report.ok)}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          {report && report.ok ? (
            <NotificationBanner kind="success" heading={`Imported ${total.toLocaleString('en-GB')} rows`} focus testId="import-done" />
          ) : null}
          {report && !report.ok ? (
            <ErrorSummary title="The import files have errors. Nothing was imported." problems={[{ message: `${report.errors.length.toLocaleString('en-GB')} ${report.errors.length === 1 ? 'problem' : 'problems'}, listed below. Correct the files and import again.` }]} />
          ) : null}
          <p className="govuk-body">The folder must hold a complete export set with its manifest. Every file is checked first: if any row is wrong, nothing changes.</p>
          <form onSubmit={start} noValidate>
            <Controller
              control={form.control}
              name="directory"
              render={({ field }) => (
                <TextInput id="import-directory" label="Folder" hint="On this computer, for example /srv/exports/2026-03-02" value={field.value} onChange={field.onChange} spellCheck={false} error={errorFor(problems, 'import-directory')} />
              )}
            />
            <Controller control={form.control} name="confirmPassword" render={({ field }) => <ConfirmPassword value={field.value} onChange={field.onChange} error={errorFor(problems, 'confirm-password')} />} />
            <button type="submit" className="govuk-button" disabled={running} data-testid="start-import">
              {running ? 'Importing…' : 'Import'}
            </button>
          </form>
          {running && progress ? (
            <div data-testid="import-progress">
              <label className="govuk-label govuk-label--s" htmlFor="import-progress-bar">
                Import progress
              </label>
              <progress id="import-progress-bar" className="rab-progress" max={progress.rowsTotal || 1} value={progress.rowsTotal > 0 ? progress.rowsDone : undefined} aria-describedby="import-progress-text" />
              <p className="govuk-body" id="import-progress-text" role="status">
                {progressText(progress)}
              </p>
            </div>
          ) : null}
        </div>
      </div>
      {report ? (
        <>
          {Object.keys(report.counts).length > 0 ? (
          <table className="govuk-table" data-testid="import-counts">
            <caption className="govuk-table__caption govuk-table__caption--m">Rows read</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">File</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Rows</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {Object.entries(report.counts).map(([file, rows]) => (
                <tr className="govuk-table__row" key={file}>
                  <td className="govuk-table__cell">{file}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{rows.toLocaleString('en-GB')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          ) : null}
          {report.errors.length > 0 ? (
            <table className="govuk-table" data-testid="import-errors">
              <caption className="govuk-table__caption govuk-table__caption--m">Problems</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">File</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Row</th>
                  <th scope="col" className="govuk-table__header">Field</th>
                  <th scope="col" className="govuk-table__header">Problem</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {report.errors.map((e, i) => (
                  <tr className="govuk-table__row" key={`${e.file}-${e.row ?? 'file'}-${e.field ?? ''}-${i}`}>
                    <td className="govuk-table__cell">{e.file}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{e.row ?? ''}</td>
                    <td className="govuk-table__cell">{e.field ?? ''}</td>
                    <td className="govuk-table__cell">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
