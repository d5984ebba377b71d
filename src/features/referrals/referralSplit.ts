// Deciding a referral member by member: the receiving service passes some
// of its members on to another service (a new referral for them,
// redirected from this one, the history carried) or declines for them,
// with a reason and where they could go instead, and keeps the rest to
// decide as usual. The referral's status stays; its version moves, so a
// worker acting on it at the same time is told what happened.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type MemberOutcome,
  notification,
  type ReferralStatus,
  referral,
  referralEvent,
  referralMember,
  referralMemberOutcome,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { serviceById, serviceRefusal } from './referralDirectory.ts';
import type { ReferralMail } from './referralEmails.ts';
import { redirectTo } from './referralMoves.ts';
import { membersWord } from './referralPresenter.ts';
import { type CurrentState, currentState, sideOf } from './referralService.ts';

export interface SplitInput {
  /** The version the user saw. */
  version: number;
  personIds: string[];
  outcome: MemberOutcome;
  serviceId: string | null;
  reason: string;
  suggestion: string | null;
}

export type SplitResult =
  | { kind: 'split'; reference: string; version: number; passedTo?: { id: string; reference: string } }
  | { kind: 'not_found' }
  | { kind: 'refused'; status: ReferralStatus }
  | { kind: 'conflict'; current: CurrentState }
  | { kind: 'invalid'; errors: FieldErrors };

/** A referral can be decided member by member while the receiving service has not decided it. */
export const splitStatuses: readonly ReferralStatus[] = ['new', 'waiting'];

/** The notice to the referrer: the references only, never a name. */
export function splitMessage(reference: string, outcome: MemberOutcome, passedTo?: string): string {
  return outcome === 'passed_on'
    ? `Referral ${reference}: some members were passed on to another service in ${passedTo}`
    : `Referral ${reference} was declined for some members`;
}

/**
 * Passes on or declines for some of a referral's members, in one
 * transaction: the referral moves to a new version (or, if someone else
 * changed it first, nothing is written and the caller is told), the
 * members leave it with their outcome, a new referral takes those passed
 * on, both referrals' histories say so, and the referrer is told.
 */
export async function splitReferral(
  db: Db,
  access: AccessContext,
  referralId: string,
  input: SplitInput,
  mail: ReferralMail,
): Promise<SplitResult> {
  return db.transaction(async (tx): Promise<SplitResult> => {
    const [row] = await tx.select().from(referral).where(eq(referral.id, referralId));
    if (!row || sideOf(access, row) !== 'receiver') {
      await recordAudit(tx, access, {
        action: 'referral.split',
        outcome: 'denied',
        recordType: 'referral',
        recordId: referralId,
      });
      return { kind: 'not_found' };
    }
    if (row.version !== input.version) {
      const current = await currentState(tx, row.id);
      if (current) return { kind: 'conflict', current };
    }
    if (!splitStatuses.includes(row.status) || row.origin === 'self_referral')
      return { kind: 'refused', status: row.status };
    const members = await tx
      .select({ personId: referralMember.personId })
      .from(referralMember)
      .where(eq(referralMember.referralId, row.id));
    const current = new Set(members.map((m) => m.personId));
    const chosen = [...new Set(input.personIds)];
    if (chosen.length === 0 || chosen.some((id) => !current.has(id)))
      return { kind: 'invalid', errors: { personIds: 'Select who this decision is for' } };
    if (chosen.length === current.size) return { kind: 'invalid', errors: { personIds: everyoneChosen } };
    let serviceName = '';
    if (input.outcome === 'passed_on') {
      const service = await serviceById(tx, input.serviceId ?? '');
      const refusal = serviceRefusal(service);
      if (refusal || !service || service.id === row.serviceId)
        return {
          kind: 'invalid',
          errors: { serviceId: refusal ?? 'Select the service to pass them on to' },
        };
      serviceName = service.name;
    }

    const updated = await tx
      .update(referral)
      .set({ updatedAt: new Date(), version: sql`${referral.version} + 1` })
      .where(
        and(eq(referral.id, row.id), eq(referral.version, input.version), eq(referral.status, row.status)),
      )
      .returning({ version: referral.version });
    const [after] = updated;
    if (!after) {
      const now = await currentState(tx, row.id);
      return now ? { kind: 'conflict', current: now } : { kind: 'not_found' };
    }
    const passedTo =
      input.outcome === 'passed_on'
        ? await redirectTo(tx, access, mail, row.id, input.serviceId as string, input.reason, chosen)
        : undefined;
    await tx
      .delete(referralMember)
      .where(and(eq(referralMember.referralId, row.id), inArray(referralMember.personId, chosen)));
    await tx.insert(referralMemberOutcome).values(
      chosen.map((personId) => ({
        referralId: row.id,
        personId,
        outcome: input.outcome,
        passedToId: passedTo?.id ?? null,
        reason: input.reason,
        suggestion: input.suggestion,
        decidedBy: access.userId ?? null,
      })),
    );
    // The history says how many and where, never who: the referring side may not see every member.
    const who = membersWord(chosen.length);
    await tx.insert(referralEvent).values({
      referralId: row.id,
      actorUserId: access.userId ?? null,
      actorTokenId: access.tokenId ?? null,
      fromStatus: row.status,
      toStatus: row.status,
      note:
        input.outcome === 'passed_on'
          ? `${who} passed on to ${serviceName} in ${passedTo?.reference}: ${input.reason}`
          : `Declined for ${who}: ${input.reason}`,
    });
    await recordAudit(tx, access, {
      action: 'referral.split',
      recordType: 'referral',
      recordId: row.id,
      familyId: row.familyId ?? undefined,
      detail: { outcome: input.outcome, members: chosen.length, passedToId: passedTo?.id ?? null },
    });
    if (row.referredBy && row.referringOrganisationId && row.referredBy !== access.userId)
      await tx.insert(notification).values({
        organisationId: row.referringOrganisationId,
        userId: row.referredBy,
        kind: 'referral.split',
        referralId: row.id,
        message: splitMessage(row.reference, input.outcome, passedTo?.reference),
      });
    return {
      kind: 'split',
      reference: row.reference,
      version: after.version,
      ...(passedTo ? { passedTo } : {}),
    };
  });
}

export const everyoneChosen =
  'You chose everyone: to decide for the whole referral, go back and pass it on or decline it';
