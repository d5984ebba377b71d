import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { family, notice } from '../../db/schema.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';

export interface NoticeView {
  id: string;
  kind: string;
  message: string;
  familyId: string | null;
  familyReference: string | null;
  createdAt: Date;
}

/** Who reads an organisation's notices: its team leads and organisation admins. */
export function readsNotices(access: AccessContext): boolean {
  return access.organisationId !== undefined && hasRole(access, 'team_lead', 'org_admin');
}

/**
 * Notices to an organisation's leads: emergency access used by one of its
 * workers, a lead professional role handed to one of them. Messages hold no
 * family member's name.
 */
export class NoticeRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The organisation's unread notices, newest first; none for users who do not read notices. */
  async unread(limit = 20): Promise<NoticeView[]> {
    const organisationId = this.access.organisationId;
    if (!readsNotices(this.access) || !organisationId) return [];
    const rows = await this.db
      .select({
        id: notice.id,
        kind: notice.kind,
        message: notice.message,
        familyId: notice.familyId,
        familyReference: family.reference,
        createdAt: notice.createdAt,
      })
      .from(notice)
      .leftJoin(family, eq(family.id, notice.familyId))
      .where(and(eq(notice.organisationId, organisationId), isNull(notice.readAt)))
      .orderBy(desc(notice.createdAt))
      .limit(limit);
    if (rows.length > 0) {
      await recordAudit(this.db, this.access, {
        action: 'notice.list',
        recordType: 'notice',
        detail: { shown: rows.length },
      });
    }
    return rows;
  }

  /** Marks a notice of the user's organisation read; false when there is no such unread notice. */
  async markRead(id: string): Promise<boolean> {
    const organisationId = this.access.organisationId;
    if (!readsNotices(this.access) || !organisationId) return false;
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(notice)
        .set({ readAt: new Date(), readBy: this.access.userId ?? null })
        .where(and(eq(notice.id, id), eq(notice.organisationId, organisationId), isNull(notice.readAt)))
        .returning({ id: notice.id });
      await recordAudit(tx, this.access, {
        action: 'notice.read',
        outcome: updated.length ? 'success' : 'denied',
        recordType: 'notice',
        recordId: id,
      });
      return updated.length > 0;
    });
  }
}
