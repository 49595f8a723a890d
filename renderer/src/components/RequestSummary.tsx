/** A request's details as a summary list: what was asked, by whom, where it is and the decision. */
import type { RequestRow } from '../../../shared/contract/common';
import { PURPOSE_LABELS } from '../../../shared/contract/vocabulary';
import { SCOPE_LABELS } from '../../../shared/domain/access';
import { formatDateTime, formatDuration } from '../format/time';
import { SummaryList } from './SummaryList';
import { OverdueTag, RequestStatusTag, UrgencyTag } from './Tags';

export function RequestSummary({ request: r, showRequester = true }: { request: RequestRow; showRequester?: boolean }) {
  const d = r.decision;
  return (
    <SummaryList
      rows={[
        { key: 'Status', value: <><RequestStatusTag status={r.status} /> {r.overdue ? <OverdueTag /> : null}</> },
        { key: 'Where it is', value: <span data-testid="where-and-why">{r.whereAndWhy}</span> },
        r.queue !== null && { key: 'Decision due', value: `${formatDateTime(r.deadline)}${r.escalatedAt ? ` (passed to the hub ${formatDateTime(r.escalatedAt)})` : ''}` },
        showRequester && { key: 'Asked by', value: `${r.requesterName}${r.requesterProvider ? `, ${r.requesterProvider}` : ''}` },
        { key: 'Asked', value: formatDateTime(r.createdAt) },
        { key: 'Person', value: `${r.personName} (${r.crn})` },
        { key: 'Offender manager', value: r.ownerName ?? 'Not recorded' },
        { key: 'Scope asked for', value: SCOPE_LABELS[r.scope] },
        { key: 'Purpose', value: PURPOSE_LABELS[r.purpose] },
        { key: 'Why it is needed', value: <span className="rab-pre-wrap">{r.justification}</span> },
        { key: 'Urgency', value: <UrgencyTag urgency={r.urgency} /> },
        r.neededBy !== null && { key: 'Needed by', value: formatDateTime(r.neededBy) },
        { key: 'Duration asked for', value: formatDuration(r.durationMinutes) },
        r.fastTrack && { key: 'Allocation', value: 'The requester delivers work for this person (fast track)' },
        r.extendsGrantId !== null && { key: 'Extends', value: `Access ${r.extendsGrantId}` },
        d !== null && {
          key: d.outcome === 'APPROVED' ? 'Approved' : 'Refused',
          value: (
            <span data-testid="decision">
              {d.outcome === 'APPROVED'
                ? `${d.scope ? SCOPE_LABELS[d.scope] : ''}${d.durationMinutes ? ` for ${formatDuration(d.durationMinutes)}` : ''} from ${d.startAt ? formatDateTime(d.startAt) : ''} until ${d.endAt ? formatDateTime(d.endAt) : ''}${d.narrowed ? ' (narrower than asked)' : ''}`
                : 'Refused'}
              <br />
              By {d.decidedByName} ({d.route === 'HUB' ? 'NPS hub' : d.route === 'DEPUTY' ? 'deputy' : 'offender manager'}) on {formatDateTime(d.decidedAt)}
              {d.reason ? (
                <>
                  <br />
                  Reason: <span className="rab-pre-wrap">{d.reason}</span>
                </>
              ) : null}
            </span>
          ),
        },
        r.review !== null && {
          key: 'Review of the refusal',
          value: (
            <span data-testid="refusal-review">
              Asked {formatDateTime(r.review.askedAt)}: <span className="rab-pre-wrap">{r.review.reason}</span>
              <br />
              {r.review.outcome === null
                ? 'Waiting for the NPS hub or a senior probation officer of the owner’s team.'
                : `${r.review.outcome === 'UPHELD' ? 'Refusal upheld' : 'Overturned: access granted'} by ${r.review.decidedByName ?? 'unknown'} on ${r.review.decidedAt ? formatDateTime(r.review.decidedAt) : ''}. Reason: ${r.review.decisionReason ?? ''}`}
            </span>
          ),
        },
        r.withdrawnAt !== null && { key: r.closedReason ? 'Closed' : 'Withdrawn', value: `${formatDateTime(r.withdrawnAt)}${r.closedReason ? ` (${r.closedReason.replace(/^Closed: /, '')})` : ''}` },
      ]}
    />
  );
}
