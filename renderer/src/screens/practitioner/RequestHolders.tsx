/**
 * Who holds a pending request, until when, and how to reach them: someone waiting with an
 * appointment coming up can ring the person who can decide, or the NPS hub's duty line.
 */
import type { RequestDetail } from '../../../../shared/contract';
import { formatDateTime } from '../../format/time';

const ROLE_WORDS: Record<RequestDetail['holders'][number]['role'], string> = {
  OWNER: 'Offender manager',
  DEPUTY: 'Deputy',
  HUB: 'NPS hub',
};

export function RequestHolders({ holders }: { holders: RequestDetail['holders'] }) {
  if (holders.length === 0) return null;
  return (
    <div data-testid="request-holders">
      <h2 className="govuk-heading-m">Who has it and how to reach them</h2>
      <dl className="govuk-summary-list">
        {holders.map((h) => (
          <div className="govuk-summary-list__row" key={`${h.role}-${h.name}`} data-testid={`holder-${h.role.toLowerCase()}`}>
            <dt className="govuk-summary-list__key">{ROLE_WORDS[h.role]}</dt>
            <dd className="govuk-summary-list__value">
              <strong>{h.name}</strong>, to decide by {formatDateTime(h.dueAt)}
              <br />
              {h.phone ? <>Phone {h.phone}</> : 'No phone number recorded'}
              <br />
              {/* Plain text to copy: the window opens no other program (no mailto links). */}
              {h.email ? <>Email {h.email}</> : 'No email address recorded'}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
