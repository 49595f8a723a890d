/**
 * Import an nDelius/OASys-style export set. All or nothing: the progress bar follows the rows read,
 * and if any row is bad nothing is imported and every bad row is listed (file, row, field).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ImportProgress, ImportReport } from '../../../../shared/contract/admin';
import { call } from '../../broker/call';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { Page } from '../../components/Page';
import { progressText } from './import-progress-text';

const POLL_MS = 400;

export function ImportScreen() {
  const [directory, setDirectory] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const polling = useRef<number | null>(null);

  useEffect(() => () => {
    if (polling.current !== null) window.clearInterval(polling.current);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!directory.trim()) found.push({ fieldId: 'import-directory', message: 'Enter the folder that holds the export set' });
    if (!confirm) found.push({ fieldId: 'confirm-password', message: 'Enter your password to confirm' });
    setProblems(found);
    if (found.length > 0) return;
    setReport(null);
    setRunning(true);
    setProgress({ running: true, file: null, rowsDone: 0, rowsTotal: 0 });
    polling.current = window.setInterval(() => {
      void call('admin.importProgress', {}).then((r) => {
        if (r.ok && r.value.running) setProgress(r.value);
      });
    }, POLL_MS);
    const result = await call('admin.runImport', { confirmPassword: confirm, directory: directory.trim() });
    if (polling.current !== null) window.clearInterval(polling.current);
    polling.current = null;
    setRunning(false);
    setConfirm('');
    if (!result.ok) return setProblems(problemsFrom(result.error, { directory: 'import-directory', confirmPassword: 'confirm-password' }));
    setReport(result.value);
  };

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
          <form onSubmit={(e) => void submit(e)} noValidate>
            <TextInput id="import-directory" label="Folder" hint="On this computer, for example /srv/exports/2026-03-02" value={directory} onChange={setDirectory} spellCheck={false} error={errorFor(problems, 'import-directory')} />
            <ConfirmPassword value={confirm} onChange={setConfirm} error={errorFor(problems, 'confirm-password')} />
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
