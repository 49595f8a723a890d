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
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`))?.n ?? 0;
}

export async function listNotifications(db: Db, userId: number, o: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ rows: NotificationRow[]; unread: number }> {
  const rows = await all<Row>(
    db,
    sql`SELECT id, kind, title, body, crn, request_id, grant_id, created_at, read_at FROM notifications
        WHERE user_id = ${userId} AND (${o.unreadOnly ? 1 : 0} = 0 OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC LIMIT ${o.limit} OFFSET ${o.offset}`,
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      crn: r.crn,
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
    sql`SELECT id, user_id AS userId, kind, request_id AS requestId, grant_id AS grantId, crn FROM notifications WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`,
  );
}

/** The newest notification's id (0 for none): where a new feed starts. */
export async function latestNotificationId(db: Db): Promise<number> {
  return (await one<{ id: number | null }>(db, sql`SELECT max(id) AS id FROM notifications`))?.id ?? 0;
}
