// The moves with more to them than a status: accepting (the receiving
// organisation joins the family's team, or starts a family for a
// self-referral) and redirecting (a new referral to another service that
// carries the history). Each in one transaction around the kernel's move.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  family,
  familyTeamMember,
  memberSupport,
  type ReferralStatus,
  referral,
  referralEvent,
  referralMember,
  selfReferral,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { nextFamilyReference } from '../members/familyReference.ts';
import { MemberService } from '../members/memberService.ts';
import { serviceById, serviceRefusal } from './referralDirectory.ts';
import type { ReferralMail } from './referralEmails.ts';
import { type MoveFields, type MoveResult, moveReferral, notifyMove } from './referralService.ts';
import { movesFrom, type Side } from './referralStatus.ts';

export interface MoveInput {
  version: number;
  reason: string | null;
  suggestion: string | null;
  serviceId: string | null;
  firstSupportOn: string | null;
  note: string | null;
}

/** A self-referral was shared by the person with this service only: it cannot be passed on. */
export const selfReferralRedirect =
  'A self-referral cannot be passed on: the person shared it with this service only. Decline it and suggest where to go instead.';

/** The moves a side may offer now; a self-referral cannot be passed on. */
export function offeredMoves(row: { status: ReferralStatus; origin: string }, side: Side): ReferralStatus[] {
  return movesFrom(row.status, side).filter((to) => !(to === 'redirected' && row.origin === 'self_referral'));
}

export type ApplyResult = MoveResult | { kind: 'invalid'; errors: Record<string, string> };

/**
 * Joins the receiving organisation to the family's team and gives it support
 * rows for the referred members, not yet given to a worker: the team lead
 * allocates them with the rest of the new work.
 */
