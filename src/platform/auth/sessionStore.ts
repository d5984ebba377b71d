import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, organisation, type Role, userSession } from '../../db/schema.ts';
import { hashSecret, newSecret } from './tokens.ts';

/** The signed-in user as a request sees them. */
export interface SessionUser {
  sessionId: string;
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  organisationId: string;
  organisationName: string;
  partnershipAreaId: string;
}

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

// last_seen_at is written at most this often, so busy pages do not write on every request.
const touchEverySeconds = 60;

/**
 * Sessions live in the database so any number of app processes can serve a
 * user. The cookie holds a random token; only its hash is stored.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly limits: SessionLimits,
  ) {}

  private resolveQuery: ReturnType<SessionStore['prepareResolve']> | undefined;

  /**
   * Every signed-in request runs this lookup, so it is built once and prepared on each
   * database connection (saving the SQL building here and the planning in PostgreSQL).
   * The SQL text does not depend on the limits, so one name serves every store.
   */
  private prepareResolve() {
    return this.db
      .select({
        sessionId: userSession.id,
        lastSeenAt: userSession.lastSeenAt,
        userId: appUser.id,
        email: appUser.email,
        displayName: appUser.displayName,
        roles: appUser.roles,
        organisationId: organisation.id,
        organisationName: organisation.name,
        partnershipAreaId: organisation.partnershipAreaId,
        idle: sql<boolean>`${userSession.lastSeenAt} < now() - make_interval(mins => ${sql.placeholder('idleMinutes')}::int)`,
        expired: sql<boolean>`${userSession.expiresAt} <= now()`,
      })
      .from(userSession)
      .innerJoin(appUser, eq(appUser.id, userSession.userId))
      .innerJoin(organisation, eq(organisation.id, appUser.organisationId))
      .where(
        and(
          eq(userSession.tokenHash, sql.placeholder('tokenHash')),
          isNull(userSession.endedAt),
          eq(appUser.status, 'active'),
        ),
      )
      .limit(1)
      .prepare('hearth_session_resolve');
  }

  /** Starts a session; pass a transaction to join it (PGlite deadlocks if the outer handle is used inside one). */
  async start(userId: string, db: Db = this.db): Promise<{ token: string; sessionId: string }> {
    const token = newSecret();
    const [row] = await db
      .insert(userSession)
      .values({
        tokenHash: hashSecret(token),
        userId,
        expiresAt: new Date(Date.now() + this.limits.absoluteHours * 3600_000),
      })
      .returning({ id: userSession.id });
    if (!row) throw new Error('session was not stored');
    return { token, sessionId: row.id };
  }

  /** The session's user, or undefined when the token is unknown, ended, idle too long or past its limit. */
  async resolve(token: string): Promise<SessionUser | undefined> {
    this.resolveQuery ??= this.prepareResolve();
    const [row] = await this.resolveQuery.execute({
      tokenHash: hashSecret(token),
      idleMinutes: this.limits.idleMinutes,
    });
    if (!row) return undefined;
    if (row.idle || row.expired) {
      await this.endById(row.sessionId, row.idle ? 'idle' : 'expired');
      return undefined;
    }
    if (Date.now() - new Date(row.lastSeenAt).getTime() > touchEverySeconds * 1000) {
      await this.db
        .update(userSession)
        .set({ lastSeenAt: sql`now()` })
        .where(eq(userSession.id, row.sessionId));
    }
    const { lastSeenAt: _seen, idle: _idle, expired: _expired, ...user } = row;
    return user;
  }

  async end(token: string, reason: string): Promise<void> {
    await this.db
      .update(userSession)
      .set({ endedAt: sql`now()`, endReason: reason })
      .where(and(eq(userSession.tokenHash, hashSecret(token)), isNull(userSession.endedAt)));
  }

  async endById(sessionId: string, reason: string): Promise<void> {
    await this.db
      .update(userSession)
      .set({ endedAt: sql`now()`, endReason: reason })
      .where(and(eq(userSession.id, sessionId), isNull(userSession.endedAt)));
  }

  /** Ends every open session of a user (deactivation, password change), except one to keep; pass a transaction to join it. */
  async endAllForUser(
    userId: string,
    reason: string,
    keepSessionId?: string,
    db: Db = this.db,
  ): Promise<void> {
    await db
      .update(userSession)
      .set({ endedAt: sql`now()`, endReason: reason })
      .where(
        and(
          eq(userSession.userId, userId),
          isNull(userSession.endedAt),
          keepSessionId ? sql`${userSession.id} <> ${keepSessionId}` : undefined,
        ),
      );
  }

  /** Removes sessions that ended, or passed their absolute limit, more than a day ago. */
  async prune(): Promise<void> {
    await this.db
      .delete(userSession)
      .where(
        or(
          lt(userSession.expiresAt, sql`now() - interval '1 day'`),
          lt(userSession.endedAt, sql`now() - interval '1 day'`),
        ),
      );
  }
}
