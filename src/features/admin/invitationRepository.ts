import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, organisation, type UserStatus, userInvitation } from '../../db/schema.ts';

// Invitation links are their own authority: whoever holds the secret may set
// that one user's password. So these queries take no access context; the
// admin-side checks happen before a link is made.

/** How long an invitation link works. */
export const invitationDays = 7;

export interface InvitationRow {
  id: string;
  userId: string;
  displayName: string;
  email: string;
  userStatus: UserStatus;
  organisationId: string;
  organisationName: string;
  usedAt: Date | null;
  expired: boolean;
}

export async function findInvitation(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select({
      id: userInvitation.id,
      userId: appUser.id,
      displayName: appUser.displayName,
      email: appUser.email,
      userStatus: appUser.status,
      organisationId: organisation.id,
      organisationName: organisation.name,
      usedAt: userInvitation.usedAt,
      expired: sql<boolean>`${userInvitation.expiresAt} <= now()`,
    })
    .from(userInvitation)
    .innerJoin(appUser, eq(appUser.id, userInvitation.userId))
    .innerJoin(organisation, eq(organisation.id, appUser.organisationId))
    .where(eq(userInvitation.tokenHash, tokenHash));
  return row;
}

/** Stores a new invitation's hash, ending any older link not yet used. Returns when it expires. */
export async function replaceInvitation(
  db: Db,
  values: { userId: string; tokenHash: string; createdBy: string | undefined },
): Promise<Date> {
  await expireOpenInvitations(db, values.userId);
  const [row] = await db
    .insert(userInvitation)
    .values({
      userId: values.userId,
      tokenHash: values.tokenHash,
      createdBy: values.createdBy ?? null,
      expiresAt: sql`now() + make_interval(days => ${invitationDays})`,
    })
    .returning({ expiresAt: userInvitation.expiresAt });
  if (!row) throw new Error('invitation was not stored');
  return row.expiresAt;
}

/** Ends a user's unused links. Expiring rather than deleting keeps the record of every link made. */
export async function expireOpenInvitations(db: Db, userId: string): Promise<void> {
  await db
    .update(userInvitation)
    .set({ expiresAt: sql`now()` })
    .where(
      and(
        eq(userInvitation.userId, userId),
        isNull(userInvitation.usedAt),
        gt(userInvitation.expiresAt, sql`now()`),
      ),
    );
}

/**
 * Marks the invitation used if it still can be: unused, unexpired, and its
 * user not deactivated. False when another request used it first.
 */
export async function useInvitation(db: Db, invitationId: string): Promise<boolean> {
  const rows = await db
    .update(userInvitation)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(userInvitation.id, invitationId),
        isNull(userInvitation.usedAt),
        gt(userInvitation.expiresAt, sql`now()`),
        sql`exists (select 1 from ${appUser} u where u.id = user_invitation.user_id and u.status <> 'deactivated')`,
      ),
    )
    .returning({ id: userInvitation.id });
  return rows.length > 0;
}
