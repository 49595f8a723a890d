/** A report table as the GOV.UK table: numbers right-aligned, the first column as row headers. */
import type { Cell, ReportTable } from '../../../../shared/contract/report-tables';

const show = (c: Cell): string => (c === null ? '–' : typeof c === 'number' ? c.toLocaleString('en-GB') : c);

export function ReportTableView({ table }: { table: ReportTable }) {
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  return (
    <>
      <div className="rab-report-table">
        <table className="govuk-table" data-testid={`table-${table.id}`}>
          <caption className="govuk-table__caption govuk-table__caption--s">{table.title}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {table.columns.map((c, i) => (
                <th key={c} scope="col" className={`govuk-table__header${numeric[i] ? ' govuk-table__header--numeric' : ''}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {table.rows.length === 0 ? (
              <tr className="govuk-table__row">
                <td className="govuk-table__cell" colSpan={table.columns.length}>
                  None in this period.
                </td>
              </tr>
            ) : (
              table.rows.map((row, r) => (
                <tr className="govuk-table__row" key={r}>
                  {row.map((c, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="govuk-table__header">
                        {show(c)}
                      </th>
                    ) : (
                      <td key={i} className={`govuk-table__cell${numeric[i] ? ' govuk-table__cell--numeric' : ''}`}>
                        {show(c)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {table.note ? <p className="govuk-body-s">{table.note}</p> : null}
    </>
  );
}
