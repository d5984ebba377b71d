// Making a referral from a family: the members the user may see, the
// family's open protection concerns, and the referral itself, saved as a
// draft or sent, once however often the form is submitted.
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  type MemberRole,
  notification,
  referral,
  referralEvent,
  referralMember,
  selfReferral,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { type OverviewConcern, openConcernsForOverview } from '../assessment/concernRepository.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { displayName } from '../members/memberAge.ts';
import { type CriteriaMember, serviceById, serviceRefusal } from './referralDirectory.ts';
import { emailMove, type ReferralMail } from './referralEmails.ts';
import type { ReferralInput } from './referralForm.ts';
import { moveMessage, moveReferral } from './referralService.ts';

export interface FormMember extends CriteriaMember {
  personId: string;
}

/** The family (when the user may see it) and its current members the user may see. */
export async function familyForReferral(
  db: Db,
  access: AccessContext,
  familyId: string,
): Promise<{ id: string; name: string; reference: string; members: FormMember[] } | undefined> {
  const [found] = await queryRows<{ id: string; name: string; reference: string }>(
    db,
    sql`select f.id, f.name, f.reference from family f where f.id = ${familyId} and ${familyVisible(access, sql`f.id`)}`,
  );
  if (!found) return undefined;
  const rows = await queryRows<{
    personId: string;
    givenName: string;
    preferredName: string | null;
    familyName: string | null;
    roles: MemberRole[];
    dateOfBirth: string | null;
    approximateAge: number | null;
    approximateAgeOn: string | null;
  }>(
    db,
    sql`select p.id as "personId", p.given_name as "givenName", p.preferred_name as "preferredName",
        p.family_name as "familyName", m.roles, p.date_of_birth::text as "dateOfBirth",
        p.approximate_age as "approximateAge", p.approximate_age_on::text as "approximateAgeOn"
      from family_membership m join person p on p.id = m.person_id
      where m.family_id = ${familyId} and m.ended_on is null
        and ${memberVisible(access, sql`m.family_id`, sql`m.person_id`)}
      order by p.date_of_birth nulls last, p.given_name`,
  );
  return {
    ...found,
    members: rows.map(({ givenName, preferredName, familyName, ...rest }) => ({
      ...rest,
      name: displayName({ givenName, preferredName, familyName }),
    })),
  };
}

/** The family's open protection concerns the user may see: the only basis for a referral without consent. */
export function openConcerns(db: Db, access: AccessContext, familyId: string): Promise<OverviewConcern[]> {
  return openConcernsForOverview(db, access, familyId);
}

export type CreateOutcome =
  | { kind: 'not_found' }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'created'; id: string; reference: string; repeated: boolean };

/**
 * Saves a referral from a family to a service, as a draft or sent. The same
 * idempotency key from the same organisation gives back the referral the
 * first submit made. In one transaction with its history, audit and notices.
 */
