/**
 * The GOV.UK error summary: shown at the top of a form when something is wrong, focused so screen
 * readers announce it, each problem linking to its field.
 */
import { useEffect, useRef } from 'react';

export interface Problem {
  /** The id of the field to move to, when the problem belongs to one. */
  fieldId?: string;
  message: string;
  /** A screen to open instead (for example the request that already covers this one). */
  href?: string;
}

export function ErrorSummary({ problems, title = 'There is a problem' }: { problems: Problem[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = problems.map((p) => `${p.fieldId ?? ''}:${p.message}`).join('|');
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
  }, [key, problems.length]);
  if (problems.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} data-testid="error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {problems.map((p) => (
              <li key={`${p.fieldId ?? ''}${p.message}`}>
                {p.href ? (
                  <a href={p.href}>{p.message}</a>
                ) : p.fieldId ? (
                  <a
                    href={`#${p.fieldId}`}
                    onClick={(event) => {
                      // Move to the field without changing the route held in the fragment.
                      event.preventDefault();
                      document.getElementById(p.fieldId ?? '')?.focus();
                    }}
                  >
                    {p.message}
                  </a>
                ) : (
                  <span>{p.message}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
