// The moves with more to them than a status: accepting (the receiving
// organisation joins the family's team, or links a self-referral to a
// family: referralAccept.ts) and redirecting (a new referral to another
// service that carries the history). Each in one transaction around the
// kernel's move.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ReferralStatus, referral, referralEvent } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { acceptInto, type LinkChoice, linkAllowed, linkRefused } from './referralAccept.ts';
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
  /** For a referral with no family yet (a self-referral): who the person is, as the worker chose. */
  link?: LinkChoice | undefined;
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
 * Passes a referral on: a new referral to another service with the same
 * reason and basis for sharing, for all its members or for those given (a
 * referral decided member by member).
 */
export async function redirectTo(
  tx: Db,
  access: AccessContext,
  mail: ReferralMail,
  fromId: string,
  serviceId: string,
  reason: string,
  personIds?: readonly string[],
) {
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
      select ${created.id}, person_id from referral_member where referral_id = ${from.id}
        and (${personIds === undefined} or person_id = any(${sql.param(personIds ?? [])}::uuid[]))`,
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
  return db.transaction(async (tx): Promise<ApplyResult> => {
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
    if (to === 'accepted' && input.link && !(await linkAllowed(tx, access, referralId, input.link)))
      return { kind: 'invalid', errors: { link: linkRefused } };
    const moved = await moveReferral(
      tx,
      access,
      { referralId, version: input.version, to, side, fields },
      mail,
    );
    if (moved.kind !== 'moved') return moved;
    if (to === 'accepted') await acceptInto(tx, access, referralId, input.link, today);
    if (to === 'redirected') {
      await redirectTo(tx, access, mail, referralId, input.serviceId ?? '', input.reason ?? '');
      await tx.update(referral).set({ suggestion: input.suggestion }).where(eq(referral.id, referralId));
    }
    return moved;
  });
}
