import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { organisation } from '../../db/schema.ts';
import { directoryService } from '../../db/schemaDirectory.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { outOfDate, type ProblemRow, problemColumns } from './listingRepository.ts';
import type { ServiceRow } from './serviceForms.ts';

export interface AreaListingRow {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  status: 'active' | 'inactive';
  lastCheckedOn: string;
  outOfDate: boolean;
  openProblems: number;
  /** When a reminder was last sent and not yet answered. */
  remindedAt: Date | null;
}

export interface OrganisationCount {
  organisationId: string;
  organisationName: string;
  listings: number;
  outOfDate: number;
  openProblems: number;
}

/**
 * The partnership lead's read of the listings of the organisations in their
 * partnership area. Listings are not personal data; self-referrals are, and
 * are never read here. The only write is a reminder.
 */
export class PartnershipListingRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private get areaId(): string {
    if (!this.access.partnershipAreaId) throw new Error('no partnership area in the access context');
    return this.access.partnershipAreaId;
  }

  private inArea() {
    return sql`o.partnership_area_id = ${this.areaId}`;
  }

  async listings(options: { outOfDateOnly: boolean }, db: Db = this.db): Promise<AreaListingRow[]> {
    return queryRows<AreaListingRow>(
      db,
      sql`select s.id, s.name, o.id as "organisationId", o.name as "organisationName", s.status,
          s.last_checked_on::text as "lastCheckedOn", (${outOfDate}) as "outOfDate",
          (select count(*)::int from listing_problem p where p.service_id = s.id and p.resolved_at is null) as "openProblems",
          (select max(r.sent_at) from listing_reminder r where r.service_id = s.id and r.answered_at is null) as "remindedAt"
        from directory_service s join organisation o on o.id = s.organisation_id
        where ${this.inArea()} ${options.outOfDateOnly ? sql`and s.status = 'active' and ${outOfDate}` : sql``}
        order by o.name, s.name, s.id`,
    );
  }

  /** One listing in the area (read only), or undefined, audited as denied, when it is not in the area. */
  async listing(
    serviceId: string,
    db: Db = this.db,
  ): Promise<(ServiceRow & { organisationName: string }) | undefined> {
    const [row] = await db
      .select({ service: directoryService, organisationName: organisation.name })
      .from(directoryService)
      .innerJoin(organisation, eq(organisation.id, directoryService.organisationId))
      .where(and(eq(directoryService.id, serviceId), eq(organisation.partnershipAreaId, this.areaId)));
    await recordAudit(db, this.access, {
      action: 'listing.read',
      outcome: row ? 'success' : 'denied',
      recordType: 'directory_service',
      recordId: serviceId,
    });
    return row && { ...row.service, organisationName: row.organisationName };
  }

  /** The places a listing in the area is at. */
  async places(
    serviceId: string,
    db: Db = this.db,
  ): Promise<{ name: string; address1: string; city: string; postcode: string }[]> {
    return queryRows(
      db,
      sql`select l.name, l.address_1 as "address1", l.city, l.postcode from directory_location l
        join directory_service_at_location a on a.location_id = l.id join organisation o on o.id = l.organisation_id
        where a.service_id = ${serviceId} and ${this.inArea()} order by l.name`,
    );
  }

  async countsByOrganisation(db: Db = this.db): Promise<OrganisationCount[]> {
    return queryRows<OrganisationCount>(
      db,
      sql`select o.id as "organisationId", o.name as "organisationName", count(s.id)::int as listings,
          count(s.id) filter (where s.status = 'active' and ${outOfDate})::int as "outOfDate",
          coalesce(sum((select count(*) from listing_problem p where p.service_id = s.id and p.resolved_at is null)), 0)::int as "openProblems"
        from organisation o join directory_service s on s.organisation_id = o.id
        where ${this.inArea()} group by o.id, o.name order by o.name`,
    );
  }

  async openProblems(db: Db = this.db): Promise<ProblemRow[]> {
    return queryRows<ProblemRow>(
      db,
      sql`select ${problemColumns} from listing_problem p
        join directory_service s on s.id = p.service_id join organisation o on o.id = s.organisation_id
        where ${this.inArea()} and p.resolved_at is null order by p.reported_at desc, p.id limit 200`,
    );
  }

  /**
   * Sends the listing's organisation a reminder to check it; undefined when
   * the listing is not in the lead's area (audited as denied).
   */
  async sendReminder(serviceId: string): Promise<{ serviceName: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string; serviceName: string }>(
        tx,
        sql`insert into listing_reminder (organisation_id, service_id, sent_by)
          select s.organisation_id, s.id, ${this.access.userId ?? null}
          from directory_service s join organisation o on o.id = s.organisation_id
          where s.id = ${serviceId} and ${this.inArea()}
          returning id, (select name from directory_service where id = ${serviceId}) as "serviceName"`,
      );
      await recordAudit(tx, this.access, {
        action: 'listing.reminder_send',
        outcome: row ? 'success' : 'denied',
        recordType: 'directory_service',
        recordId: serviceId,
        detail: row ? { reminderId: row.id } : undefined,
      });
      return row && { serviceName: row.serviceName };
    });
  }
}
