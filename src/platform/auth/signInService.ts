import { and, count, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, signInFailure } from '../../db/schema.ts';
import type { AccessContext } from '../access/accessContext.ts';
import { recordAudit } from '../audit/auditLog.ts';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { SessionStore } from './sessionStore.ts';
import { hashSecret } from './tokens.ts';

export const throttle = {
  windowMinutes: 15,
  perAccount: 5,
  perAddress: 20,
};

export type SignInResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; reason: 'wrong' | 'throttled' };

function emailKey(email: string): string {
  return hashSecret(`sign-in:${email.trim().toLowerCase()}`);
}

/** Sign-in, sign-out and password change, with throttling and audit. */
export class SignInService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionStore,
  ) {}

  async signIn(email: string, password: string, access: AccessContext): Promise<SignInResult> {
    const key = emailKey(email);
    const since = sql`now() - make_interval(mins => ${throttle.windowMinutes})`;
    const [failures] = await this.db
      .select({
        byAccount: sql<number>`count(*) filter (where ${signInFailure.emailHash} = ${key})::int`,
        byAddress: sql<number>`count(*) filter (where ${signInFailure.ip} = ${access.ip})::int`,
      })
      .from(signInFailure)
      .where(
        and(
          gt(signInFailure.at, since),
          or(eq(signInFailure.emailHash, key), eq(signInFailure.ip, access.ip)),
        ),
      );
    const [user] = await this.db
      .select()
      .from(appUser)
      .where(sql`lower(${appUser.email}) = ${email.trim().toLowerCase()}`)
      .limit(1);
    const auditBase = { recordType: 'app_user', recordId: user?.id };
    const actor = { ...access, organisationId: user?.organisationId };

    if (
      (failures?.byAccount ?? 0) >= throttle.perAccount ||
      (failures?.byAddress ?? 0) >= throttle.perAddress
    ) {
      await recordAudit(this.db, actor, {
        ...auditBase,
        action: 'sign_in',
        outcome: 'denied',
        reason: 'throttled',
      });
      return { ok: false, reason: 'throttled' };
    }
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid || user.status !== 'active') {
      await this.db.transaction(async (tx) => {
        await tx.insert(signInFailure).values({ emailHash: key, ip: access.ip });
        await recordAudit(tx, actor, {
          ...auditBase,
          action: 'sign_in',
          outcome: 'failure',
          reason: user && valid ? `account ${user.status}` : 'wrong email or password',
        });
      });
      return { ok: false, reason: 'wrong' };
    }
    const { token } = await this.db.transaction(async (tx) => {
      await tx.delete(signInFailure).where(eq(signInFailure.emailHash, key));
      await recordAudit(tx, { ...actor, userId: user.id }, { ...auditBase, action: 'sign_in' });
      return this.sessions.start(user.id, tx);
    });
    return { ok: true, token, userId: user.id };
  }

  async signOut(token: string, access: AccessContext): Promise<void> {
    await this.sessions.end(token, 'signed out');
    await recordAudit(this.db, access, {
      action: 'sign_out',
      recordType: 'app_user',
      recordId: access.userId,
    });
  }

  /** Changes the password after checking the current one; ends the user's other sessions. */
  async changePassword(
    access: AccessContext & { userId: string },
    sessionId: string,
    current: string,
    next: string,
  ): Promise<{ ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string }> {
    const [user] = await this.db.select().from(appUser).where(eq(appUser.id, access.userId));
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
      await recordAudit(this.db, access, {
        action: 'password_change',
        outcome: 'failure',
        recordType: 'app_user',
        recordId: access.userId,
      });
      return { ok: false, field: 'currentPassword', message: 'Your current password is not right' };
    }
    const problem = passwordProblem(next, user.email);
    if (problem) return { ok: false, field: 'newPassword', message: problem };
    if (next === current)
      return {
        ok: false,
        field: 'newPassword',
        message: 'Choose a password different from your current one',
      };
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx
        .update(appUser)
        .set({ passwordHash, passwordChangedAt: sql`now()` })
        .where(eq(appUser.id, user.id));
      await this.sessions.endAllForUser(user.id, 'password changed', sessionId, tx);
      await recordAudit(tx, access, { action: 'password_change', recordType: 'app_user', recordId: user.id });
    });
    return { ok: true };
  }

  /** Whether the user wants emails about referrals (on unless they turned it off). */
  async referralEmails(userId: string): Promise<boolean> {
    const [user] = await this.db
      .select({ on: appUser.emailReferrals })
      .from(appUser)
      .where(eq(appUser.id, userId));
    return user?.on ?? false;
  }

  /** Turns the user's referral emails on or off, with its audit event, in one transaction. */
  async setReferralEmails(access: AccessContext & { userId: string }, on: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(appUser).set({ emailReferrals: on }).where(eq(appUser.id, access.userId));
      await recordAudit(tx, access, {
        action: 'account.referral_emails',
        recordType: 'app_user',
        recordId: access.userId,
        detail: { on },
      });
    });
  }

  /** Forgets failed sign-ins older than a day: they no longer count towards any limit. */
  async prune(): Promise<void> {
    await this.db.delete(signInFailure).where(lt(signInFailure.at, sql`now() - interval '1 day'`));
  }

  /** How many failed sign-ins are on record in the window; for tests and the admin view. */
  async recentFailures(email: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(signInFailure)
      .where(eq(signInFailure.emailHash, emailKey(email)));
    return row?.n ?? 0;
  }
}
