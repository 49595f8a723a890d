/** The filter box above a long list, with the count of rows it leaves. */
export function ListFilter({
  id,
  label,
  value,
  onChange,
  shown,
  total,
  loading,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  shown: number;
  total: number;
  loading: boolean;
}) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <input className="govuk-input govuk-input--width-20" id={id} type="search" value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-count`} />
      <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" id={`${id}-count`} role="status" data-testid="list-count">
        {loading ? `Loading… ${total > 0 ? `${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} so far` : ''}` : `Showing ${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`}
      </p>
    </div>
  );
}
