/**
 * The daily automatic backups, as administrators see them on the Audit screen: where they are, how
 * long they are kept, and each one's day and size. Restoring is done with `rab restore`.
 */
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { LoadProblem } from '../../components/Page';
import { formatDateTime } from '../../format/time';

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function BackupsPanel() {
  const backups = useLiveQuery('admin', ['backups'], () => call('admin.backups', {}));
  const list = backups.value;
  return (
    <section aria-labelledby="backups-heading" data-testid="backups">
      <h2 className="govuk-heading-m" id="backups-heading">
        Daily backups
      </h2>
      <LoadProblem error={backups.error} loading={backups.loading && !list} />
      {list && list.directory === null ? <p className="govuk-body">This app does not take backups itself here: IT support makes them on the computer that holds the store.</p> : null}
      {list && list.directory !== null ? (
        <>
          <p className="govuk-body">
            One encrypted backup a day in {list.directory}, kept for {list.keepDays} days (see Policy). Restoring one is done by IT support on this computer; copy them off this computer too.
          </p>
          {list.backups.length === 0 ? (
            <p className="govuk-body">No backup has been taken yet.</p>
          ) : (
            <table className="govuk-table">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">File</th>
                  <th scope="col" className="govuk-table__header">Taken</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Size</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {list.backups.map((b) => (
                  <tr className="govuk-table__row" key={b.file}>
                    <td className="govuk-table__cell">{b.file}</td>
                    <td className="govuk-table__cell">{formatDateTime(b.at)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{size(b.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
