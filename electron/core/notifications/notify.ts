/**
 * Per-user notifications, written in the same transaction as the event they tell about. A dedupe
 * key makes reminders idempotent: the sweep may run twice, or from two connections, and each
 * person still gets one.
 */
import type { Db } from '../store/sql';
import type { NotificationKind } from '../../../shared/contract/vocabulary';
import { all, run, sql } from '../store/sql';

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  body: string;
  at: number;
  crn?: string | null;
  requestId?: number | null;
  grantId?: number | null;
  /** Same key, same person: sent once. */
  dedupeKey?: string;
}

/** Sends to each user once; returns how many notifications were written. */
export async function notifyUsers(db: Db, userIds: Iterable<number>, n: NotificationInput): Promise<number> {
  let written = 0;
  for (const userId of new Set(userIds)) {
    const key = n.dedupeKey === undefined ? null : `${n.dedupeKey}:u${userId}`;
    written += (await run(
      db,
      sql`INSERT INTO notifications (user_id, kind, title, body, crn, request_id, grant_id, created_at, dedupe_key)
          VALUES (${userId}, ${n.kind}, ${n.title}, ${n.body}, ${n.crn ?? null}, ${n.requestId ?? null}, ${n.grantId ?? null}, ${n.at}, ${key})
          ON CONFLICT (dedupe_key) DO NOTHING`,
    )).changes;
  }
  return written;
}

/** Active accounts linked to a member of staff. */
export const usersForStaff = async (db: Db, staffCode: string | null): Promise<number[]> =>
  staffCode === null ? [] : (await all<{ id: number }>(db, sql`SELECT id FROM users WHERE staff_code = ${staffCode} AND active = 1`)).map((r) => r.id);

/** Every active hub account. */
export const hubUsers = async (db: Db): Promise<number[]> =>
  (await all<{ id: number }>(db, sql`SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'hub' AND u.active = 1`)).map((r) => r.id);

/** The owner's accounts and those of deputies in date now. */
export async function ownerSideUsers(db: Db, ownerStaffCode: string | null, now: number): Promise<number[]> {
  if (ownerStaffCode === null) return [];
  const deputies = (await all<{ id: number }>(
    db,
    sql`SELECT u.id FROM deputies d JOIN users u ON u.staff_code = d.deputy_staff_code
        WHERE d.staff_code = ${ownerStaffCode} AND d.start_at <= ${now} AND (d.end_at IS NULL OR d.end_at > ${now}) AND u.active = 1`,
  )).map((r) => r.id);
  return [...await usersForStaff(db, ownerStaffCode), ...deputies];
}
