import { and, asc, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type AuditOutcome, apiToken, appUser, auditEvent, organisation } from '../../db/schema.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { AuditFilters } from './auditSearchForm.ts';

export interface AuditEventRow {
  id: number;
  at: Date;
  userName: string | null;
  tokenName: string | null;
  /** A referral's secure link, used by a service outside Hearth. */
  linkId?: string | null;
  action: string;
  outcome: AuditOutcome;
  recordType: string | null;
  recordId: string | null;
  familyId: string | null;
  ip: string | null;
  reason: string | null;
}

/** Counting stops here: past it the page says "more than" and asks for a narrower search. */
export const countCap = 10_000;

/**
 * The audit trail as an administrator may search it. An organisation admin
 * sees only events filed under their organisation, in SQL; a system admin sees
 * every organisation's, or one they pick. The organisation filter leads each
 * query so audit_event_organisation_idx (organisation_id, at desc) answers it.
 */
export class AuditSearchRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The organisation searched: always the admin's own, unless a system admin picked one (or none: all). */
  organisationSearched(filters: AuditFilters): string | undefined {
    return hasRole(this.access, 'system_admin') ? filters.organisationId : this.access.organisationId;
  }

  private scope(filters: AuditFilters): SQL {
    const organisationId = this.organisationSearched(filters);
    if (hasRole(this.access, 'system_admin'))
      return organisationId ? sql`${auditEvent.organisationId} = ${organisationId}` : sql`true`;
    if (hasRole(this.access, 'org_admin') && organisationId)
      return sql`${auditEvent.organisationId} = ${organisationId}`;
    return sql`false`;
  }

  private where(filters: AuditFilters): SQL | undefined {
    // Days are whole days in UK time, so "to 31 March" includes the evening of 31 March.
    const ukMidnight = (day: string) => sql`(${day}::date)::timestamp at time zone 'Europe/London'`;
    return and(
      this.scope(filters),
      filters.userId ? eq(auditEvent.actorUserId, filters.userId) : undefined,
      filters.action ? eq(auditEvent.action, filters.action) : undefined,
      filters.outcome ? eq(auditEvent.outcome, filters.outcome) : undefined,
      filters.from ? gte(auditEvent.at, ukMidnight(filters.from)) : undefined,
      filters.to ? lt(auditEvent.at, sql`${ukMidnight(filters.to)} + interval '1 day'`) : undefined,
      filters.familyId ? eq(auditEvent.familyId, filters.familyId) : undefined,
    );
  }

  /** A page of events, newest first, and how many match (up to countCap). The search itself is audited. */
  async search(
    filters: AuditFilters,
    page: { limit: number; offset: number },
  ): Promise<{ events: AuditEventRow[]; total: number; capped: boolean }> {
    const where = this.where(filters);
    const matching = this.db
      .select({ one: sql`1` })
      .from(auditEvent)
      .where(where)
      .limit(countCap + 1)
      .as('matching');
    const [events, counted] = await Promise.all([
      this.db
        .select({
          id: auditEvent.id,
          at: auditEvent.at,
          userName: appUser.displayName,
          tokenName: apiToken.name,
          linkId: auditEvent.actorLinkId,
          action: auditEvent.action,
          outcome: auditEvent.outcome,
          recordType: auditEvent.recordType,
          recordId: auditEvent.recordId,
          familyId: auditEvent.familyId,
          ip: auditEvent.ip,
          reason: auditEvent.reason,
        })
        .from(auditEvent)
        .leftJoin(appUser, eq(appUser.id, auditEvent.actorUserId))
        .leftJoin(apiToken, eq(apiToken.id, auditEvent.actorTokenId))
        .where(where)
        // Events written in one transaction share a time; the id keeps their order and the pages stable.
        .orderBy(desc(auditEvent.at), desc(auditEvent.id))
        .limit(page.limit)
        .offset(page.offset),
      this.db.select({ n: count() }).from(matching),
    ]);
    const found = counted[0]?.n ?? 0;
    await recordAudit(
      this.db,
      { ...this.access, organisationId: this.organisationSearched(filters) ?? this.access.organisationId },
      {
        action: 'audit.search',
        recordType: 'audit_event',
        ...(filters.familyId ? { familyId: filters.familyId } : {}),
        detail: { filters: { ...filters }, offset: page.offset, shown: events.length },
      },
    );
    return { events, total: Math.min(found, countCap), capped: found > countCap };
  }

  /**
   * The actions recorded in the organisation searched, for the filter's list.
   * A loose index scan over audit_event_action_idx (action, organisation_id):
   * one probe per distinct action rather than a read of every event.
   */
  async actions(filters: AuditFilters): Promise<string[]> {
    const organisationId = this.organisationSearched(filters);
    if (!organisationId && !hasRole(this.access, 'system_admin')) return [];
    const inOrganisation = organisationId
      ? sql`and exists (select 1 from audit_event e where e.action = a.action and e.organisation_id = ${organisationId})`
      : sql``;
    const rows = await queryRows<{ action: string }>(
      this.db,
      sql`with recursive actions (action) as (
          (select action from audit_event order by action limit 1)
          union all
          select (select e.action from audit_event e where e.action > a.action order by e.action limit 1)
          from actions a where a.action is not null
        )
        select a.action from actions a where a.action is not null ${inOrganisation}
        order by a.action`,
    );
    return rows.map((row) => row.action);
  }

  /** The users of the organisation searched, for the "who" filter; none when a system admin searches all. */
  async users(filters: AuditFilters): Promise<{ id: string; displayName: string }[]> {
    const organisationId = this.organisationSearched(filters);
    if (!organisationId) return [];
    return this.db
      .select({ id: appUser.id, displayName: appUser.displayName })
      .from(appUser)
      .where(eq(appUser.organisationId, organisationId))
      .orderBy(asc(appUser.displayName));
  }

  /** Every organisation, for a system admin's organisation filter. */
  async organisations(): Promise<{ id: string; name: string }[]> {
    if (!hasRole(this.access, 'system_admin')) return [];
    return this.db
      .select({ id: organisation.id, name: organisation.name })
      .from(organisation)
      .orderBy(asc(organisation.name));
  }
}
