import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, breakGlass, family, notice } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';

/** How long emergency access lasts once the glass is broken. */
export const breakGlassHours = 4;

/** The shortest reason accepted for emergency access. */
export const minimumReasonLength = 20;

export interface ActiveBreakGlass {
  expiresAt: Date;
  /** The time it ends, as HH:MM in UK time, for the banner. */
  until: string;
}

export type BreakGlassResult =
  | { ok: true; familyId: string; expiresAt: Date }
  | { ok: false; reason: 'no_such_family' };

export function clockTime(at: Date): string {
  return at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

/**
 * Break glass: a practitioner's time-limited access to a family against
 * consent or team membership, for protection. Every attempt is audited with
 * its reason; each use tells the user's organisation leads by a notice.
 */
export class BreakGlassRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The user's emergency access to this family while it lasts, or undefined. */
  async activeBreakGlass(familyId: string): Promise<ActiveBreakGlass | undefined> {
    const query = this.activeBreakGlassQuery(familyId);
    const [row] = query ? await query : [];
    return activeBreakGlass(row);
  }

  /** The select behind `activeBreakGlass`; undefined for someone who is not a user. */
  activeBreakGlassQuery(familyId: string) {
    const userId = this.access.userId;
    if (!userId) return undefined;
    return this.db
      .select({ expiresAt: breakGlass.expiresAt })
      .from(breakGlass)
      .where(
        and(
          eq(breakGlass.familyId, familyId),
          eq(breakGlass.userId, userId),
          gt(breakGlass.expiresAt, sql`now()`),
        ),
      )
      .orderBy(desc(breakGlass.expiresAt))
      .limit(1);
  }

  /**
   * Opens a family of the user's partnership area by its reference, for
   * `breakGlassHours`. The attempt is audited (with its reason) before the
   * answer is known to the user, whether or not the family exists.
   */
  async open(reference: string, reason: string, now = new Date()): Promise<BreakGlassResult> {
    const { userId, organisationId, partnershipAreaId } = this.access;
    return this.db.transaction(async (tx) => {
      const [target] =
        userId && organisationId && partnershipAreaId
          ? await tx
              .select({ id: family.id, reference: family.reference })
              .from(family)
              .where(
                and(
                  sql`upper(${family.reference}) = upper(${reference})`,
                  eq(family.partnershipAreaId, partnershipAreaId),
                ),
              )
          : [];
      if (!target || !userId || !organisationId) {
        await recordAudit(tx, this.access, {
          action: 'family.break_glass',
          outcome: 'denied',
          recordType: 'family',
          reason,
          detail: { found: false },
        });
        return { ok: false, reason: 'no_such_family' } as const;
      }
      const expiresAt = new Date(now.getTime() + breakGlassHours * 3_600_000);
      const [created] = await tx
        .insert(breakGlass)
        .values({ familyId: target.id, userId, organisationId, reason, startedAt: now, expiresAt })
        .returning({ id: breakGlass.id });
      const [user] = await tx
        .select({ name: appUser.displayName })
        .from(appUser)
        .where(eq(appUser.id, userId));
      await tx.insert(notice).values({
        organisationId,
        kind: 'break_glass',
        familyId: target.id,
        aboutUserId: userId,
        message: `${user?.name ?? 'A worker'} used emergency access to family ${target.reference} until ${clockTime(expiresAt)}. Their reason is in the audit trail.`,
      });
      await recordAudit(tx, this.access, {
        action: 'family.break_glass',
        recordType: 'break_glass',
        recordId: created?.id,
        familyId: target.id,
        reason,
        detail: { hours: breakGlassHours },
      });
      return { ok: true, familyId: target.id, expiresAt } as const;
    });
  }
}

/** The emergency access as the overview shows it, from its row (if any). */
export function activeBreakGlass(row: { expiresAt: Date } | undefined): ActiveBreakGlass | undefined {
  return row ? { expiresAt: row.expiresAt, until: clockTime(row.expiresAt) } : undefined;
}
