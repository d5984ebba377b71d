import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, organisation, type Role, type UserStatus, userInvitation } from '../../db/schema.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';

export interface UserRow {
  id: string;
  organisationId: string;
  displayName: string;
  email: string;
  roles: Role[];
  status: UserStatus;
  lastSignInAt: Date | string | null;
}

export interface UserDetail extends UserRow {
  organisationName: string;
  createdAt: Date;
  deactivatedAt: Date | null;
  /** When the newest unused invitation link stops working, if one is open. */
  invitationExpiresAt: Date | null;
}

/**
 * Users as an administrator sees them. The organisation filter is in the SQL:
 * an organisation admin reaches only their own organisation's users, so a
 * user of another organisation is simply not found.
 */
export class UserAdminRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private inScope(column: typeof appUser.organisationId | typeof organisation.id): SQL {
    if (hasRole(this.access, 'system_admin')) return sql`true`;
    if (hasRole(this.access, 'org_admin') && this.access.organisationId)
      return eq(column, this.access.organisationId);
    return sql`false`;
  }

  // The newest successful sign-in, read from the audit trail through the actor index.
  // The outer table is named in full: Drizzle leaves single-table columns unqualified.
  private lastSignIn() {
    return sql<Date | string | null>`(select e.at from audit_event e
      where e.actor_user_id = app_user.id and e.action = 'sign_in' and e.outcome = 'success'
      order by e.at desc limit 1)`;
  }

  /** The organisations this admin may manage, by name. */
  async organisations(): Promise<{ id: string; name: string }[]> {
    return this.db
      .select({ id: organisation.id, name: organisation.name })
      .from(organisation)
      .where(this.inScope(organisation.id))
      .orderBy(asc(organisation.name));
  }

  async organisation(id: string): Promise<{ id: string; name: string } | undefined> {
    const [row] = await this.db
      .select({ id: organisation.id, name: organisation.name })
      .from(organisation)
      .where(and(eq(organisation.id, id), this.inScope(organisation.id)));
    return row;
  }

  async listUsers(organisationId: string): Promise<UserRow[]> {
    return this.db
      .select({
        id: appUser.id,
        organisationId: appUser.organisationId,
        displayName: appUser.displayName,
        email: appUser.email,
        roles: appUser.roles,
        status: appUser.status,
        lastSignInAt: this.lastSignIn(),
      })
      .from(appUser)
      .where(and(eq(appUser.organisationId, organisationId), this.inScope(appUser.organisationId)))
      .orderBy(asc(appUser.displayName), asc(appUser.email));
  }

  /** One user, or undefined when there is none this admin may see. */
  async getUser(id: string): Promise<UserDetail | undefined> {
    const [row] = await this.db
      .select({
        id: appUser.id,
        organisationId: appUser.organisationId,
        organisationName: organisation.name,
        displayName: appUser.displayName,
        email: appUser.email,
        roles: appUser.roles,
        status: appUser.status,
        createdAt: appUser.createdAt,
        deactivatedAt: appUser.deactivatedAt,
        lastSignInAt: this.lastSignIn(),
        invitationExpiresAt: sql<Date | null>`(select max(i.expires_at) from ${userInvitation} i
          where i.user_id = app_user.id and i.used_at is null and i.expires_at > now())`,
      })
      .from(appUser)
      .innerJoin(organisation, eq(organisation.id, appUser.organisationId))
      .where(and(eq(appUser.id, id), this.inScope(appUser.organisationId)));
    return row;
  }

  /** Emails are unique across Hearth, whatever their case, so this looks beyond the organisation. */
  async emailInUse(email: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: appUser.id })
      .from(appUser)
      .where(sql`lower(${appUser.email}) = ${email.toLowerCase()}`)
      .limit(1);
    return row !== undefined;
  }

  async insertInvitedUser(values: {
    organisationId: string;
    displayName: string;
    email: string;
    roles: Role[];
  }): Promise<string> {
    const [row] = await this.db
      .insert(appUser)
      .values({ ...values, status: 'invited', passwordHash: null })
      .returning({ id: appUser.id });
    if (!row) throw new Error('user was not stored');
    return row.id;
  }

  /** Deactivates the user unless they already are; false when there was nothing to change. */
  async deactivate(userId: string): Promise<boolean> {
    const rows = await this.db
      .update(appUser)
      .set({ status: 'deactivated', deactivatedAt: sql`now()` })
      .where(and(this.changeable(userId), inArray(appUser.status, ['invited', 'active'])))
      .returning({ id: appUser.id });
    return rows.length > 0;
  }

  /** Reactivates a deactivated user; false when there was nothing to change. */
  async reactivate(userId: string): Promise<boolean> {
    const rows = await this.db
      .update(appUser)
      .set({
        // A user who never chose a password goes back to waiting for an invitation.
        status: sql`case when ${appUser.passwordHash} is null then 'invited' else 'active' end`,
        deactivatedAt: null,
      })
      .where(and(this.changeable(userId), eq(appUser.status, 'deactivated')))
      .returning({ id: appUser.id });
    return rows.length > 0;
  }

  private changeable(userId: string): SQL | undefined {
    return and(eq(appUser.id, userId), this.inScope(appUser.organisationId));
  }
}
