// In-app notifications: to one user, or (no user) to everyone in an
// organisation's practice roles. Their words carry no personal data: a
// referral's reference and status, never a name.
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { notification } from '../../db/schema.ts';

export interface NotificationToSend {
  organisationId: string;
  /** One user; leave out for the whole organisation. */
  userId?: string | undefined;
  /** What kind, for filtering later: 'referral_new', 'referral_status' … */
  kind: string;
  referralId?: string | undefined;
  /** One line, at most 300 characters, with no names in it. */
  message: string;
}

export class NotificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotificationError';
  }
}

/** Writes a notification in the caller's transaction; returns its id. */
export async function notify(tx: Db, note: NotificationToSend): Promise<string> {
  const message = note.message.replace(/\s+/g, ' ').trim();
  if (message.length < 1 || message.length > 300)
    throw new NotificationError('a notification needs 1 to 300 characters');
  if (!/^[a-z][a-z_]{0,59}$/.test(note.kind))
    throw new NotificationError('a notification kind is lower-case words joined by _');
  const [row] = await tx
    .insert(notification)
    .values({
      organisationId: note.organisationId,
      userId: note.userId ?? null,
      kind: note.kind,
      referralId: note.referralId ?? null,
      message,
    })
    .returning({ id: notification.id });
  if (!row) throw new Error('the notification was not written');
  return row.id;
}

/** Whose notifications: a user's own, and their organisation's (to no one user). */
export interface Reader {
  userId: string;
  organisationId: string;
}

function mine(reader: Reader) {
  return and(
    eq(notification.organisationId, reader.organisationId),
    or(eq(notification.userId, reader.userId), isNull(notification.userId)),
  );
}

/** How many are unread: two index lookups (the user's own, and the organisation's). */
export async function unreadCount(db: Db, reader: Reader): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select ((select count(*) from notification
        where user_id = ${reader.userId} and organisation_id = ${reader.organisationId} and read_at is null)
      + (select count(*) from notification
        where user_id is null and organisation_id = ${reader.organisationId} and read_at is null))::int as n`,
  );
  return row?.n ?? 0;
}

/** How many the notifications page shows. */
export const notificationsShown = 50;

/** The newest notifications, newest first. */
export async function recentNotifications(db: Db, reader: Reader) {
  return db
    .select({
      id: notification.id,
      kind: notification.kind,
      message: notification.message,
      referralId: notification.referralId,
      toMe: sql<boolean>`${notification.userId} is not null`,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
    })
    .from(notification)
    .where(mine(reader))
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(notificationsShown);
}

/**
 * Marks every unread notification the reader can see as read. An
 * organisation's notifications are shared, like its referrals inbox: once
 * someone there has read one, it is read for everyone.
 */
export async function markAllRead(db: Db, reader: Reader): Promise<number> {
  const updated = await db
    .update(notification)
    .set({ readAt: new Date() })
    .where(and(mine(reader), isNull(notification.readAt)))
    .returning({ id: notification.id });
  return updated.length;
}