async function joinFamily(
  tx: Db,
  access: AccessContext,
  familyId: string,
  referralId: string,
  today: string,
) {
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

/** Starts a family for a self-referral, with the person by the name they gave, the user's organisation on its team. */
async function familyFromSelfReferral(tx: Db, access: AccessContext, selfReferralId: string, today: string) {
  const areaId = access.partnershipAreaId as string;
  const [self] = await tx.select().from(selfReferral).where(eq(selfReferral.id, selfReferralId));
  if (!self) throw new Error('self-referral missing');
  const reference = await nextFamilyReference(tx, areaId);
  const [created] = await tx
    .insert(family)
    .values({ reference, name: `${self.name}’s family`, partnershipAreaId: areaId })
    .returning({ id: family.id });
  if (!created) throw new Error('family not created');
  await recordHistory(tx, access, {
    familyId: created.id,
    recordType: 'family',
    recordId: created.id,
    action: 'created',
    changes: changedFields({}, { reference, selfReferralId }),
  });
  await tx
    .insert(familyTeamMember)
    .values({ familyId: created.id, organisationId: access.organisationId as string, joinedOn: today });
  const personId = await new MemberService(tx).insertMember(
    tx,
    access,
    created.id,
    undefined,
    {
      person: {
        givenName: self.name,
        familyName: null,
        preferredName: null,
        pronouns: null,
        dateOfBirth: null,
        approximateAge: null,
        gender: null,
        ethnicity: null,
        firstLanguage: null,
        interpreterNeeded: false,
        phone: self.phone,
        email: self.email,
        address: null,
        postcode: null,
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
    },
    new Date(`${today}T12:00:00Z`),
  );
  await addAutomaticEntry(tx, access, {
    familyId: created.id,
    personId,
    what: 'Family record started from a self-referral.',
    occurredOn: today,
  });
  await tx.update(selfReferral).set({ status: 'taken_in' }).where(eq(selfReferral.id, selfReferralId));
  return created.id;
}

/** Passes a referral on: a new referral to another service with the same members, reason and basis for sharing. */
async function redirectTo(
  tx: Db,
  access: AccessContext,
  mail: ReferralMail,
  redirect: { fromId: string; serviceId: string; reason: string },
) {
  const { fromId, serviceId, reason } = redirect;
  const [from] = await tx.select().from(referral).where(eq(referral.id, fromId));
  const service = await serviceById(tx, serviceId);
  if (!from || !service || serviceRefusal(service))
    throw new Error('redirect to a service that cannot take it');
  const now = new Date();
  const [created] = await tx
    .insert(referral)
    .values({
      reference: sql`default`,
      serviceId: service.id,
      organisationId: service.organisationId,
      origin: 'redirect',
      referringOrganisationId: from.referringOrganisationId,
      referredBy: from.referredBy,
      referredByToken: from.referredByToken,
      familyId: from.familyId,
      selfReferralId: null,
      status: 'new',
      reason: from.reason,
      wishes: from.wishes,
      urgency: from.urgency,
      sharingBasis: from.sharingBasis,
      consentPersonId: from.consentPersonId,
      consentMethod: from.consentMethod,
      consentOn: from.consentOn,
      concernId: from.concernId,
      sentAt: now,
      redirectedFromId: from.id,
    })
    .returning({ id: referral.id, reference: referral.reference });
  if (!created) throw new Error('redirect not created');
  await tx.execute(
    sql`insert into referral_member (referral_id, person_id)
      select ${created.id}, person_id from referral_member where referral_id = ${from.id}`,
  );
  await tx.insert(referralEvent).values({
    referralId: created.id,
    actorUserId: access.userId ?? null,
    actorTokenId: access.tokenId ?? null,
    fromStatus: null,
    toStatus: 'new',
    note: `Passed on from ${from.reference}: ${reason}`,
  });
  await recordAudit(tx, access, {
    action: 'referral.create',
    recordType: 'referral',
    recordId: created.id,
    familyId: from.familyId ?? undefined,
    detail: { serviceId: service.id, redirectedFromId: from.id },
  });
  await notifyMove(
    tx,
    access,
    {
      id: created.id,
      reference: created.reference,
      organisationId: service.organisationId,
      referringOrganisationId: from.referringOrganisationId,
      referredBy: null,
    },
    'new',
    mail,
  );
  return created;
}

/** Makes a move the user chose on a referral's page, with what that move also does, in one transaction. */
export async function applyMove(
  db: Db,
  access: AccessContext,
  referralId: string,
  to: ReferralStatus,
  side: Side,
  input: MoveInput,
  mail: ReferralMail,
  now: Date = new Date(),
): Promise<ApplyResult> {
  const today = todayInUk(now);
  return db.transaction(async (tx) => {
    const fields: MoveFields = { note: input.note };
    if (to === 'declined') {
      fields.declineReason = input.reason ?? '';
      fields.suggestion = input.suggestion;
      fields.note = input.reason;
    }
    if (to === 'started') fields.firstSupportOn = input.firstSupportOn ?? today;
    if (to === 'redirected') {
      const [from] = await tx
        .select({ origin: referral.origin })
        .from(referral)
        .where(eq(referral.id, referralId));
      if (from?.origin === 'self_referral')
        return { kind: 'invalid' as const, errors: { serviceId: selfReferralRedirect } };
      const service = await serviceById(tx, input.serviceId ?? '');
      const refusal = serviceRefusal(service);
      if (refusal || !service) return { kind: 'invalid' as const, errors: { serviceId: refusal as string } };
      fields.note = `Passed on to ${service.name}: ${input.reason}`;
    }
    const moved = await moveReferral(
      tx,
      access,
      { referralId, version: input.version, to, side, fields },
      mail,
    );
    if (moved.kind !== 'moved') return moved;
    if (to === 'accepted') {
      const [row] = await tx
        .select({ familyId: referral.familyId, selfReferralId: referral.selfReferralId })
        .from(referral)
        .where(eq(referral.id, referralId));
      let familyId = row?.familyId ?? null;
      if (familyId) await joinFamily(tx, access, familyId, referralId, today);
      else if (row?.selfReferralId) {
        familyId = await familyFromSelfReferral(tx, access, row.selfReferralId, today);
        await tx.update(referral).set({ familyId }).where(eq(referral.id, referralId));
      }
      if (familyId)
        await tx.update(referral).set({ receivingFamilyId: familyId }).where(eq(referral.id, referralId));
    }
    if (to === 'redirected') {
      await redirectTo(tx, access, mail, {
        fromId: referralId,
        serviceId: input.serviceId ?? '',
        reason: input.reason ?? '',
      });
      await tx.update(referral).set({ suggestion: input.suggestion }).where(eq(referral.id, referralId));
    }
    return moved;
  });
}
