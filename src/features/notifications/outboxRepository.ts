import { and, count, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { emailOutbox, organisation } from '../../db/schema.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';

export type OutboxStatus = 'waiting' | 'sent' | 'failed';
export const outboxStatuses: readonly OutboxStatus[] = ['waiting', 'sent', 'failed'];

export const outboxPageSize = 50;

function statusFilter(status: OutboxStatus | undefined): SQL | undefined {
  if (status === 'sent') return isNotNull(emailOutbox.sentAt);
  if (status === 'failed') return and(isNull(emailOutbox.sentAt), isNotNull(emailOutbox.failedAt));
  if (status === 'waiting') return and(isNull(emailOutbox.sentAt), isNull(emailOutbox.failedAt));
  return undefined;
}

export function outboxStatusOf(email: { sentAt: Date | null; failedAt: Date | null }): OutboxStatus {
  if (email.sentAt) return 'sent';
  return email.failedAt ? 'failed' : 'waiting';
}

/**
 * The email outbox, for admins: an organisation admin sees their
 * organisation's emails, a system admin every email. Emails hold no
 * personal data, but who opens one is still recorded, and a refusal too.
 */
export class OutboxRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private visible(): SQL | undefined {
    if (hasRole(this.access, 'system_admin')) return undefined;
    if (!hasRole(this.access, 'org_admin') || !this.access.organisationId) return sql`false`;
    return eq(emailOutbox.organisationId, this.access.organisationId);
  }

  async list(status: OutboxStatus | undefined, page: number) {
    const where = and(this.visible(), statusFilter(status));
    const [rows, [total]] = await Promise.all([
      this.db
        .select({
          id: emailOutbox.id,
          toAddress: emailOutbox.toAddress,
          subject: emailOutbox.subject,
          createdAt: emailOutbox.createdAt,
          sentAt: emailOutbox.sentAt,
          failedAt: emailOutbox.failedAt,
          failure: emailOutbox.failure,
          organisationName: organisation.name,
        })
        .from(emailOutbox)
        .leftJoin(organisation, eq(organisation.id, emailOutbox.organisationId))
        .where(where)
        .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
        .limit(outboxPageSize)
        .offset((page - 1) * outboxPageSize),
      this.db.select({ n: count() }).from(emailOutbox).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  }

  /** One email, or undefined (with a 'denied' audit event) when it is not this admin's to see. */
  async find(id: string) {
    const [row] = await this.db
      .select({
        id: emailOutbox.id,
        organisationId: emailOutbox.organisationId,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        body: emailOutbox.body,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
        failedAt: emailOutbox.failedAt,
        failure: emailOutbox.failure,
        organisationName: organisation.name,
      })
      .from(emailOutbox)
      .leftJoin(organisation, eq(organisation.id, emailOutbox.organisationId))
      .where(and(eq(emailOutbox.id, id), this.visible()));
    await recordAudit(this.db, this.access, {
      action: 'email_outbox.view',
      outcome: row ? 'success' : 'denied',
      recordType: 'email_outbox',
      recordId: id,
    });
    return row;
  }

  /** Puts a failed email back in the outbox to be sent again; false when there is no such failed email to see. */
  async retry(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(emailOutbox)
        .set({ failedAt: null, failure: null })
        .where(
          and(
            eq(emailOutbox.id, id),
            isNull(emailOutbox.sentAt),
            isNotNull(emailOutbox.failedAt),
            this.visible(),
          ),
        )
        .returning({ id: emailOutbox.id });
      await recordAudit(tx, this.access, {
        action: 'email_outbox.retry',
        outcome: updated.length ? 'success' : 'denied',
        recordType: 'email_outbox',
        recordId: id,
      });
      return updated.length > 0;
    });
  }
}
