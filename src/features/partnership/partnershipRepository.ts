import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, family, locality, organisation, partnershipArea } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';

/**
 * Figures for the partnership view: counts only, never names, for the
 * partnership area of the asking user.
 */
export class PartnershipRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private areaId(): string {
    if (!this.access.partnershipAreaId) throw new Error('no partnership area in the access context');
    return this.access.partnershipAreaId;
  }

  async area() {
    const [row] = await this.db.select().from(partnershipArea).where(eq(partnershipArea.id, this.areaId()));
    return row;
  }

  async organisations() {
    return this.db
      .select({
        id: organisation.id,
        name: organisation.name,
        kind: organisation.kind,
        // Qualified by hand: inside a sub-select Drizzle renders a column unqualified.
        activeUsers: sql<number>`(select count(*)::int from ${appUser} u where u.organisation_id = "organisation"."id" and u.status = 'active')`,
      })
      .from(organisation)
      .where(eq(organisation.partnershipAreaId, this.areaId()))
      .orderBy(asc(organisation.kind), asc(organisation.name));
  }

  /** Open families in each locality of the area (raw counts: the presenter suppresses small ones). */
  async openFamiliesByLocality(): Promise<{ locality: string; families: number }[]> {
    return this.db
      .select({ locality: locality.name, families: sql<number>`count(${family.id})::int` })
      .from(locality)
      .leftJoin(family, and(eq(family.localityId, locality.id), eq(family.status, 'open')))
      .where(eq(locality.partnershipAreaId, this.areaId()))
      .groupBy(locality.name)
      .orderBy(asc(locality.name));
  }

  async openFamiliesWithoutLocality(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(family)
      .where(
        and(
          eq(family.partnershipAreaId, this.areaId()),
          eq(family.status, 'open'),
          sql`${family.localityId} is null`,
        ),
      );
    return row?.n ?? 0;
  }
}
