// What accepting a referral does to the family record, inside the move's
// transaction: the receiving organisation joins the family's team and
// supports the members referred. A referral with no family (a
// self-referral) is linked to the record of someone already known (the
// worker chose them from the likely matches), or joins a known family as
// someone new, or starts a family of its own.
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  family,
  familyTeamMember,
  memberSupport,
  referral,
  referralMember,
  selfReferral,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { nextFamilyReference } from '../members/familyReference.ts';
import type { MemberDetails } from '../members/memberForm.ts';
import { MemberService } from '../members/memberService.ts';

/** Who the person is, as the receiving worker checked it: the name they gave, and a date of birth and postcode if known. */
export interface MatchCandidate {
  name: string;
  dateOfBirth: string | null;
  postcode: string | null;
}

/** What the worker chose on accepting a referral that has no family yet. */
export type LinkChoice =
  /** They are this person, already a member of this family. */
  | { kind: 'person'; personId: string; familyId: string }
  /** Someone new in this family. */
  | { kind: 'member'; familyId: string; candidate: MatchCandidate }
  /** Someone new: a family of their own. */
  | { kind: 'new'; candidate: MatchCandidate };

/** The message when a chosen record is not one the user may link to (never saying whether it exists). */
export const linkRefused = 'Choose one of the records shown, or start a new family record';

/**
 * Joins the receiving organisation to the family's team and gives it support
 * rows for the referred members, not yet given to a worker: the team lead
 * allocates them with the rest of the new work.
 */
export async function joinFamily(
  tx: Db,
  access: AccessContext,
  familyId: string,
  referralId: string,
  today: string,
): Promise<number> {
  const organisationId = access.organisationId as string;
  // A new spell on the team, unless the organisation is on it already.
  const [spell] = await tx
    .insert(familyTeamMember)
    .values({ familyId, organisationId, joinedOn: today, role: 'Took a referral' })
    .onConflictDoNothing({
      target: [familyTeamMember.familyId, familyTeamMember.organisationId],
      where: sql`left_on is null`,
    })
    .returning({ id: familyTeamMember.id });
  if (spell)
    await recordHistory(tx, access, {
      familyId,
      recordType: 'family_team_member',
      recordId: spell.id,
      action: 'created',
      changes: changedFields({}, { organisationId, joinedOn: today, referralId }),
    });
  const members = await tx
    .select({ personId: referralMember.personId })
    .from(referralMember)
    .where(eq(referralMember.referralId, referralId));
  for (const { personId } of members) {
    const [support] = await tx
      .insert(memberSupport)
      .values({ familyId, personId, organisationId, status: 'not_started', workerId: null })
      .onConflictDoNothing()
      .returning({ id: memberSupport.id });
    if (support)
      await recordHistory(tx, access, {
        familyId,
        personId,
        recordType: 'member_support',
        recordId: support.id,
        action: 'created',
        changes: changedFields({}, { status: 'not_started', referralId }),
      });
  }
  return members.length;
}

/** A new person from a self-referral: the name the worker checked, and how they said it is safe to contact them. */
function newPerson(self: typeof selfReferral.$inferSelect, candidate: MatchCandidate): MemberDetails {
  return {
    person: {
      givenName: candidate.name,
      familyName: null,
      preferredName: null,
      pronouns: null,
      dateOfBirth: candidate.dateOfBirth,
      approximateAge: null,
      gender: null,
      ethnicity: null,
      firstLanguage: null,
      interpreterNeeded: false,
      phone: self.phone,
      email: self.email,
      address: null,
      postcode: candidate.postcode,
      addressWithheld: false,
      safeToPhone: self.contactMethod === 'phone' ? true : null,
      safeToText: self.contactMethod === 'text' ? true : null,
      safeToWrite: null,
      safeToVisit: null,
      safeTimes: self.safeTimes,
      contactSafetyNote: self.leaveMessage ? 'Happy for a message to be left' : 'Do not leave a message',
    },
    membership: {
      relationshipLabel: null,
      roles: self.audience === 'person_using' ? ['using_substances'] : ['affected_family_member'],
      livesInHousehold: null,
      inContactWithServices: 'unknown',
    },
  };
}

