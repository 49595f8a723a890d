/**
 * Shown on every screen while a connected desktop cannot reach its broker: since when, and that it
 * keeps trying by itself. Calls meanwhile answer "Cannot reach the broker" and change nothing. On an
 * embedded store, or while the broker answers, nothing is shown.
 */
import { useBrokerConnection } from './live-updates';

const hoursMinutes = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });

export function BrokerConnectionBanner() {
  const status = useBrokerConnection();
  if (!status || status.mode !== 'connected' || status.reachable) return null;
  return (
    <div className="govuk-width-container">
      <div className="govuk-warning-text govuk-!-margin-top-4 govuk-!-margin-bottom-0" role="alert" data-testid="broker-unreachable">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Cannot reach the broker since {hoursMinutes.format(status.since)}; retrying. Nothing you have saved is lost.
        </strong>
      </div>
    </div>
  );
}
