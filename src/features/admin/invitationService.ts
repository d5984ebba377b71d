import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import type { SessionStore } from '../../platform/auth/sessionStore.ts';
import { hashSecret } from '../../platform/auth/tokens.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import {
  expireOpenInvitations,
  findInvitation,
  type InvitationRow,
  useInvitation,
} from './invitationRepository.ts';

export type UnusableReason = 'unknown' | 'used' | 'expired';

export type InvitationLookup =
  | { usable: true; invitation: InvitationRow }
  | { usable: false; reason: UnusableReason; invitation?: InvitationRow };

export type AcceptResult =
  | { ok: true }
  | { ok: false; errors: FieldErrors; invitation: InvitationRow }
  | { ok: false; reason: UnusableReason };

/** Opening an invitation link and choosing a password with it. */
export class InvitationService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionStore,
  ) {}

  async find(token: string): Promise<InvitationLookup> {
    // A real token is 43 characters; anything far longer is not worth hashing.
    if (!token || token.length > 200) return { usable: false, reason: 'unknown' };
    const invitation = await findInvitation(this.db, hashSecret(token));
    if (!invitation) return { usable: false, reason: 'unknown' };
    if (invitation.usedAt) return { usable: false, reason: 'used', invitation };
    if (invitation.expired || invitation.userStatus === 'deactivated')
      return { usable: false, reason: 'expired', invitation };
    return { usable: true, invitation };
  }

  /** Sets the password, activates the account, uses up the link and ends any sessions the user had. */
  async accept(
    token: string,
    password: string,
    confirmPassword: string,
    access: AccessContext,
  ): Promise<AcceptResult> {
    const found = await this.find(token);
    if (!found.usable) {
      if (found.invitation) await this.audit(this.db, access, found.invitation, 'denied', found.reason);
      return { ok: false, reason: found.reason };
    }
    const { invitation } = found;
    const errors: FieldErrors = {};
    if (!password) errors.password = 'Enter a password';
    else {
      const problem = passwordProblem(password, invitation.email);
      if (problem) errors.password = problem;
      else if (password !== confirmPassword) errors.confirmPassword = 'The passwords do not match';
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, invitation };

    const passwordHash = await hashPassword(password);
    const accepted = await this.db.transaction(async (tx) => {
      if (!(await useInvitation(tx, invitation.id))) return false;
      await tx
        .update(appUser)
        .set({ passwordHash, status: 'active', passwordChangedAt: sql`now()` })
        .where(and(eq(appUser.id, invitation.userId), inArray(appUser.status, ['invited', 'active'])));
      await expireOpenInvitations(tx, invitation.userId);
      // A forgotten-password invitation: whoever held the old password is signed out.
      await this.sessions.endAllForUser(invitation.userId, 'password set from invitation', undefined, tx);
      await this.audit(tx, access, invitation, 'success');
      return true;
    });
    return accepted ? { ok: true } : { ok: false, reason: 'used' };
  }

  private audit(
    db: Db,
    access: AccessContext,
    invitation: InvitationRow,
    outcome: 'success' | 'denied',
    reason?: string,
  ): Promise<void> {
    return recordAudit(
      db,
      // Only a successful use shows the holder was the invited person; a refused one could be anyone.
      {
        ...access,
        userId: outcome === 'success' ? invitation.userId : access.userId,
        organisationId: invitation.organisationId,
      },
      {
        action: 'invitation.accept',
        outcome,
        recordType: 'app_user',
        recordId: invitation.userId,
        ...(reason ? { reason } : {}),
      },
    );
  }
}
