/**
 * Which of the broker's notifications become desktop notifications. Desktop notifications show on
 * lock screens and in notification centres other people may see, so they carry only the kind of
 * event, never a name, CRN or reason; the details are one click away inside the app.
 */
import type { NotificationRow } from '../../shared/contract';
import type { NotificationKind } from '../../shared/contract/vocabulary';

export interface DesktopNotice {
  title: string;
  body: string;
  /** Shown as critical where the OS supports it (Linux): safety and escalation events. */
  urgent: boolean;
}

export const NOTICE_TITLES: Record<NotificationKind, string> = {
  REQUEST_NEW: 'A new access request needs your decision',
  REQUEST_ESCALATED: 'An access request has been escalated',
  REQUEST_REROUTED: 'An access request has been passed to you',
  REQUEST_APPROVED: 'Your access request was approved',
  REQUEST_DENIED: 'Your access request was refused',
  REQUEST_WITHDRAWN: 'An access request was withdrawn',
  REQUEST_CLOSED: 'An access request was closed',
  REVIEW_ASKED: 'A review of a refusal needs a decision',
  REVIEW_DECIDED: 'A review of a refusal was decided',
  GRANT_EXPIRING_24H: 'Your access ends within 24 hours',
  GRANT_EXPIRING_1H: 'Your access ends within the hour',
  GRANT_ENDED: 'Your access has ended',
  GRANT_REVOKED: 'Your access was revoked',
  EMERGENCY_USED: 'Emergency safety access was used',
  CLOCK_ROLLBACK: 'The computer clock went back',
};

const URGENT: ReadonlySet<NotificationKind> = new Set(['REQUEST_ESCALATED', 'EMERGENCY_USED', 'CLOCK_ROLLBACK', 'GRANT_REVOKED']);

export const NOTICE_BODY = 'Open Records Access Broker to see the details.';

/** More new notifications than this at once become a single summary. */
export const MAX_SEPARATE_NOTICES = 3;

export interface NoticeSelection {
  notices: DesktopNotice[];
  /** Ids to remember as shown (all of the new ones, including those folded into a summary). */
  shownIds: number[];
}

type NoticeSource = Pick<NotificationRow, 'id' | 'kind' | 'createdAt' | 'readAt'>;

/**
 * New means: unread, not shown before, and created since the person signed in in this window
 * (older unread ones are waiting in the app; popping them all up at sign-in would be noise).
 */
export function selectDesktopNotices(rows: readonly NoticeSource[], shown: ReadonlySet<number>, signedInAt: number): NoticeSelection {
  const fresh = rows
    .filter((row) => row.readAt === null && !shown.has(row.id) && row.createdAt >= signedInAt)
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const shownIds = fresh.map((row) => row.id);
  if (fresh.length <= MAX_SEPARATE_NOTICES) {
    return {
      notices: fresh.map((row) => ({ title: NOTICE_TITLES[row.kind], body: NOTICE_BODY, urgent: URGENT.has(row.kind) })),
      shownIds,
    };
  }
  return {
    notices: [{ title: `${fresh.length} new notifications`, body: NOTICE_BODY, urgent: fresh.some((row) => URGENT.has(row.kind)) }],
    shownIds,
  };
}
