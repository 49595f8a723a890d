/**
 * Exporting the view on screen as CSV, one file per table. It is a deliberate action: the broker
 * audits it, and the files (access facts only) are offered to save one by one.
 */
import { useEffect, useState } from 'react';
import { call } from '../../broker/call';
import type { Problem } from '../../components/ErrorSummary';
import { problemsFrom } from '../../components/forms';
import type { ReportView } from './report-period-form';

interface Download {
  url: string;
  filename: string;
  rows: number;
}

export function CsvExport({ view, onProblems }: { view: ReportView; onProblems: (problems: Problem[]) => void }) {
  const [downloads, setDownloads] = useState<Download[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => downloads.forEach((d) => URL.revokeObjectURL(d.url)), [downloads]);

  const prepare = async () => {
    setBusy(true);
    const result = await call('reports.exportCsv', view);
    setBusy(false);
    if (!result.ok) return onProblems(problemsFrom(result.error));
    onProblems([]);
    setDownloads(result.value.files.map((f) => ({ url: URL.createObjectURL(new Blob([f.csv], { type: 'text/csv' })), filename: f.filename, rows: f.rows })));
  };

  return (
    <div className="rab-report-export">
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void prepare()} disabled={busy} data-testid="export-csv">
        {busy ? 'Preparing…' : 'Export this view as CSV'}
      </button>
      {downloads.length > 0 ? (
        <div role="status" data-testid="csv-files">
          <p className="govuk-body">{downloads.length} CSV files are ready, one per table. The export has been recorded in the audit log.</p>
          <ul className="govuk-list govuk-list--bullet">
            {downloads.map((d) => (
              <li key={d.filename}>
                <a className="govuk-link" href={d.url} download={d.filename}>
                  Save {d.filename}
                </a>{' '}
                ({d.rows} {d.rows === 1 ? 'row' : 'rows'})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
