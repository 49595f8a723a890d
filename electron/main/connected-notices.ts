/**
 * Desktop notifications for a desktop connected to the organisation's broker. There is no store
 * here to poll, so the window's own push connection drives them: when the broker says a person's
 * notifications changed, the main process asks for that person's unread ones and shows the new
 * ones, chosen exactly as on a desktop with its own store (notification-selection.ts: the kind of
 * event only, never a name or CRN). What was already unread when the window first heard is waiting
 * in the app and is not popped up. Plain Node; main passes Electron's Notification in as `show`.
 */
import type { NotificationRow } from '../../shared/contract';
import type { LiveUpdate } from '../../shared/contract/live-updates';
import type { Connection } from './connections';
import type { Dispatch } from './ipc-binding';
import { selectDesktopNotices, type DesktopNotice } from './notification-selection';

const UNREAD_PAGE = 100;

export interface ConnectedNoticesDeps {
  dispatch: Dispatch;
  show: (notice: DesktopNotice) => void;
}

export class ConnectedNotices {
  /** Per window: the ids already shown or already waiting when it first heard. */
  private readonly seen = new Map<string, Set<number>>();

  constructor(private readonly deps: ConnectedNoticesDeps) {}

  /** Told each live update of a window. */
  async heard(conn: Connection, update: LiveUpdate): Promise<void> {
    if (!update.views.includes('notifications')) return;
    if (conn.sessionId === null) {
      this.seen.delete(conn.id);
      return;
    }
    const answer = await this.deps.dispatch('notifications.list', conn, { unreadOnly: true, limit: UNREAD_PAGE, offset: 0 });
    if (!answer.ok) return;
    const rows = (answer.value as { rows: NotificationRow[] }).rows;
    const seen = this.seen.get(conn.id);
    if (!seen) {
      this.seen.set(conn.id, new Set(rows.map((r) => r.id)));
      return;
    }
    const selection = selectDesktopNotices(rows, seen, 0);
    for (const id of selection.shownIds) seen.add(id);
    for (const notice of selection.notices) this.deps.show(notice);
  }

  forget(conn: Connection): void {
    this.seen.delete(conn.id);
  }
}
