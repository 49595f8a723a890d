/**
 * What will happen to the request, before it is sent: who gets it, due when, and that emergency
 * safety access is there if nobody decides in time. The broker works it out with the same routing
 * the request will take, so the words here are never a guess.
 */
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import type { Urgency } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { formatDateTime } from '../../format/time';

export function RequestPreview({ crn, urgency, neededBy }: { crn: string; urgency: Urgency | ''; neededBy: number | null }) {
  const [preview, setPreview] = useState<Output<'requests.preview'> | null>(null);
  useEffect(() => {
    if (!urgency) return setPreview(null);
    let current = true;
    void call('requests.preview', { crn, urgency, neededBy }).then((r) => {
      if (current) setPreview(r.ok ? r.value : null);
    });
    return () => {
      current = false;
    };
  }, [crn, urgency, neededBy]);
  if (!preview) return null;
  return (
    <div className="govuk-inset-text" data-testid="request-preview" aria-live="polite">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">What happens when you send it</h2>
      <p className="govuk-body">
        It goes to {preview.goesTo}, with a decision due by <strong>{formatDateTime(preview.deadline)}</strong>.
        {preview.why ? ` Why: ${preview.why}.` : ''}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-0">{preview.emergency}</p>
    </div>
  );
}
