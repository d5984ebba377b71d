import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { actorValues } from '../../db/preparedQuery.ts';
import {
  family,
  familyMembership,
  familyTeamMember,
  locality,
  organisation,
  person,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { auditEventInsert, recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from './familyVisibility.ts';

export interface FamilySummary {
  id: string;
  reference: string;
  name: string;
  locality: string | null;
  memberCount: number;
  status: 'open' | 'closed';
  updatedAt: Date;
}

export interface FamilyMemberView {
  personId: string;
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
  dateOfBirth: string | null;
  relationshipLabel: string | null;
  roles: string[];
}

export interface FamilyDetail extends FamilySummary {
  members: FamilyMemberView[];
  team: { organisationId: string; organisationName: string; joinedOn: string }[];
}

/**
 * The family record, filtered in SQL to families whose team includes the
 * asking organisation. Every read is audited; a refused read is audited as
 * denied.
 */
export class FamilyRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The SQL condition: the family is on this organisation's current caseload. */
  private visible() {
    return familyVisible(this.access, family.id);
  }

  private memberCount() {
    return sql<number>`(select count(*)::int from ${familyMembership} m where m.family_id = ${family.id} and m.ended_on is null)`;
  }

  /**
   * The open families this user may see, most recently changed first, a page at a
   * time, with how many there are: one statement with its audit event. It starts
   * from the organisation's current team rows (and the user's unexpired emergency
   * access), a few thousand at most, rather than every family; the access rule
   * still decides, so that start narrows and never widens what is shown.
   */
  async list(options: {
    limit: number;
    offset: number;
  }): Promise<{ families: FamilySummary[]; total: number }> {
    const access = this.access;
    const glass = access.userId
      ? sql`union select vb.family_id from break_glass vb where vb.user_id = ${access.userId} and vb.expires_at > now()`
      : sql``;
    const audit = auditEventInsert(actorValues(access), {
      action: sql`'family.list'`,
      outcome: sql`'success'`,
      recordType: sql`'family'`,
      recordId: sql`null`,
      detail: sql`jsonb_build_object('shown', (select count(*) from page), 'offset', ${options.offset}::int)`,
    });
    const rows = await queryRows<FamilySummary & { total: number }>(
      this.db,
      sql`with visible as materialized (
          select f.id, f.reference, f.name, f.locality_id, f.status, f.updated_at from family f
          where f.id in (select vt.family_id from family_team_member vt
              where vt.organisation_id = ${access.organisationId ?? null} and vt.left_on is null ${glass})
            and f.status = 'open' and ${familyVisible(access, sql`f.id`)}),
        page as (select * from visible order by updated_at desc, reference limit ${options.limit} offset ${options.offset}),
        audited as (${audit})
        select (select count(*)::int from visible) as total, p.* from (select 1) one left join lateral (
          select p.id, p.reference, p.name, l.name as locality,
            (select count(*)::int from family_membership m where m.family_id = p.id and m.ended_on is null) as "memberCount",
            p.status, p.updated_at as "updatedAt"
          from page p left join locality l on l.id = p.locality_id) p on true
        order by p."updatedAt" desc, p.reference`,
    );
    const families = rows
      .filter((row) => row.id !== null)
      .map(({ total: _total, ...row }) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
    return { families, total: Number(rows[0]?.total ?? 0) };
  }

  /** Counts only, no personal data: how many open families the organisation works with. */
  async countOpen(): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(family)
      .where(and(this.visible(), eq(family.status, 'open')));
    return row?.total ?? 0;
  }

  /**
   * The family's name and reference, or undefined when it does not exist or
   * this user may not see it. Not audited: the page or API call that uses it
   * audits its own read.
   */
  async header(id: string): Promise<{ id: string; reference: string; name: string } | undefined> {
    const [row] = await this.db
      .select({ id: family.id, reference: family.reference, name: family.name })
      .from(family)
      .where(and(eq(family.id, id), this.visible()));
    return row;
  }

  /** One family, or undefined when it does not exist or this user may not see it. */
  async get(id: string): Promise<FamilyDetail | undefined> {
    const [row] = await this.db
      .select({
        id: family.id,
        reference: family.reference,
        name: family.name,
        locality: locality.name,
        memberCount: this.memberCount(),
        status: family.status,
        updatedAt: family.updatedAt,
      })
      .from(family)
      .leftJoin(locality, eq(locality.id, family.localityId))
      .where(and(eq(family.id, id), this.visible()));
    if (!row) {
      await recordAudit(this.db, this.access, {
        action: 'family.read',
        outcome: 'denied',
        recordType: 'family',
        recordId: id,
      });
      return undefined;
    }
    const [members, team] = await Promise.all([
      this.db
        .select({
          personId: person.id,
          givenName: person.givenName,
          familyName: person.familyName,
          preferredName: person.preferredName,
          dateOfBirth: person.dateOfBirth,
          relationshipLabel: familyMembership.relationshipLabel,
          roles: familyMembership.roles,
        })
        .from(familyMembership)
        .innerJoin(person, eq(person.id, familyMembership.personId))
        .where(
          and(
            eq(familyMembership.familyId, id),
            isNull(familyMembership.endedOn),
            memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
          ),
        )
        .orderBy(asc(person.dateOfBirth)),
      this.db
        .select({
          organisationId: organisation.id,
          organisationName: organisation.name,
          joinedOn: familyTeamMember.joinedOn,
        })
        .from(familyTeamMember)
        .innerJoin(organisation, eq(organisation.id, familyTeamMember.organisationId))
        .where(and(eq(familyTeamMember.familyId, id), isNull(familyTeamMember.leftOn)))
        .orderBy(asc(organisation.name)),
    ]);
    await recordAudit(this.db, this.access, {
      action: 'family.read',
      recordType: 'family',
      recordId: id,
      familyId: id,
    });
    return { ...row, members, team };
  }
}
