/**
 * A screen's frame: its <h1> and the window title. When a screen opens, focus moves to its heading
 * so keyboard and screen reader users start at the top of the new content, as after a page load.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export const SERVICE_NAME = 'Records Access Broker';

interface PageProps {
  title: string;
  caption?: ReactNode;
  /** Shown before the heading (a back link). */
  before?: ReactNode;
  /** Full width for tables and queues; two-thirds for forms and reading. */
  width?: 'full' | 'two-thirds';
  children: ReactNode;
  /** Set when the page shows a form error, so the window title says so too. */
  hasError?: boolean;
}

export function Page({ title, caption, before, width = 'two-thirds', children, hasError = false }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [title]);
  useEffect(() => {
    document.title = `${hasError ? 'Error: ' : ''}${title} – ${SERVICE_NAME}`;
  }, [title, hasError]);
  return (
    <>
      {before}
      <div className="govuk-grid-row">
        <div className={width === 'full' ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds'}>
          {caption ? <span className="govuk-caption-l">{caption}</span> : null}
          <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
            {title}
          </h1>
        </div>
      </div>
      {width === 'full' ? (
        children
      ) : (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">{children}</div>
        </div>
      )}
    </>
  );
}

export function BackLink({ href, children = 'Back' }: { href: string; children?: ReactNode }) {
  return (
    <a href={href} className="govuk-back-link">
      {children}
    </a>
  );
}

/** What a screen shows while its data loads or when loading failed. */
export function LoadProblem({ error, loading }: { error?: { message: string } | undefined; loading: boolean }) {
  if (error) {
    return (
      <div className="govuk-error-summary" role="alert" tabIndex={-1}>
        <h2 className="govuk-error-summary__title">This could not be shown</h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{error.message}</p>
        </div>
      </div>
    );
  }
  if (loading) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  return null;
}
