// Self-referrals for the service's organisation, as the person sent them
// (each is also a referral in the inbox: receiveSelfReferral). Personal
// data: read only by practice roles of the organisation the service belongs
// to (checked in SQL), every read audited.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { directoryService, selfReferral } from '../../db/schemaDirectory.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';

const columns = {
  id: selfReferral.id,
  serviceId: selfReferral.serviceId,
  serviceName: directoryService.name,
  name: selfReferral.name,
  audience: selfReferral.audience,
  contactMethod: selfReferral.contactMethod,
  phone: selfReferral.phone,
  email: selfReferral.email,
  safeTimes: selfReferral.safeTimes,
  leaveMessage: selfReferral.leaveMessage,
  helpWith: selfReferral.helpWith,
  status: selfReferral.status,
  receivedAt: selfReferral.receivedAt,
};

export type SelfReferralRow = Omit<typeof selfReferral.$inferSelect, 'organisationId'> & {
  serviceName: string;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class SelfReferralRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The organisation's own self-referrals only; nothing for anyone who may not see personal data. */
  private visible(): SQL {
    const organisationId = canSeePersonalData(this.access) ? (this.access.organisationId as string) : null;
    if (!organisationId) return eq(selfReferral.id, '00000000-0000-0000-0000-000000000000');
    return eq(selfReferral.organisationId, organisationId);
  }

  /** The newest first, with the read audited (how many, no names). */
  async list(limit = 200): Promise<SelfReferralRow[]> {
    const rows = await this.db
      .select(columns)
      .from(selfReferral)
      .innerJoin(directoryService, eq(directoryService.id, selfReferral.serviceId))
      .where(this.visible())
      .orderBy(desc(selfReferral.receivedAt), selfReferral.id)
      .limit(limit);
    await recordAudit(this.db, this.access, {
      action: 'self_referral.list',
      recordType: 'self_referral',
      detail: { count: rows.length },
    });
    return rows as SelfReferralRow[];
  }

  /** One self-referral when the user's organisation has it; otherwise undefined, audited as denied. */
  async get(id: string): Promise<SelfReferralRow | undefined> {
    const [row] = uuidPattern.test(id)
      ? await this.db
          .select(columns)
          .from(selfReferral)
          .innerJoin(directoryService, eq(directoryService.id, selfReferral.serviceId))
          .where(and(eq(selfReferral.id, id), this.visible()))
      : [];
    await recordAudit(this.db, this.access, {
      action: 'self_referral.read',
      outcome: row ? 'success' : 'denied',
      recordType: 'self_referral',
      recordId: uuidPattern.test(id) ? id : undefined,
    });
    return row as SelfReferralRow | undefined;
  }
}
