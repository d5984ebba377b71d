import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  family,
  familyMembership,
  familyTeamMember,
  locality,
  memberSupport,
  person,
  teamWorker,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addDraftSection } from '../assessment/draftSections.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { nextFamilyReference } from './familyReference.ts';
import { displayName } from './memberAge.ts';
import type { MemberDetails, MembershipDetails, PersonDetails } from './memberForm.ts';

export type AddResult =
  | { outcome: 'added'; personId: string }
  | { outcome: 'not-found' }
  | { outcome: 'already-member' };

function isoDay(today: Date): string {
  return today.toISOString().slice(0, 10);
}

/** Person columns with the day an approximate age was given. */
function personValues(details: PersonDetails, today: Date) {
  return { ...details, approximateAgeOn: details.approximateAge === null ? null : isoDay(today) };
}

/**
 * Starting family records and adding, amending members. Each use case is
 * one transaction: the change, its history, its chronology entry and its
 * audit event are written together or not at all.
 */
export class MemberService {
  constructor(private readonly db: Db) {}

  /** Is the family visible to this user? Checked inside the transaction with `tx`. */
  async familyIsVisible(tx: Db, access: AccessContext, familyId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: family.id })
      .from(family)
      .where(and(eq(family.id, familyId), familyVisible(access, family.id)));
    return row !== undefined;
  }

  /** The localities of the user's partnership area, for the start-a-family form. */
  async localities(access: AccessContext): Promise<{ id: string; name: string }[]> {
    if (!access.partnershipAreaId) return [];
    return this.db
      .select({ id: locality.id, name: locality.name })
      .from(locality)
      .where(eq(locality.partnershipAreaId, access.partnershipAreaId))
      .orderBy(locality.name);
  }

  /** Creates a person (unless `personId` is given), their membership of the family and the user's organisation's support for them. Call inside a transaction. */
  async insertMember(
    tx: Db,
    access: AccessContext,
    familyId: string,
    personId: string | undefined,
    details: { person?: PersonDetails; membership: MembershipDetails },
    today: Date,
  ): Promise<string> {
    let id = personId;
    if (!id) {
      const values = personValues(details.person as PersonDetails, today);
      const [created] = await tx.insert(person).values(values).returning({ id: person.id });
      if (!created) throw new Error('person not created');
      id = created.id;
      await recordHistory(tx, access, {
        familyId,
        recordType: 'person',
        recordId: id,
        personId: id,
        action: 'created',
        changes: changedFields({}, values),
      });
    }
    const membershipValues = { ...details.membership, startedOn: isoDay(today) };
    const [membership] = await tx
      .insert(familyMembership)
      .values({ familyId, personId: id, ...membershipValues })
      .returning({ id: familyMembership.id });
    if (!membership) throw new Error('membership not created');
    await recordHistory(tx, access, {
      familyId,
      recordType: 'family_membership',
      recordId: membership.id,
      personId: id,
      action: 'created',
      changes: changedFields({}, membershipValues),
    });
    // A member who joins while the assessment is a draft takes part in it (their own section).
    await addDraftSection(tx, access, familyId, id, today);
    if (access.organisationId) {
      const [support] = await tx
        .insert(memberSupport)
        .values({
          familyId,
          personId: id,
          organisationId: access.organisationId,
          status: 'not_started',
          workerId: access.userId ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: memberSupport.id });
      if (support)
        await recordHistory(tx, access, {
          familyId,
          recordType: 'member_support',
          recordId: support.id,
          personId: id,
          action: 'created',
          changes: changedFields({}, { status: 'not_started', workerId: access.userId ?? null }),
        });
    }
    await tx.update(family).set({ updatedAt: new Date() }).where(eq(family.id, familyId));
    return id;
  }

  /**
   * Starts a family record from whoever came first: the family, that person,
   * the user's organisation on the team with the user as a named worker.
   */
  async startFamily(
    access: AccessContext,
    input: { name: string; localityId: string | null; details: MemberDetails },
    today: Date = new Date(),
  ): Promise<{ familyId: string; personId: string; reference: string }> {
    const areaId = access.partnershipAreaId;
    const organisationId = access.organisationId;
    if (!areaId || !organisationId) throw new Error('starting a family needs an organisation in an area');
    return this.db.transaction(async (tx) => {
      const reference = await nextFamilyReference(tx, areaId);
      const [created] = await tx
        .insert(family)
        .values({ reference, name: input.name, partnershipAreaId: areaId, localityId: input.localityId })
        .returning({ id: family.id });
      if (!created) throw new Error('family not created');
      await recordHistory(tx, access, {
        familyId: created.id,
        recordType: 'family',
        recordId: created.id,
        action: 'created',
        changes: changedFields({}, { reference, name: input.name, localityId: input.localityId }),
      });
      await tx
        .insert(familyTeamMember)
        .values({ familyId: created.id, organisationId, joinedOn: isoDay(today) });
      if (access.userId)
        await tx.insert(teamWorker).values({
          familyId: created.id,
          organisationId,
          userId: access.userId,
          role: 'Worker who started the record',
          joinedOn: isoDay(today),
        });
      const personId = await this.insertMember(tx, access, created.id, undefined, input.details, today);
      await addAutomaticEntry(tx, access, {
        familyId: created.id,
        personId,
        what: `Family record started with ${displayName(input.details.person)}.`,
        occurredOn: isoDay(today),
      });
      await recordAudit(tx, access, {
        action: 'family.create',
        recordType: 'family',
        recordId: created.id,
        familyId: created.id,
        detail: { personId },
      });
      return { familyId: created.id, personId, reference };
    });
  }

  /** Adds a new person to a family the user may see. */
  async addNewMember(
    access: AccessContext,
    familyId: string,
    details: MemberDetails,
    today: Date = new Date(),
  ): Promise<AddResult> {
    return this.db.transaction(async (tx) => {
      if (!(await this.familyIsVisible(tx, access, familyId))) return { outcome: 'not-found' } as const;
      const personId = await this.insertMember(tx, access, familyId, undefined, details, today);
      await addAutomaticEntry(tx, access, {
        familyId,
        personId,
        what: `${displayName(details.person)} was added to the family record.`,
        occurredOn: isoDay(today),
      });
      await recordAudit(tx, access, {
        action: 'member.create',
        recordType: 'person',
        recordId: personId,
        familyId,
      });
      return { outcome: 'added', personId } as const;
    });
  }

  /**
   * Adds someone already on Hearth to another family (a child whose parents
   * live apart): one person, two memberships. The user must be able to see
   * them in some family already.
   */
  async addExistingPerson(
    access: AccessContext,
    familyId: string,
    personId: string,
    membership: MembershipDetails,
    today: Date = new Date(),
  ): Promise<AddResult> {
    return this.db.transaction(async (tx) => {
      const [known] = await tx
        .select({
          givenName: person.givenName,
          preferredName: person.preferredName,
          familyName: person.familyName,
        })
        .from(person)
        .where(
          and(
            eq(person.id, personId),
            isNull(person.mergedIntoId),
            sql`exists (select 1 from family_membership km where km.person_id = ${person.id}
              and ${memberVisible(access, sql`km.family_id`, sql`km.person_id`)})`,
          ),
        );
      if (!known || !(await this.familyIsVisible(tx, access, familyId))) {
        await recordAudit(tx, access, {
          action: 'member.create',
          outcome: 'denied',
          recordType: 'person',
          recordId: personId,
          familyId,
        });
        return { outcome: 'not-found' } as const;
      }
      const [current] = await tx
        .select({ id: familyMembership.id })
        .from(familyMembership)
        .where(
          and(
            eq(familyMembership.familyId, familyId),
            eq(familyMembership.personId, personId),
            isNull(familyMembership.endedOn),
          ),
        );
      if (current) return { outcome: 'already-member' } as const;
      await this.insertMember(tx, access, familyId, personId, { membership }, today);
      await addAutomaticEntry(tx, access, {
        familyId,
        personId,
        what: `${displayName(known)} was added to the family record.`,
        occurredOn: isoDay(today),
      });
      await recordAudit(tx, access, {
        action: 'member.create',
        recordType: 'person',
        recordId: personId,
        familyId,
        detail: { existingPerson: true },
      });
      return { outcome: 'added', personId } as const;
    });
  }

  /**
   * Amends a member's details and their membership of this family, keeping
   * the old and new values. When the address is withheld from this user,
   * the address fields are left as they are (the user never saw them).
   * Returns false when the member is not visible.
   */
  async amend(
    access: AccessContext,
    familyId: string,
    personId: string,
    details: { person: Partial<PersonDetails>; membership: Partial<MembershipDetails> },
    options: { addressShown: boolean },
    today: Date = new Date(),
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ person, membership: familyMembership })
        .from(familyMembership)
        .innerJoin(person, eq(person.id, familyMembership.personId))
        .where(
          and(
            eq(familyMembership.familyId, familyId),
            eq(familyMembership.personId, personId),
            isNull(familyMembership.endedOn),
            memberVisible(access, familyMembership.familyId, familyMembership.personId),
          ),
        );
      if (!current) {
        await recordAudit(tx, access, {
          action: 'member.update',
          outcome: 'denied',
          recordType: 'person',
          recordId: personId,
          familyId,
        });
        return false;
      }
      const personUpdate: Record<string, unknown> = { ...details.person };
      if (!options.addressShown) {
        delete personUpdate.address;
        delete personUpdate.postcode;
        delete personUpdate.addressWithheld;
      }
      if ('approximateAge' in personUpdate && personUpdate.approximateAge !== current.person.approximateAge)
        personUpdate.approximateAgeOn = personUpdate.approximateAge === null ? null : isoDay(today);
      if (personUpdate.dateOfBirth) personUpdate.approximateAge = null;
      if (personUpdate.approximateAge !== undefined && personUpdate.approximateAge !== null)
        personUpdate.dateOfBirth = null;
      const personChanges = changedFields(current.person, personUpdate);
      if (Object.keys(personChanges).length > 0) {
        const set = Object.fromEntries(Object.keys(personChanges).map((k) => [k, personUpdate[k]]));
        await tx
          .update(person)
          .set({ ...set, updatedAt: new Date(), version: sql`${person.version} + 1` })
          .where(eq(person.id, personId));
        await recordHistory(tx, access, {
          familyId,
          recordType: 'person',
          recordId: personId,
          personId,
          action: 'amended',
          changes: personChanges,
        });
      }
      const membershipChanges = changedFields(current.membership, { ...details.membership });
      if (Object.keys(membershipChanges).length > 0) {
        const set = Object.fromEntries(
          Object.keys(membershipChanges).map((k) => [k, (details.membership as Record<string, unknown>)[k]]),
        );
        await tx
          .update(familyMembership)
          .set({ ...set, version: sql`${familyMembership.version} + 1` })
          .where(eq(familyMembership.id, current.membership.id));
        await recordHistory(tx, access, {
          familyId,
          recordType: 'family_membership',
          recordId: current.membership.id,
          personId,
          action: 'amended',
          changes: membershipChanges,
        });
      }
      await tx.update(family).set({ updatedAt: new Date() }).where(eq(family.id, familyId));
      await recordAudit(tx, access, {
        action: 'member.update',
        recordType: 'person',
        recordId: personId,
        familyId,
        detail: { fieldsChanged: Object.keys(personChanges).length + Object.keys(membershipChanges).length },
      });
      return true;
    });
  }
}
