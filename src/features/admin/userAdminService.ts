import type { Db } from '../../db/client.ts';
import type { Role } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { SessionStore } from '../../platform/auth/sessionStore.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { allowedActions, grantableRoles, isSystemAdmin, organisationFor } from './adminAccess.ts';
import { expireOpenInvitations, replaceInvitation } from './invitationRepository.ts';
import { type InviteForm, inviteProblems } from './inviteForm.ts';
import { UserAdminRepository, type UserDetail } from './userAdminRepository.ts';

/** A new invitation link's secret, to show the admin once; only its hash is stored. */
export interface IssuedInvitation {
  userId: string;
  displayName: string;
  token: string;
  expiresAt: Date;
}

export type InviteResult = ({ ok: true } & IssuedInvitation) | { ok: false; errors: FieldErrors };

const emailTaken = 'A user with this email address already exists. Find them in the list of users';

// PostgreSQL's unique_violation, whether node-postgres or PGlite raised it, and whether Drizzle wrapped it.
function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) => (e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined);
  return code(error) === '23505' || code((error as { cause?: unknown } | undefined)?.cause) === '23505';
}

/** The audit actor for a change to a user: filed under the user's organisation, so its admins see it. */
function actorFor(access: AccessContext, user: { organisationId: string }): AccessContext {
  return { ...access, organisationId: user.organisationId };
}

/** Inviting, re-inviting, deactivating and reactivating users; each change is audited in its transaction. */
export class UserAdminService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionStore,
  ) {}

  /** The users of one organisation: the admin's own, or the one a system admin picked. Audited as a read. */
  async list(access: AccessContext, requestedOrganisation: string | undefined) {
    const users = new UserAdminRepository(this.db, access);
    const organisationId = organisationFor(access, requestedOrganisation);
    const organisation = organisationId ? await users.organisation(organisationId) : undefined;
    if (!organisation) throw new NotFoundError();
    const [organisations, list] = await Promise.all([
      users.organisations(),
      users.listUsers(organisation.id),
    ]);
    await recordAudit(this.db, actorFor(access, { organisationId: organisation.id }), {
      action: 'user.list',
      recordType: 'organisation',
      recordId: organisation.id,
      detail: { shown: list.length },
    });
    return { organisation, organisations, users: list };
  }

  /** One user this admin may see, else 404. Audited as a read. */
  async get(access: AccessContext, userId: string): Promise<UserDetail> {
    const user = await new UserAdminRepository(this.db, access).getUser(userId);
    if (!user) throw new NotFoundError();
    await recordAudit(this.db, actorFor(access, user), {
      action: 'user.read',
      recordType: 'app_user',
      recordId: user.id,
    });
    return user;
  }

  /** The organisations an admin may invite into: a system admin's choice, or their own. */
  organisations(access: AccessContext): Promise<{ id: string; name: string }[]> {
    return new UserAdminRepository(this.db, access).organisations();
  }

  async invite(access: AccessContext, form: InviteForm): Promise<InviteResult> {
    const choosesOrganisation = isSystemAdmin(access);
    const errors = inviteProblems(form, { grantable: grantableRoles(access), choosesOrganisation });
    const users = new UserAdminRepository(this.db, access);
    const organisationId = choosesOrganisation ? form.organisation : access.organisationId;
    if (!errors.organisation && !(organisationId && (await users.organisation(organisationId))))
      errors.organisation = 'Select the organisation the person works for';
    if (!errors.email && (await users.emailInUse(form.email))) errors.email = emailTaken;
    if (Object.keys(errors).length > 0 || !organisationId) return { ok: false, errors };

    const token = newSecret();
    try {
      return await this.db.transaction(async (tx) => {
        const userId = await new UserAdminRepository(tx, access).insertInvitedUser({
          organisationId,
          displayName: form.name,
          email: form.email,
          roles: form.roles as Role[],
        });
        const expiresAt = await replaceInvitation(tx, {
          userId,
          tokenHash: hashSecret(token),
          createdBy: access.userId,
        });
        await recordAudit(tx, actorFor(access, { organisationId }), {
          action: 'user.invite',
          recordType: 'app_user',
          recordId: userId,
          detail: { roles: form.roles },
        });
        return { ok: true as const, userId, displayName: form.name, token, expiresAt };
      });
    } catch (error) {
      // Another admin took the email between the check and the insert.
      if (isUniqueViolation(error)) return { ok: false, errors: { email: emailTaken } };
      throw error;
    }
  }

  /** A fresh link for an invited user, or for one who has forgotten their password; older links stop working. */
  async newInvitation(access: AccessContext, userId: string): Promise<IssuedInvitation> {
    const user = await this.manageable(access, userId, 'newInvitation');
    const token = newSecret();
    const expiresAt = await this.db.transaction(async (tx) => {
      const expires = await replaceInvitation(tx, {
        userId: user.id,
        tokenHash: hashSecret(token),
        createdBy: access.userId,
      });
      await recordAudit(tx, actorFor(access, user), {
        action: 'user.reinvite',
        recordType: 'app_user',
        recordId: user.id,
      });
      return expires;
    });
    return { userId: user.id, displayName: user.displayName, token, expiresAt };
  }

  /** Stops the user signing in and ends their open sessions at once. */
  async deactivate(access: AccessContext, userId: string): Promise<void> {
    const user = await this.manageable(access, userId, 'deactivate');
    await this.db.transaction(async (tx) => {
      if (!(await new UserAdminRepository(tx, access).deactivate(user.id))) return;
      await expireOpenInvitations(tx, user.id);
      await this.sessions.endAllForUser(user.id, 'deactivated', undefined, tx);
      await recordAudit(tx, actorFor(access, user), {
        action: 'user.deactivate',
        recordType: 'app_user',
        recordId: user.id,
      });
    });
  }

  async reactivate(access: AccessContext, userId: string): Promise<void> {
    const user = await this.manageable(access, userId, 'reactivate');
    await this.db.transaction(async (tx) => {
      if (!(await new UserAdminRepository(tx, access).reactivate(user.id))) return;
      await recordAudit(tx, actorFor(access, user), {
        action: 'user.reactivate',
        recordType: 'app_user',
        recordId: user.id,
      });
    });
  }

  /** The user, if this admin may see them (else 404) and may do this to them (else 403). */
  private async manageable(
    access: AccessContext,
    userId: string,
    action: keyof ReturnType<typeof allowedActions>,
  ): Promise<UserDetail> {
    const user = await new UserAdminRepository(this.db, access).getUser(userId);
    if (!user) throw new NotFoundError();
    if (allowedActions(access, user)[action]) return user;
    if (action === 'deactivate' && user.id === access.userId)
      throw new ForbiddenError('You cannot deactivate your own account. Ask another administrator to do it.');
    if (user.roles.includes('system_admin'))
      throw new ForbiddenError('Only a system admin can change a system admin’s account.');
    if (action === 'newInvitation')
      throw new ForbiddenError('Reactivate this user before making them a new invitation link.');
    // Deactivating someone already deactivated (or the reverse) comes from a stale page; the update changes nothing.
    return user;
  }
}
