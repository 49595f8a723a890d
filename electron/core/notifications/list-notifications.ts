/** Listing and marking a user's own notifications. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { NotificationRow } from '../../../shared/contract';
import type { NotificationKind } from '../../../shared/contract/vocabulary';
import { all, one, run, sql } from '../store/sql';

interface Row {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  crn: string | null;
  request_id: number | null;
  grant_id: number | null;
  created_at: number;
  read_at: number | null;
  person_name: string | null;
}

export function unreadCount(db: Database, userId: number): number {
  return one<{ n: number }>(db, sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`)?.n ?? 0;
}

export function listNotifications(db: Database, userId: number, o: { unreadOnly: boolean; limit: number; offset: number }): { rows: NotificationRow[]; unread: number } {
  const rows = all<Row>(
    db,
    // The person's name, so a notification says who it is about; never to someone excluded from the record.
    sql`SELECT n.id, n.kind, n.title, n.body, n.crn, n.request_id, n.grant_id, n.created_at, n.read_at,
          CASE WHEN EXISTS (SELECT 1 FROM lao_exclusions x JOIN users u ON u.staff_code = x.staff_code WHERE u.id = n.user_id AND x.crn = n.crn)
            THEN NULL ELSE p.forename || ' ' || p.surname END AS person_name
        FROM notifications n LEFT JOIN people p ON p.crn = n.crn
        WHERE n.user_id = ${userId} AND (${o.unreadOnly ? 1 : 0} = 0 OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT ${o.limit} OFFSET ${o.offset}`,
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      crn: r.crn,
      personName: r.person_name,
      requestId: r.request_id,
      grantId: r.grant_id,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    unread: unreadCount(db, userId),
  };
}

/** Marks the user's own notifications read; ids belonging to someone else are left alone. */
export function markNotificationsRead(db: Database, userId: number, ids: number[] | 'ALL', now: number): number {
  db.transaction(() => {
    if (ids === 'ALL') {
      run(db, sql`UPDATE notifications SET read_at = ${now} WHERE user_id = ${userId} AND read_at IS NULL`);
    } else {
      for (const id of ids) run(db, sql`UPDATE notifications SET read_at = ${now} WHERE id = ${id} AND user_id = ${userId} AND read_at IS NULL`);
    }
  }).immediate();
  return unreadCount(db, userId);
}

/** Notifications written after `afterId`, oldest first: the server's feed of who must refresh what. */
export function notificationsSince(db: Database, afterId: number, limit: number): { id: number; userId: number; kind: string; requestId: number | null; grantId: number | null; crn: string | null }[] {
  return all<{ id: number; userId: number; kind: string; requestId: number | null; grantId: number | null; crn: string | null }>(
    db,
    sql`SELECT id, user_id AS userId, kind, request_id AS requestId, grant_id AS grantId, crn FROM notifications WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`,
  );
}

/** The newest notification's id (0 for none): where a new feed starts. */
export function latestNotificationId(db: Database): number {
  return one<{ id: number | null }>(db, sql`SELECT max(id) AS id FROM notifications`)?.id ?? 0;
}
