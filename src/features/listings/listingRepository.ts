import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { directoryService } from '../../db/schemaDirectory.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import {
  type Section,
  type ServiceChanges,
  type ServiceRow,
  sectionFormOf,
  valuesOf,
} from './serviceForms.ts';

/** A listing is out of date when nobody has checked it for six months. */
export const outOfDate = sql`s.last_checked_on < (current_date - interval '6 months')`;

export interface ServiceListRow {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  lastCheckedOn: string;
  outOfDate: boolean;
  openProblems: number;
}

export interface ProblemRow {
  id: string;
  serviceId: string;
  serviceName: string;
  organisationName: string;
  kind: string;
  details: string | null;
  reportedAt: Date;
}

export interface ReminderRow {
  id: string;
  serviceId: string;
  serviceName: string;
  sentAt: Date;
}

export const problemColumns = sql`p.id, p.service_id as "serviceId", s.name as "serviceName",
  o.name as "organisationName", p.kind, p.details, p.reported_at as "reportedAt"`;

/**
 * An organisation admin's own listings. Every query carries the
 * organisation in its WHERE clause; a service of another organisation is
 * not found, and asking for one is audited as denied.
 */
export class ListingRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  get organisationId(): string {
    if (!this.access.organisationId) throw new Error('no organisation in the access context');
    return this.access.organisationId;
  }

  async services(db: Db = this.db): Promise<ServiceListRow[]> {
    return queryRows<ServiceListRow>(
      db,
      sql`select s.id, s.name, s.status, s.last_checked_on::text as "lastCheckedOn", (${outOfDate}) as "outOfDate",
          (select count(*)::int from listing_problem p where p.service_id = s.id and p.resolved_at is null) as "openProblems"
        from directory_service s where s.organisation_id = ${this.organisationId} order by s.name, s.id`,
    );
  }

  /** One of the organisation's services, or undefined (and a denied audit event) when it is not theirs. */
  async service(serviceId: string, db: Db = this.db): Promise<ServiceRow | undefined> {
    const [row] = await db
      .select()
      .from(directoryService)
      .where(
        and(eq(directoryService.id, serviceId), eq(directoryService.organisationId, this.organisationId)),
      );
    if (!row)
      await recordAudit(db, this.access, {
        action: 'listing.read',
        outcome: 'denied',
        recordType: 'directory_service',
        recordId: serviceId,
      });
    return row;
  }

  /** Adds a service with the "about" page's details; it starts as checked today. */
  async add(changes: ServiceChanges): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(directoryService)
        .values({
          name: changes.name as string,
          summary: changes.summary as string,
          description: changes.description as string,
          ...changes,
          organisationId: this.organisationId,
        })
        .returning({ id: directoryService.id });
      if (!created) throw new Error('service not added');
      await recordAudit(tx, this.access, {
        action: 'listing.add',
        recordType: 'directory_service',
        recordId: created.id,
      });
      return created.id;
    });
  }

  /** Saves one page of the listing against the version it was opened at (StaleEditError when someone saved first). */
  async change(
    serviceId: string,
    section: Section,
    token: EditToken,
    changes: ServiceChanges,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const updated = await tx
        .update(directoryService)
        .set({ ...changes, updatedAt: new Date(), version: sql`${directoryService.version} + 1` })
        .where(
          and(
            eq(directoryService.id, serviceId),
            eq(directoryService.organisationId, this.organisationId),
            eq(directoryService.version, token.version),
          ),
        )
        .returning({ id: directoryService.id });
      await requireUpdated(updated, async () => {
        const [row] = await tx
          .select()
          .from(directoryService)
          .where(
            and(eq(directoryService.id, serviceId), eq(directoryService.organisationId, this.organisationId)),
          );
        return (
          row && {
            version: row.version,
            values: valuesOf(sectionFormOf(section, row)),
            savedAt: row.updatedAt,
          }
        );
      });
      await recordAudit(tx, this.access, {
        action: 'listing.change',
        recordType: 'directory_service',
        recordId: serviceId,
        detail: { section, version: token.version + 1 },
      });
    });
  }

  /**
   * "Everything is right": the listing is checked today, and the reminders
   * sent about it are answered. False when the listing changed since the
   * page showed it (the admin should look again).
   */
  async markChecked(serviceId: string, version: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(directoryService)
        .set({ lastCheckedOn: sql`current_date`, updatedAt: new Date() })
        .where(
          and(
            eq(directoryService.id, serviceId),
            eq(directoryService.organisationId, this.organisationId),
            eq(directoryService.version, version),
          ),
        )
        .returning({ id: directoryService.id });
      if (!updated.length) return false;
      await tx.execute(
        sql`update listing_reminder set answered_at = now() where service_id = ${serviceId} and answered_at is null`,
      );
      await recordAudit(tx, this.access, {
        action: 'listing.checked',
        recordType: 'directory_service',
        recordId: serviceId,
      });
      return true;
    });
  }

  /** The organisation's open problem reports, newest first; only one service's when given. */
  async openProblems(serviceId?: string, db: Db = this.db): Promise<ProblemRow[]> {
    return queryRows<ProblemRow>(
      db,
      sql`select ${problemColumns} from listing_problem p
        join directory_service s on s.id = p.service_id join organisation o on o.id = p.organisation_id
        where p.organisation_id = ${this.organisationId} and s.organisation_id = ${this.organisationId}
          and p.resolved_at is null ${serviceId ? sql`and p.service_id = ${serviceId}` : sql``}
        order by p.reported_at desc, p.id`,
    );
  }

  /** Marks one of the organisation's open problem reports resolved; false when there is no such report. */
  async resolveProblem(serviceId: string, problemId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`update listing_problem set resolved_at = now(), resolved_by = ${this.access.userId ?? null}
          where id = ${problemId} and service_id = ${serviceId} and organisation_id = ${this.organisationId}
            and resolved_at is null returning id`,
      );
      if (!rows.length) return false;
      await recordAudit(tx, this.access, {
        action: 'listing.problem_resolve',
        recordType: 'listing_problem',
        recordId: problemId,
        detail: { serviceId },
      });
      return true;
    });
  }

  /** What the banner says: how many listings are out of date, and the reminders not yet answered. */
  async banner(db: Db = this.db): Promise<{ outOfDate: number; reminders: ReminderRow[] }> {
    const [counted] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from directory_service s
        where s.organisation_id = ${this.organisationId} and s.status = 'active' and ${outOfDate}`,
    );
    const reminders = await queryRows<ReminderRow>(
      db,
      sql`select r.id, r.service_id as "serviceId", s.name as "serviceName", r.sent_at as "sentAt"
        from listing_reminder r join directory_service s on s.id = r.service_id
        where r.organisation_id = ${this.organisationId} and s.organisation_id = ${this.organisationId}
          and r.answered_at is null
        order by r.sent_at desc, r.id limit 20`,
    );
    return { outOfDate: counted?.n ?? 0, reminders };
  }
}