/** Starts a family for a self-referral, with the person as the worker checked them, the user's organisation on its team. */
async function familyFromSelfReferral(
  tx: Db,
  access: AccessContext,
  self: typeof selfReferral.$inferSelect,
  candidate: MatchCandidate,
  today: string,
): Promise<{ familyId: string; personId: string }> {
  const areaId = access.partnershipAreaId as string;
  const reference = await nextFamilyReference(tx, areaId);
  const [created] = await tx
    .insert(family)
    .values({ reference, name: `${candidate.name}’s family`, partnershipAreaId: areaId })
    .returning({ id: family.id });
  if (!created) throw new Error('family not created');
  await recordHistory(tx, access, {
    familyId: created.id,
    recordType: 'family',
    recordId: created.id,
    action: 'created',
    changes: changedFields({}, { reference, selfReferralId: self.id }),
  });
  await tx
    .insert(familyTeamMember)
    .values({ familyId: created.id, organisationId: access.organisationId as string, joinedOn: today });
  const personId = await new MemberService(tx).insertMember(
    tx,
    access,
    created.id,
    undefined,
    newPerson(self, candidate),
    new Date(`${today}T12:00:00Z`),
  );
  await addAutomaticEntry(tx, access, {
    familyId: created.id,
    personId,
    what: 'Family record started from a self-referral.',
    occurredOn: today,
  });
  return { familyId: created.id, personId };
}

/**
 * Checks, before anything is written, that the record the worker chose is
 * one they may link to: a current member they can see, or a family they
 * can see. Anything else is refused in the same words whether or not it
 * exists, and the attempt is audited as denied.
 */
export async function linkAllowed(
  tx: Db,
  access: AccessContext,
  referralId: string,
  link: LinkChoice,
): Promise<boolean> {
  if (link.kind === 'new') return true;
  const [found] =
    link.kind === 'person'
      ? await queryRows<{ ok: number }>(
          tx,
          sql`select 1 as ok from family_membership m join person p on p.id = m.person_id
            where m.family_id = ${link.familyId} and m.person_id = ${link.personId} and m.ended_on is null
              and p.merged_into_id is null and ${memberVisible(access, sql`m.family_id`, sql`m.person_id`)}`,
        )
      : await queryRows<{ ok: number }>(
          tx,
          sql`select 1 as ok from family f where f.id = ${link.familyId} and ${familyVisible(access, sql`f.id`)}`,
        );
  if (found) return true;
  await recordAudit(tx, access, {
    action: 'referral.link',
    outcome: 'denied',
    recordType: 'referral',
    recordId: referralId,
    detail: { how: link.kind },
  });
  return false;
}

/**
 * Does what accepting means for the family record, after the move: joins
 * the referral's family, or for a referral with no family (a self-referral)
 * links it as the worker chose. Call inside the move's transaction, after
 * `linkAllowed`.
 */
export async function acceptInto(
  tx: Db,
  access: AccessContext,
  referralId: string,
  link: LinkChoice | undefined,
  today: string,
): Promise<string | null> {
  const [row] = await tx
    .select({
      familyId: referral.familyId,
      selfReferralId: referral.selfReferralId,
      serviceId: referral.serviceId,
    })
    .from(referral)
    .where(eq(referral.id, referralId));
  if (!row) return null;
  if (row.familyId) {
    await joinFamily(tx, access, row.familyId, referralId, today);
    await tx.update(referral).set({ receivingFamilyId: row.familyId }).where(eq(referral.id, referralId));
    return row.familyId;
  }
  if (!row.selfReferralId) return null;
  const [self] = await tx.select().from(selfReferral).where(eq(selfReferral.id, row.selfReferralId));
  if (!self) throw new Error('self-referral missing');
  const choice: LinkChoice = link ?? {
    kind: 'new',
    candidate: { name: self.name, dateOfBirth: null, postcode: null },
  };
  let familyId: string;
  let personId: string;
  if (choice.kind === 'new') {
    ({ familyId, personId } = await familyFromSelfReferral(tx, access, self, choice.candidate, today));
  } else if (choice.kind === 'member') {
    familyId = choice.familyId;
    personId = await new MemberService(tx).insertMember(
      tx,
      access,
      familyId,
      undefined,
      newPerson(self, choice.candidate),
      new Date(`${today}T12:00:00Z`),
    );
    await addAutomaticEntry(tx, access, {
      familyId,
      personId,
      what: `${choice.candidate.name} was added to the family record from a self-referral.`,
      occurredOn: today,
    });
  } else {
    ({ familyId, personId } = choice);
    await addAutomaticEntry(tx, access, {
      familyId,
      personId,
      what: 'Referred themselves through Find support; the self-referral was linked to their record.',
      occurredOn: today,
    });
  }
  await tx.insert(referralMember).values({ referralId, personId }).onConflictDoNothing();
  await tx.update(referral).set({ familyId, receivingFamilyId: familyId }).where(eq(referral.id, referralId));
  await joinFamily(tx, access, familyId, referralId, today);
  await tx.update(selfReferral).set({ status: 'taken_in' }).where(eq(selfReferral.id, self.id));
  await recordAudit(tx, access, {
    action: 'referral.link',
    recordType: 'referral',
    recordId: referralId,
    familyId,
    detail: { how: choice.kind, personId },
  });
  return familyId;
}
