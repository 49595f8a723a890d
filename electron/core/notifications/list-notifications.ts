/** Listing and marking a user's own notifications. */
import type { Db } from '../store/sql';
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

export async function unreadCount(db: Db, userId: number): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`))?.n ?? 0;
}

export async function listNotifications(db: Db, userId: number, o: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ rows: NotificationRow[]; unread: number }> {
  const rows = await all<Row>(
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
    unread: await unreadCount(db, userId),
  };
}

/** Marks the user's own notifications read; ids belonging to someone else are left alone. */
export async function markNotificationsRead(db: Db, userId: number, ids: number[] | 'ALL', now: number): Promise<number> {
  await db.write(async () => {
    if (ids === 'ALL') {
      await run(db, sql`UPDATE notifications SET read_at = ${now} WHERE user_id = ${userId} AND read_at IS NULL`);
    } else {
      for (const id of ids) await run(db, sql`UPDATE notifications SET read_at = ${now} WHERE id = ${id} AND user_id = ${userId} AND read_at IS NULL`);
    }
  });
  return await unreadCount(db, userId);
}

/** Notifications written after `afterId`, oldest first: the server's feed of who must refresh what. */
export async function notificationsSince(db: Db, afterId: number, limit: number): Promise<{ id: number; userId: number; kind: string; requestId: number | null; grantId: number | null; crn: string | null }[]> {
  return await all<{ id: number; userId: number; kind: string; requestId: number | null; grantId: number | null; crn: string | null }>(
    db,
    sql`SELECT id, user_id AS "userId", kind, request_id AS "requestId", grant_id AS "grantId", crn FROM notifications WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`,
  );
}

/** The newest notification's id (0 for none): where a new feed starts. */
export async function latestNotificationId(db: Db): Promise<number> {
  return (await one<{ id: number | null }>(db, sql`SELECT max(id) AS id FROM notifications`))?.id ?? 0;
}
