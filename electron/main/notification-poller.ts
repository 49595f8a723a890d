/**
 * Turns the broker's notifications into desktop notifications for whoever is signed in. It reads
 * sessions with `peek`, which never counts as activity: polling must not keep a session from
 * idling into its lock. Locked sessions get nothing until they are unlocked. Plain Node; main runs
 * `poll()` on a timer and passes Electron's Notification in as `show`.
 */
import type { Connection } from '../core/auth/sessions';
import { listNotifications } from '../core/notifications/list-notifications';
import type { BrokerCore } from '../core/rpc/broker-core';
import { selectDesktopNotices, type DesktopNotice } from './notification-selection';

export const NOTIFICATION_POLL_MS = 15_000;
const UNREAD_PAGE = 100;

export interface NotificationPollerDeps {
  core: () => BrokerCore | null;
  /** The connections of the open windows. */
  connections: () => Connection[];
  show: (notice: DesktopNotice) => void;
}

interface SeenByUser {
  /** When this user's earliest open session began: older notifications are not popped up. */
  since: number;
  ids: Set<number>;
}

export class NotificationPoller {
  /** Per user, so a person signed in in two windows sees each notification once. */
  private readonly seen = new Map<number, SeenByUser>();

  constructor(private readonly deps: NotificationPollerDeps) {}

  async poll(): Promise<void> {
    const core = this.deps.core();
    if (!core) return;
    const signedIn = new Map<number, { since: number; locked: boolean }>();
    for (const conn of this.deps.connections()) {
      const session = core.sessions.peek(conn.sessionId);
      if (!session) continue;
      const known = signedIn.get(session.userId);
      signedIn.set(session.userId, {
        since: Math.min(known?.since ?? session.createdAt, session.createdAt),
        locked: (known?.locked ?? true) && session.locked,
      });
    }
    for (const userId of [...this.seen.keys()]) if (!signedIn.has(userId)) this.seen.delete(userId);

    for (const [userId, { since, locked }] of signedIn) {
      let seen = this.seen.get(userId);
      if (!seen) {
        seen = { since, ids: new Set() };
        this.seen.set(userId, seen);
      }
      if (locked) continue;
      const { rows } = await listNotifications(core.ctx.db, userId, { unreadOnly: true, limit: UNREAD_PAGE, offset: 0 });
      const selection = selectDesktopNotices(rows, seen.ids, seen.since);
      for (const id of selection.shownIds) seen.ids.add(id);
      for (const notice of selection.notices) this.deps.show(notice);
    }
  }
}