export async function createReferral(
  db: Db,
  access: AccessContext,
  familyId: string,
  serviceId: string,
  input: ReferralInput,
  mail: ReferralMail,
): Promise<CreateOutcome> {
  const organisationId = access.organisationId;
  if (!organisationId) return { kind: 'not_found' };
  return db.transaction(async (tx) => {
    const known = await familyForReferral(tx, access, familyId);
    if (!known) {
      await recordAudit(tx, access, {
        action: 'referral.create',
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
      return { kind: 'not_found' as const };
    }
    const [already] = await tx
      .select({ id: referral.id, reference: referral.reference })
      .from(referral)
      .where(
        and(
          eq(referral.referringOrganisationId, organisationId),
          eq(referral.idempotencyKey, input.idempotencyKey),
        ),
      );
    if (already) return { kind: 'created' as const, ...already, repeated: true };
    const service = await serviceById(tx, serviceId);
    const refusal = serviceRefusal(service);
    if (refusal || !service) return { kind: 'invalid' as const, errors: { serviceId: refusal as string } };
    const visible = new Set(known.members.map((m) => m.personId));
    const concerns = await openConcerns(tx, access, familyId);
    const errors: FieldErrors = {};
    if (input.memberIds.some((id) => !visible.has(id))) errors.memberIds = 'Select who the referral is for';
    if (input.consentPersonId && !visible.has(input.consentPersonId))
      errors.consentPersonId = 'Select who agreed to the referral';
    if (input.concernId && !concerns.some((c) => c.id === input.concernId))
      errors.concernId = 'Select the protection concern the referral is for';
    if (Object.keys(errors).length) return { kind: 'invalid' as const, errors };

    const inserted = await tx
      .insert(referral)
      .values({
        // The reference comes from its sequence (the column's default).
        reference: sql`default`,
        serviceId: service.id,
        organisationId: service.organisationId,
        // Through the API a connected system refers, with its token for a signature.
        origin: access.tokenId ? 'api' : 'practitioner',
        referringOrganisationId: organisationId,
        referredBy: access.userId ?? null,
        referredByToken: access.tokenId ?? null,
        familyId,
        status: 'draft',
        reason: input.reason,
        wishes: input.wishes,
        urgency: input.urgency,
        sharingBasis: input.sharingBasis,
        consentPersonId: input.consentPersonId,
        consentMethod: input.consentMethod,
        consentOn: input.consentOn,
        concernId: input.concernId,
        idempotencyKey: input.idempotencyKey,
      })
      .onConflictDoNothing({
        target: [referral.referringOrganisationId, referral.idempotencyKey],
        where: sql`idempotency_key is not null`,
      })
      .returning({ id: referral.id, reference: referral.reference });
    const [created] = inserted;
    if (!created) {
      // Another submit of the same form won the race: give back its referral.
      const [first] = await tx
        .select({ id: referral.id, reference: referral.reference })
        .from(referral)
        .where(
          and(
            eq(referral.referringOrganisationId, organisationId),
            eq(referral.idempotencyKey, input.idempotencyKey),
          ),
        );
      if (!first) throw new Error('referral neither created nor found');
      return { kind: 'created' as const, ...first, repeated: true };
    }
    await tx
      .insert(referralMember)
      .values(input.memberIds.map((personId) => ({ referralId: created.id, personId })));
    await tx.insert(referralEvent).values({
      referralId: created.id,
      actorUserId: access.userId ?? null,
      actorTokenId: access.tokenId ?? null,
      fromStatus: null,
      toStatus: 'draft',
    });
    await recordAudit(tx, access, {
      action: 'referral.create',
      recordType: 'referral',
      recordId: created.id,
      familyId,
      detail: { serviceId: service.id, members: input.memberIds.length, basis: input.sharingBasis },
    });
    if (input.send) {
      const sent = await moveReferral(
        tx,
        access,
        { referralId: created.id, version: 1, to: 'new', side: 'referrer' },
        mail,
      );
      if (sent.kind !== 'moved') throw new Error(`a new referral could not be sent: ${sent.kind}`);
    }
    return { kind: 'created' as const, ...created, repeated: false };
  });
}

/** Deletes drafts not sent within 30 days (housekeeping). */
export async function deleteOldDrafts(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 30 * 86_400_000);
  const deleted = await db
    .delete(referral)
    .where(and(eq(referral.status, 'draft'), sql`${referral.createdAt} < ${cutoff.toISOString()}`))
    .returning({ id: referral.id });
  return deleted.length;
}

/**
 * A self-referral from the public finder arrives in the service's inbox the
 * same way as any referral: a new referral marked as a self-referral, with its
 * history, a notice to the organisation and emails (no personal data; a
 * service outside Hearth gets its secure link). Call inside the transaction
 * that saves the self_referral row, with the public request's access.
 */
export async function receiveSelfReferral(
  tx: Db,
  selfReferralId: string,
  mail: ReferralMail,
  access: AccessContext,
): Promise<{ id: string; reference: string }> {
  const [self] = await tx.select().from(selfReferral).where(eq(selfReferral.id, selfReferralId));
  if (!self) throw new Error('self-referral not found');
  const [created] = await tx
    .insert(referral)
    .values({
      reference: sql`default`,
      serviceId: self.serviceId,
      organisationId: self.organisationId,
      origin: 'self_referral',
      selfReferralId: self.id,
      status: 'new',
      reason: self.helpWith,
      sentAt: self.receivedAt,
      createdAt: self.receivedAt,
    })
    .returning({ id: referral.id, reference: referral.reference });
  if (!created) throw new Error('referral not created');
  await tx.insert(referralEvent).values({ referralId: created.id, fromStatus: null, toStatus: 'new' });
  await tx.insert(notification).values({
    organisationId: self.organisationId,
    userId: null,
    kind: 'referral.new',
    referralId: created.id,
    message: moveMessage(created.reference, 'new'),
  });
  await emailMove(
    tx,
    access,
    mail,
    { ...created, organisationId: self.organisationId, referringOrganisationId: null, referredBy: null },
    'new',
  );
  return created;
}
