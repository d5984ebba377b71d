import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  appUser,
  family,
  familyMembership,
  type MemberRole,
  memberSupport,
  organisation,
  person,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import {
  addressVisible,
  familyVisible,
  memberVisible,
  supportVisible,
} from '../families/familyVisibility.ts';
import type { PartRead } from '../families/partRead.ts';
import { displayName, memberAge } from './memberAge.ts';
import type { ContactSafety, MemberCard, MemberDetail, MemberSupportView } from './memberViews.ts';

export type { ContactSafety, MemberCard, MemberDetail, MemberSupportView } from './memberViews.ts';

const contactColumns = {
  safeToPhone: person.safeToPhone,
  safeToText: person.safeToText,
  safeToWrite: person.safeToWrite,
  safeToVisit: person.safeToVisit,
};

export function contactSafety(row: {
  safeToPhone: boolean | null;
  safeToText: boolean | null;
  safeToWrite: boolean | null;
  safeToVisit: boolean | null;
}): ContactSafety {
  const ways = {
    phone: row.safeToPhone,
    text: row.safeToText,
    write: row.safeToWrite,
    visit: row.safeToVisit,
  };
  const notSafe = (Object.keys(ways) as (keyof typeof ways)[]).filter((way) => ways[way] === false);
  return { ...ways, notSafe };
}

/**
 * Members of a family: people in their own right, each visible on their own
 * terms (memberVisible), with others' confidential support left out in SQL.
 * Every read is audited; a refused read is audited as denied.
 */
