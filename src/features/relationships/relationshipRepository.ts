import { and, asc, eq, isNull, type SQLWrapper, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  type ChangeAction,
  familyMembership,
  person,
  type RelationshipKind,
  type RelationshipQuality,
  relationship,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { memberVisible } from '../families/familyVisibility.ts';
import type { RelationshipInput } from './relationshipForm.ts';

/** A current member the user may see, with what relationships need of them. */
export interface RelatedMember {
  personId: string;
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
  dateOfBirth: string | null;
  approximateAge: number | null;
  approximateAgeOn: string | null;
  gender: string | null;
  interpreterNeeded: boolean;
  roles: string[];
}

export interface RelationshipRow {
  id: string;
  fromPersonId: string;
  toPersonId: string;
  kind: RelationshipKind;
  quality: RelationshipQuality | null;
  current: boolean;
  note: string | null;
  updatedAt: Date;
}

/** One change to a relationship, as the history shows it. */
export interface RelationshipChange {
  at: Date;
  action: ChangeAction;
  changes: Record<string, { from: unknown; to: unknown }>;
  relationshipId: string;
  fromPersonId: string;
  toPersonId: string;
  kind: RelationshipKind;
  changedBy: string | null;
  organisationName: string | null;
}

const columns = {
  id: relationship.id,
  fromPersonId: relationship.fromPersonId,
  toPersonId: relationship.toPersonId,
  kind: relationship.kind,
  quality: relationship.quality,
  current: relationship.current,
  note: relationship.note,
  updatedAt: relationship.updatedAt,
};

/**
 * Relationships between members of a family. Both people must be current
 * members the user may see (the access rule, in SQL), so a relationship with
 * someone hidden by consent is not shown at all. Reads are audited by the
 * caller, once per page or API call.
 */
export class RelationshipRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** True in SQL when the person is a current member of the family whom this user may see. */
  private currentVisibleMember(familyId: string, personId: SQLWrapper) {
    return sql`exists (select 1 from family_membership rm where rm.family_id = ${familyId}
      and rm.person_id = ${personId} and rm.ended_on is null)
      and ${memberVisible(this.access, sql`${familyId}::uuid`, personId)}`;
  }

  /** The family's current members this user may see, oldest first. */
  async members(familyId: string): Promise<RelatedMember[]> {
    return this.membersQuery(familyId);
  }

  /** The select behind `members`. */
  membersQuery(familyId: string) {
    return this.db
      .select({
        personId: person.id,
        givenName: person.givenName,
        familyName: person.familyName,
        preferredName: person.preferredName,
        dateOfBirth: person.dateOfBirth,
        approximateAge: person.approximateAge,
        approximateAgeOn: person.approximateAgeOn,
        gender: person.gender,
        interpreterNeeded: person.interpreterNeeded,
        roles: familyMembership.roles,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          isNull(familyMembership.endedOn),
          memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
        ),
      )
      .orderBy(asc(person.dateOfBirth), asc(person.givenName), asc(person.id));
  }

  /** Every relationship of the family between two current members this user may see. */
  async forFamily(familyId: string): Promise<RelationshipRow[]> {
    return this.forFamilyQuery(familyId);
  }

  /** The select behind `forFamily`. */
  forFamilyQuery(familyId: string) {
    return this.db
      .select(columns)
      .from(relationship)
      .where(
        and(
          eq(relationship.familyId, familyId),
          this.currentVisibleMember(familyId, relationship.fromPersonId),
          this.currentVisibleMember(familyId, relationship.toPersonId),
        ),
      )
      .orderBy(asc(relationship.createdAt), asc(relationship.id));
  }

  /** One relationship, or undefined when it is not in this family or either person is hidden. */
  async get(familyId: string, id: string): Promise<RelationshipRow | undefined> {
    const [row] = await this.db
      .select(columns)
      .from(relationship)
      .where(
        and(
          eq(relationship.id, id),
          eq(relationship.familyId, familyId),
          this.currentVisibleMember(familyId, relationship.fromPersonId),
          this.currentVisibleMember(familyId, relationship.toPersonId),
        ),
      );
    return row;
  }

  /**
   * Every relationship between the two people in the family, hidden or not:
   * the duplicate check must see what the unique index sees.
   */
  async between(familyId: string, a: string, b: string) {
    return this.db
      .select({
        fromPersonId: relationship.fromPersonId,
        toPersonId: relationship.toPersonId,
        kind: relationship.kind,
      })
      .from(relationship)
      .where(
        and(
          eq(relationship.familyId, familyId),
          sql`least(${relationship.fromPersonId}, ${relationship.toPersonId}) = least(${a}::uuid, ${b}::uuid)`,
          sql`greatest(${relationship.fromPersonId}, ${relationship.toPersonId}) = greatest(${a}::uuid, ${b}::uuid)`,
        ),
      );
  }

  /**
   * The history of the family's relationships, newest first: each change
   * with its old and new values, who made it and for which organisation.
   * Only relationships between two current members this user may see.
   */
  async history(familyId: string): Promise<RelationshipChange[]> {
    const rows = await queryRows<RelationshipChange & { at: Date | string }>(
      this.db,
      sql`select rc.at, rc.action, rc.changes, r.id as "relationshipId", r.from_person_id as "fromPersonId",
            r.to_person_id as "toPersonId", r.kind, coalesce(u.display_name, t.name) as "changedBy",
            o.name as "organisationName"
          from record_change rc
          join relationship r on r.id = rc.record_id
          left join app_user u on u.id = rc.changed_by
          left join api_token t on t.id = rc.changed_by_token
          left join organisation o on o.id = rc.organisation_id
          where rc.family_id = ${familyId} and rc.record_type = 'relationship' and r.family_id = ${familyId}
            and ${this.currentVisibleMember(familyId, sql`r.from_person_id`)}
            and ${this.currentVisibleMember(familyId, sql`r.to_person_id`)}
          order by rc.at desc, rc.id desc
          limit 500`,
    );
    return rows.map((row) => ({
      ...row,
      at: new Date(row.at),
      changes: typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes,
    }));
  }

  async insert(familyId: string, input: RelationshipInput): Promise<RelationshipRow> {
    const [row] = await this.db
      .insert(relationship)
      .values({ familyId, ...input, createdBy: this.access.userId ?? null })
      .returning(columns);
    if (!row) throw new Error('relationship not saved');
    return row;
  }

  async update(
    id: string,
    details: Pick<RelationshipInput, 'quality' | 'current' | 'note'>,
  ): Promise<RelationshipRow> {
    const [row] = await this.db
      .update(relationship)
      .set({ ...details, updatedAt: new Date(), version: sql`${relationship.version} + 1` })
      .where(eq(relationship.id, id))
      .returning(columns);
    if (!row) throw new Error('relationship not updated');
    return row;
  }
}
