import { and, asc, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  appUser,
  type ChronologyKind,
  chronologyEntry,
  family,
  familyMembership,
  type Impact,
  organisation,
  person,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';

export interface ChronologyItem {
  id: string;
  familyId: string;
  personId: string | null;
  /** The member's name when the entry is about one member, else null (the whole family). */
  personGivenName: string | null;
  personPreferredName: string | null;
  personFamilyName: string | null;
  occurredOn: string;
  occurredUntil: string | null;
  datePrecision: 'day' | 'month';
  kind: ChronologyKind;
  what: string;
  source: string | null;
  impact: Impact;
  actionTaken: string | null;
  automatic: boolean;
  organisationOnly: boolean;
  recordedByName: string | null;
  organisationName: string | null;
  createdAt: Date;
}

export interface ChronologyFilter {
  personId?: string | undefined;
  impact?: Impact | undefined;
  kind?: ChronologyKind | undefined;
}

export interface ChronologyFamily {
  id: string;
  reference: string;
  name: string;
}

export interface ChronologyMember {
  personId: string;
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
}

export interface NewChronologyEntry {
  personId: string | null;
  occurredOn: string;
  occurredUntil: string | null;
  datePrecision: 'day' | 'month';
  kind: ChronologyKind;
  what: string;
  source: string | null;
  impact: Impact;
  actionTaken: string | null;
  organisationOnly: boolean;
}

/**
 * A family's chronology, filtered in SQL: the family must be visible to the
 * user, an entry about one member only while that member is, and an entry
 * kept to one organisation only for that organisation's users.
 */
export class ChronologyRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The SQL condition on `chronology_entry` rows this user may see. */
  private entryVisible(): SQL {
    const organisationId = this.access.organisationId ?? null;
    return and(
      familyVisible(this.access, chronologyEntry.familyId),
      or(
        isNull(chronologyEntry.personId),
        memberVisible(this.access, chronologyEntry.familyId, chronologyEntry.personId),
      ),
      sql`(not ${chronologyEntry.organisationOnly} or ${chronologyEntry.organisationId} = ${organisationId})`,
    ) as SQL;
  }

  private select(where: SQL, limit?: number) {
    const query = this.db
      .select({
        id: chronologyEntry.id,
        familyId: chronologyEntry.familyId,
        personId: chronologyEntry.personId,
        personGivenName: person.givenName,
        personPreferredName: person.preferredName,
        personFamilyName: person.familyName,
        occurredOn: chronologyEntry.occurredOn,
        occurredUntil: chronologyEntry.occurredUntil,
        datePrecision: chronologyEntry.datePrecision,
        kind: chronologyEntry.kind,
        what: chronologyEntry.what,
        source: chronologyEntry.source,
        impact: chronologyEntry.impact,
        actionTaken: chronologyEntry.actionTaken,
        automatic: chronologyEntry.automatic,
        organisationOnly: chronologyEntry.organisationOnly,
        recordedByName: appUser.displayName,
        organisationName: organisation.name,
        createdAt: chronologyEntry.createdAt,
      })
      .from(chronologyEntry)
      .leftJoin(person, eq(person.id, chronologyEntry.personId))
      .leftJoin(appUser, eq(appUser.id, chronologyEntry.recordedBy))
      .leftJoin(organisation, eq(organisation.id, chronologyEntry.organisationId))
      .where(where)
      .orderBy(desc(chronologyEntry.occurredOn), desc(chronologyEntry.createdAt), desc(chronologyEntry.id));
    return limit === undefined ? query : query.limit(limit);
  }

  /**
   * The latest `n` entries of a family this user may see, newest first, for
   * the family overview. Not audited on its own: it is part of the overview,
   * whose read is audited as `family.read`. Empty when the family is not visible.
   */
  async latest(familyId: string, n: number): Promise<ChronologyItem[]> {
    return this.latestQuery(familyId, n);
  }

  /** The select behind `latest`. */
  latestQuery(familyId: string, n: number) {
    return this.select(and(eq(chronologyEntry.familyId, familyId), this.entryVisible()) as SQL, n);
  }

  /** The family's reference and name when it exists and this user may see it; a refusal is audited as denied. */
  async visibleFamily(familyId: string, action: string): Promise<ChronologyFamily | undefined> {
    const [row] = await this.db
      .select({ id: family.id, reference: family.reference, name: family.name })
      .from(family)
      .where(and(eq(family.id, familyId), familyVisible(this.access, family.id)));
    if (!row)
      await recordAudit(this.db, this.access, {
        action,
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
    return row;
  }

  /** The members (current or past) this user may see, to choose whom an entry is about or filter by. */
  async members(familyId: string): Promise<ChronologyMember[]> {
    return this.db
      .selectDistinctOn([person.id], {
        personId: person.id,
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
        ),
      )
      .orderBy(asc(person.id));
  }

  /**
   * A family's chronology with filters, newest first, and its audit event;
   * undefined (audited as denied) when the family is not visible.
   */
  async list(
    familyId: string,
    filter: ChronologyFilter,
  ): Promise<{ family: ChronologyFamily; entries: ChronologyItem[] } | undefined> {
    const found = await this.visibleFamily(familyId, 'chronology.read');
    if (!found) return undefined;
    const conditions: SQL[] = [eq(chronologyEntry.familyId, familyId), this.entryVisible()];
    if (filter.personId) conditions.push(eq(chronologyEntry.personId, filter.personId));
    if (filter.impact) conditions.push(eq(chronologyEntry.impact, filter.impact));
    if (filter.kind) conditions.push(eq(chronologyEntry.kind, filter.kind));
    const entries = await this.select(and(...conditions) as SQL);
    await recordAudit(this.db, this.access, {
      action: 'chronology.read',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { shown: entries.length, filtered: Boolean(filter.personId || filter.impact || filter.kind) },
    });
    return { family: found, entries };
  }

  /**
   * Adds an entry written by a worker, in one transaction with its audit
   * event. Returns undefined (audited as denied) when the family, or the
   * member it is about, is not visible to this user.
   */
  async add(familyId: string, entry: NewChronologyEntry): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const scoped = new ChronologyRepository(tx, this.access);
      if (!(await scoped.visibleFamily(familyId, 'chronology.add'))) return undefined;
      if (entry.personId) {
        const members = await scoped.members(familyId);
        if (!members.some((m) => m.personId === entry.personId)) {
          await recordAudit(tx, this.access, {
            action: 'chronology.add',
            outcome: 'denied',
            recordType: 'person',
            recordId: entry.personId,
            familyId,
          });
          return undefined;
        }
      }
      const [created] = await tx
        .insert(chronologyEntry)
        .values({
          familyId,
          ...entry,
          automatic: false,
          recordedBy: this.access.userId ?? null,
          organisationId: this.access.organisationId ?? null,
        })
        .returning({ id: chronologyEntry.id });
      if (!created) throw new Error('chronology entry not created');
      await recordAudit(tx, this.access, {
        action: 'chronology.add',
        recordType: 'chronology_entry',
        recordId: created.id,
        familyId,
      });
      return created;
    });
  }
}
