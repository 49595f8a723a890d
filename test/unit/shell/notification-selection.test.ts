import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/contract/vocabulary';
import {
  MAX_SEPARATE_NOTICES,
  NOTICE_BODY,
  NOTICE_TITLES,
  selectDesktopNotices,
} from '../../../electron/main/notification-selection';

const signedInAt = 1_700_000_000_000;
const row = (id: number, kind: NotificationKind, minutesAfterSignIn: number, read = false) => ({
  id,
  kind,
  createdAt: signedInAt + minutesAfterSignIn * 60_000,
  readAt: read ? signedInAt + 99 * 60_000 : null,
});

describe('which notifications appear on the desktop', () => {
  it('shows a new unread notification once', () => {
    const rows = [row(1, 'REQUEST_APPROVED', 5)];
    const first = selectDesktopNotices(rows, new Set(), signedInAt);
    expect(first).toEqual({ notices: [{ title: 'Your access request was approved', body: NOTICE_BODY, urgent: false }], shownIds: [1] });
    expect(selectDesktopNotices(rows, new Set(first.shownIds), signedInAt).notices).toEqual([]);
  });

  it('skips notifications already read in the app', () => {
    expect(selectDesktopNotices([row(1, 'REQUEST_NEW', 5, true)], new Set(), signedInAt).notices).toEqual([]);
  });

  it('leaves notifications from before sign-in to the app itself', () => {
    expect(selectDesktopNotices([row(1, 'REQUEST_NEW', -30)], new Set(), signedInAt).notices).toEqual([]);
  });

  it('folds a burst into one summary but remembers every one as shown', () => {
    const rows = [1, 2, 3, 4, 5].map((id) => row(id, 'REQUEST_NEW', id));
    const selection = selectDesktopNotices(rows, new Set(), signedInAt);
    expect(rows.length).toBeGreaterThan(MAX_SEPARATE_NOTICES);
    expect(selection.notices).toEqual([{ title: '5 new notifications', body: NOTICE_BODY, urgent: false }]);
    expect(selection.shownIds).toEqual([1, 2, 3, 4, 5]);
  });

  it('marks safety and escalation events urgent, also inside a summary', () => {
    expect(selectDesktopNotices([row(1, 'EMERGENCY_USED', 1)], new Set(), signedInAt).notices[0]?.urgent).toBe(true);
    const burst = [row(1, 'REQUEST_NEW', 1), row(2, 'REQUEST_NEW', 2), row(3, 'REQUEST_NEW', 3), row(4, 'REQUEST_ESCALATED', 4)];
    expect(selectDesktopNotices(burst, new Set(), signedInAt).notices[0]?.urgent).toBe(true);
  });

  it('shows them oldest first', () => {
    const selection = selectDesktopNotices([row(2, 'REQUEST_DENIED', 9), row(1, 'GRANT_REVOKED', 3)], new Set(), signedInAt);
    expect(selection.notices.map((n) => n.title)).toEqual([NOTICE_TITLES.GRANT_REVOKED, NOTICE_TITLES.REQUEST_DENIED]);
  });

  it('has a title for every kind, and no title or body names a person or a CRN', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(NOTICE_TITLES[kind]).toBeTruthy();
      expect(NOTICE_TITLES[kind]).not.toMatch(/[A-Z]\d{6}|\{|\}/);
    }
    expect(NOTICE_BODY).not.toMatch(/[A-Z]\d{6}/);
  });
});
