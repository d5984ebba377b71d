// Test fixtures: directory services and referral rows made directly, for the waiting-time figures.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { directoryService, type ReferralStatus, referral } from '../../db/schema.ts';

export async function createService(db: Db, organisationId: string, name: string) {
  const [row] = await db
    .insert(directoryService)
    .values({ organisationId, name, summary: 'A test service', description: 'A test service.' })
    .returning();
  if (!row) throw new Error('no service');
  return row;
}

export interface ReferralRow {
  /** An ISO instant; none for a draft. */
  sentAt?: string;
  status: ReferralStatus;
  firstSupportOn?: string;
}

/** Self-referrals (the kind that needs no family record), sent at the given instants. */
export async function addReferrals(
  db: Db,
  service: { id: string; organisationId: string },
  rows: ReferralRow[],
): Promise<void> {
  await db.insert(referral).values(
    rows.map((r) => ({
      // The database numbers it (R-000123).
      reference: sql`default`,
      serviceId: service.id,
      organisationId: service.organisationId,
      origin: 'self_referral' as const,
      status: r.status,
      sentAt: r.sentAt ? new Date(r.sentAt) : null,
      firstSupportOn: r.firstSupportOn ?? null,
      declineReason: r.status === 'declined' ? 'Outside the area we cover' : null,
    })),
  );
}

/** `count` referrals alike. */
export function many(count: number, row: ReferralRow): ReferralRow[] {
  return Array.from({ length: count }, () => ({ ...row }));
}