export class MemberRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private visibleMember(): SQL {
    return memberVisible(this.access, familyMembership.familyId, familyMembership.personId);
  }

  /** Support rows of the given members in a family that the viewer may see, by person. */
  async supportFor(familyId: string, personIds: string[]): Promise<Map<string, MemberSupportView[]>> {
    if (personIds.length === 0) return new Map();
    const inList = sql.join(
      personIds.map((id) => sql`${id}`),
      sql`, `,
    );
    return supportByPerson(await this.supportQuery(familyId, inList), this.access.organisationId);
  }

  /** The select behind `supportFor`; `personIds` is SQL for the members' ids (a list or a subquery). */
  supportQuery(familyId: string, personIds: SQL) {
    return this.db
      .select({
        personId: memberSupport.personId,
        supportId: memberSupport.id,
        organisationId: memberSupport.organisationId,
        organisationName: organisation.name,
        status: memberSupport.status,
        closedReason: memberSupport.closedReason,
        workerId: memberSupport.workerId,
        workerName: appUser.displayName,
        confidential: memberSupport.confidential,
        startedOn: memberSupport.startedOn,
        closedOn: memberSupport.closedOn,
      })
      .from(memberSupport)
      .innerJoin(organisation, eq(organisation.id, memberSupport.organisationId))
      .leftJoin(appUser, eq(appUser.id, memberSupport.workerId))
      .where(
        and(
          eq(memberSupport.familyId, familyId),
          sql`${memberSupport.personId} in (${personIds})`,
          memberVisible(this.access, memberSupport.familyId, memberSupport.personId),
          supportVisible(this.access, memberSupport.organisationId, memberSupport.confidential),
        ),
      )
      .orderBy(asc(organisation.name));
  }

  /**
   * The family overview's member cards: each current member the viewer may
   * see, eldest first, with the support the viewer may see. Audited as one read.
   */
  async cardsForFamily(
    familyId: string,
    today: Date = new Date(),
    options: PartRead = {},
  ): Promise<MemberCard[]> {
    const rows = await this.cardsQuery(familyId);
    const support = await this.supportFor(
      familyId,
      rows.map((r) => r.personId),
    );
    if (options.audit !== false)
      await recordAudit(this.db, this.access, {
        action: 'member.list',
        recordType: 'family',
        recordId: familyId,
        familyId,
        detail: { shown: rows.length },
      });
    return memberCards(rows, support, today);
  }

  /** The select behind `cardsForFamily`: the current members the viewer may see. */
  cardsQuery(familyId: string) {
    return this.db
      .select({
        personId: person.id,
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        approximateAge: person.approximateAge,
        approximateAgeOn: person.approximateAgeOn,
        roles: familyMembership.roles,
        relationshipLabel: familyMembership.relationshipLabel,
        livesInHousehold: familyMembership.livesInHousehold,
        ...contactColumns,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .where(
        and(eq(familyMembership.familyId, familyId), isNull(familyMembership.endedOn), this.visibleMember()),
      )
      .orderBy(asc(familyMembership.startedOn), asc(person.givenName));
  }

  /**
   * One member as the viewer may see them, or undefined (audited as denied)
   * when they are not a current member the viewer may see. A withheld
   * address is blanked in SQL unless the viewer is a named worker.
   */
  async get(familyId: string, personId: string): Promise<MemberDetail | undefined> {
    const [row] = await this.db
      .select({
        person: {
          givenName: person.givenName,
          familyName: person.familyName,
          preferredName: person.preferredName,
          pronouns: person.pronouns,
          dateOfBirth: person.dateOfBirth,
          approximateAge: person.approximateAge,
          approximateAgeOn: person.approximateAgeOn,
          gender: person.gender,
          ethnicity: person.ethnicity,
          firstLanguage: person.firstLanguage,
          interpreterNeeded: person.interpreterNeeded,
          phone: person.phone,
          email: person.email,
          addressWithheld: person.addressWithheld,
          ...contactColumns,
          safeTimes: person.safeTimes,
          contactSafetyNote: person.contactSafetyNote,
          updatedAt: person.updatedAt,
          version: person.version,
          ...this.addressColumns(
            familyMembership.familyId as unknown as SQL,
            familyMembership.personId as unknown as SQL,
          ),
        },
        membership: {
          id: familyMembership.id,
          relationshipLabel: familyMembership.relationshipLabel,
          roles: familyMembership.roles,
          livesInHousehold: familyMembership.livesInHousehold,
          inContactWithServices: familyMembership.inContactWithServices,
          startedOn: familyMembership.startedOn,
        },
        familyName: family.name,
        familyReference: family.reference,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .innerJoin(family, eq(family.id, familyMembership.familyId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          eq(familyMembership.personId, personId),
          isNull(familyMembership.endedOn),
          this.visibleMember(),
        ),
      );
    if (!row) {
      await recordAudit(this.db, this.access, {
        action: 'member.read',
        outcome: 'denied',
        recordType: 'person',
        recordId: personId,
        familyId,
      });
      return undefined;
    }
    const [support, otherFamilies] = await Promise.all([
      this.supportFor(familyId, [personId]),
      this.db
        .select({
          familyId: family.id,
          reference: family.reference,
          name: family.name,
          startedOn: familyMembership.startedOn,
          endedOn: familyMembership.endedOn,
          endReason: familyMembership.endReason,
        })
        .from(familyMembership)
        .innerJoin(family, eq(family.id, familyMembership.familyId))
        .where(
          and(
            eq(familyMembership.personId, personId),
            sql`not (${familyMembership.familyId} = ${familyId} and ${familyMembership.endedOn} is null)`,
            this.visibleMember(),
          ),
        )
        .orderBy(asc(familyMembership.startedOn)),
    ]);
    await recordAudit(this.db, this.access, {
      action: 'member.read',
      recordType: 'person',
      recordId: personId,
      familyId,
    });
    const { address, postcode, addressShown, ...details } = row.person;
    return {
      personId,
      familyId,
      familyName: row.familyName,
      familyReference: row.familyReference,
      person: { ...details, address, postcode, addressShown: Boolean(addressShown) },
      membership: { ...row.membership, roles: row.membership.roles as MemberRole[] },
      support: support.get(personId) ?? [],
      otherMemberships: otherFamilies,
    };
  }

  /** A family's name and reference when the viewer may see it; otherwise undefined, audited as denied. */
  async family(
    familyId: string,
    db: Db = this.db,
  ): Promise<{ id: string; name: string; reference: string } | undefined> {
    const [row] = await db
      .select({ id: family.id, name: family.name, reference: family.reference })
      .from(family)
      .where(and(eq(family.id, familyId), familyVisible(this.access, family.id)));
    if (!row)
      await recordAudit(db, this.access, {
        action: 'family.read',
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
    return row;
  }

  /** Open families the viewer may see, other than this one, for moving a member. */
  async otherVisibleFamilies(familyId: string): Promise<{ id: string; name: string; reference: string }[]> {
    return this.db
      .select({ id: family.id, name: family.name, reference: family.reference })
      .from(family)
      .where(
        and(
          sql`${family.id} <> ${familyId}`,
          eq(family.status, 'open'),
          familyVisible(this.access, family.id),
        ),
      )
      .orderBy(asc(family.reference))
      .limit(500);
  }

  /** The viewer's organisation's active users who can be a member's worker. */
  async workersOfOwnOrganisation(db: Db = this.db): Promise<{ id: string; name: string }[]> {
    const organisationId = this.access.organisationId;
    if (!organisationId) return [];
    return db
      .select({ id: appUser.id, name: appUser.displayName })
      .from(appUser)
      .where(
        and(
          eq(appUser.organisationId, organisationId),
          eq(appUser.status, 'active'),
          sql`${appUser.roles} && array['practitioner', 'volunteer', 'team_lead']::text[]`,
        ),
      )
      .orderBy(asc(appUser.displayName));
  }

  /** The address columns, blanked in SQL when withheld from this viewer. */
  addressColumns(familyId: SQL | string, personId: SQL | string) {
    const shown = sql`(not ${person.addressWithheld} or ${addressVisible(
      this.access,
      typeof familyId === 'string' ? sql`${familyId}::uuid` : familyId,
      typeof personId === 'string' ? sql`${personId}::uuid` : personId,
    )})`;
    return {
      address: sql<string | null>`case when ${shown} then ${person.address} end`,
      postcode: sql<string | null>`case when ${shown} then ${person.postcode} end`,
      addressShown: sql<boolean>`${shown}`,
    };
  }
}

type CardRow = Awaited<ReturnType<MemberRepository['cardsQuery']>>[number];
type SupportRow = Awaited<ReturnType<MemberRepository['supportQuery']>>[number];

/** Support rows by person, marking the viewer's own organisation's. */
export function supportByPerson(
  rows: SupportRow[],
  ownOrganisationId: string | undefined,
): Map<string, MemberSupportView[]> {
  const bySupport = new Map<string, MemberSupportView[]>();
  for (const { personId, ...row } of rows) {
    const list = bySupport.get(personId) ?? [];
    list.push({ ...row, ownOrganisation: row.organisationId === ownOrganisationId });
    bySupport.set(personId, list);
  }
  return bySupport;
}

/** The overview's member cards from the members' rows and their support, eldest first. */
export function memberCards(
  rows: CardRow[],
  support: Map<string, MemberSupportView[]>,
  today: Date,
): MemberCard[] {
  const cards = rows.map((row) => ({
    personId: row.personId,
    name: displayName(row),
    age: memberAge(row, today),
    roles: row.roles as MemberRole[],
    relationshipLabel: row.relationshipLabel,
    livesInHousehold: row.livesInHousehold,
    contactSafety: contactSafety(row),
    support: support.get(row.personId) ?? [],
  }));
  // Eldest first; people whose age is not known come last.
  return cards.sort((a, b) => (b.age?.years ?? -1) - (a.age?.years ?? -1));
}
