/** The person's notifications, newest first; opening one marks it read and goes to what it is about. */
import { useState } from 'react';
import type { NotificationRow } from '../../../../shared/contract/notifications';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { LoadProblem, Page } from '../../components/Page';
import { formatDateTime } from '../../format/time';
import { setUnreadCount } from '../../app/notification-count';
import { href } from '../../app/router';

export function linkFor(n: NotificationRow): string | null {
  switch (n.kind) {
    case 'REQUEST_NEW':
    case 'REQUEST_ESCALATED':
    case 'REQUEST_REROUTED':
      return n.requestId ? href(`/decide/${n.requestId}`) : null;
    case 'REQUEST_APPROVED':
    case 'REQUEST_DENIED':
    case 'REQUEST_WITHDRAWN':
    case 'REQUEST_CLOSED':
    case 'REVIEW_DECIDED':
      return n.requestId ? href(`/requests/${n.requestId}`) : null;
    case 'REVIEW_ASKED':
      return href('/reviews');
    case 'GRANT_EXPIRING_24H':
    case 'GRANT_EXPIRING_1H':
    case 'GRANT_ENDED':
    case 'GRANT_REVOKED':
      return href('/grants');
    case 'EMERGENCY_USED':
      return n.requestId ? href(`/requests/${n.requestId}`) : null;
    case 'CLOCK_ROLLBACK':
      return href('/admin/clock');
  }
}

export function NotificationsScreen() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useLiveQuery('notifications', ['list', unreadOnly], () => call('notifications.list', { limit: 200, unreadOnly }));
  const rows = list.value?.rows ?? [];

  const markRead = async (ids: number[] | 'ALL') => {
    const result = await call('notifications.markRead', { ids });
    if (result.ok) {
      setUnreadCount(result.value.unread);
      await list.reload();
    }
  };

  return (
    <Page title="Notifications" width="full">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="rab-filters">
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="unread-only" type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="unread-only">
                  Unread only
                </label>
              </div>
            </div>
            {(list.value?.unread ?? 0) > 0 ? (
              <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void markRead('ALL')}>
                Mark all as read
              </button>
            ) : null}
          </div>
          <LoadProblem error={list.error} loading={list.loading && !list.value} />
          {list.value && rows.length === 0 ? <p className="govuk-body">You have no {unreadOnly ? 'unread ' : ''}notifications.</p> : null}
          <ul className="govuk-list" data-testid="notifications">
            {rows.map((n) => {
              const link = linkFor(n);
              return (
                <li key={n.id} className="govuk-!-margin-bottom-4">
                  <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                    {n.readAt === null ? <strong className="govuk-tag govuk-tag--pink govuk-!-margin-right-2">New</strong> : null}
                    {link ? (
                      <a className="govuk-link" href={link} onClick={() => void (n.readAt === null ? markRead([n.id]) : undefined)}>
                        {n.title}
                      </a>
                    ) : (
                      n.title
                    )}
                  </h2>
                  {n.personName ? (
                    <p className="govuk-body govuk-!-margin-bottom-1" data-testid="notification-person">
                      <strong>
                        {n.personName} ({n.crn})
                      </strong>
                    </p>
                  ) : null}
                  <p className="govuk-body govuk-!-margin-bottom-1">{n.body}</p>
                  <p className="govuk-body-s govuk-!-margin-bottom-2">{formatDateTime(n.createdAt)}</p>
                  <hr className="govuk-section-break govuk-section-break--visible" />
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </Page>
  );
}
