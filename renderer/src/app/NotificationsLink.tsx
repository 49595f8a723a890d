/** "Notifications" in the header, with the unread count as a badge. */
import { useUnreadCount } from './notification-count';

export function NotificationsLink({ current }: { current: boolean }) {
  const unread = useUnreadCount();
  return (
    <a className="moj-header__navigation-link" href="#/notifications" aria-current={current ? 'page' : undefined} data-testid="notifications-link">
      Notifications
      {unread > 0 ? (
        <>
          <span className="rab-notification-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
          <span className="govuk-visually-hidden">, {unread} unread</span>
        </>
      ) : null}
    </a>
  );
}
