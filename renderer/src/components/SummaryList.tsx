/** The GOV.UK summary list: keys and values, for a request, a person or a grant. */
import type { ReactNode } from 'react';

export interface SummaryRow {
  key: string;
  value: ReactNode;
  action?: ReactNode;
}

export function SummaryList({ rows, noBorder = false }: { rows: Array<SummaryRow | null | false>; noBorder?: boolean }) {
  const shown = rows.filter((r): r is SummaryRow => Boolean(r));
  const anyActions = shown.some((r) => r.action);
  return (
    <dl className={`govuk-summary-list ${noBorder ? 'govuk-summary-list--no-border' : ''}`.trim()}>
      {shown.map((row) => (
        <div className={`govuk-summary-list__row ${anyActions && !row.action ? 'govuk-summary-list__row--no-actions' : ''}`.trim()} key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? <dd className="govuk-summary-list__actions">{row.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
