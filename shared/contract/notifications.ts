/** Per-user notifications: things to act on or know about. */
import { z } from 'zod';
import { channel } from './define';
import { id, instant, page } from './common';
import { NOTIFICATION_KINDS } from './vocabulary';

export const notificationRow = z.object({
  id,
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  crn: z.string().nullable(),
  /** Who it is about, by name (null when it is about nobody, or the reader is excluded from the record). */
  personName: z.string().nullable(),
  requestId: id.nullable(),
  grantId: id.nullable(),
  createdAt: instant,
  readAt: instant.nullable(),
});
export type NotificationRow = z.infer<typeof notificationRow>;

export const notificationsChannels = {
  'notifications.list': channel({
    summary: 'Your notifications, newest first, with the unread count.',
    access: 'session',
    input: page.extend({ unreadOnly: z.boolean().default(false) }),
    output: z.object({ rows: z.array(notificationRow), unread: z.number().int() }),
  }),
  'notifications.markRead': channel({
    summary: 'Mark some or all of your notifications as read.',
    access: 'session',
    input: z.strictObject({ ids: z.union([z.array(id).min(1).max(500), z.literal('ALL')]) }),
    output: z.object({ unread: z.number().int() }),
  }),
} as const;
