/** GOV.UK notification banners: "important" for things to know, "success" after an action. */
import { useEffect, useRef, type ReactNode } from 'react';

export function NotificationBanner({
  kind = 'important',
  title,
  heading,
  children,
  focus = false,
  testId,
}: {
  kind?: 'important' | 'success';
  title?: string;
  heading?: ReactNode;
  children?: ReactNode;
  /** Move focus here (after an action that changed the page). */
  focus?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  const titleId = `banner-title-${kind}`;
  return (
    <div
      className={`govuk-notification-banner ${kind === 'success' ? 'govuk-notification-banner--success' : ''}`.trim()}
      role={kind === 'success' ? 'alert' : 'region'}
      aria-labelledby={titleId}
      tabIndex={-1}
      ref={ref}
      data-testid={testId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (kind === 'success' ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}

export function WarningText({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="govuk-warning-text" data-testid={testId}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}
