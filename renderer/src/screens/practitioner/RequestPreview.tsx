/**
 * What will happen to the request, before it is sent: who gets it, due when, and that emergency
 * safety access is there if nobody decides in time. The broker works it out with the same routing
 * the request will take, so the words here are never a guess.
 */
import type { Urgency } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { formatDateTime } from '../../format/time';

export function RequestPreview({ crn, urgency, neededBy }: { crn: string; urgency: Urgency | ''; neededBy: number | null }) {
  const preview = useLiveQuery('myRequests', ['preview', crn, urgency, neededBy], () =>
    urgency ? call('requests.preview', { crn, urgency, neededBy }) : Promise.resolve({ ok: true as const, value: null }),
  );
  const p = preview.value;
  if (!p) return null;
  return (
    <div className="govuk-inset-text" data-testid="request-preview" aria-live="polite">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">What happens when you send it</h2>
      <p className="govuk-body">
        It goes to {p.goesTo}, with a decision due by <strong>{formatDateTime(p.deadline)}</strong>.{p.why ? ` Why: ${p.why}.` : ''}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-0">{p.emergency}</p>
    </div>
  );
}
