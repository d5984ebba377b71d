// The kernel of a referral's life: one move from one status to the next, by
// one side, checked against the status rules and the version the user saw,
// with its history, audit event, notifications and emails, all in the
// caller's transaction. The actor is a user, an API token, or a secure link
// for a service outside Hearth (access.linkId).
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { notification, type ReferralStatus, referral, referralEvent } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { emailMove, type ReferralMail } from './referralEmails.ts';
import { canMove, type Side, statusLabels } from './referralStatus.ts';

/** What a move may also change on the referral, besides its status. */
export interface MoveFields {
  declineReason?: string;
  suggestion?: string | null;
  firstSupportOn?: string;
  receivingFamilyId?: string;
  /** Said in the referral's history. */
  note?: string | null;
}

export interface MoveRequest {
  referralId: string;
  /** The version the user saw when they chose the move. */
  version: number;
  to: ReferralStatus;
  side: Side;
  fields?: MoveFields;
}

/** The referral as it is now, after someone else changed it. */
export interface CurrentState {
  reference: string;
  status: ReferralStatus;
  version: number;
  /** Who made the last change: their name and organisation, when known. */
  changedBy: string | null;
}

export type MoveResult =
  | { kind: 'moved'; reference: string; version: number }
  | { kind: 'not_found' }
  | { kind: 'refused'; status: ReferralStatus }
  | { kind: 'conflict'; current: CurrentState };

/** The words of a notification about a move: no personal data, the reference only. */
export function moveMessage(reference: string, to: ReferralStatus): string {
  const said: Record<ReferralStatus, string> = {
    draft: 'was saved as a draft',
    new: 'was received',
    waiting: 'is on the waiting list',
    accepted: 'was accepted',
    started: 'has started: support began',
    declined: 'was declined',
    redirected: 'was redirected to another service',
    withdrawn: 'was withdrawn',
    closed: 'was closed',
  };
  return `Referral ${reference} ${said[to]}`;
}

/** The organisation a side acts for: the referring organisation or the receiving one. */
export function sideOf(
  access: AccessContext,
  row: { organisationId: string; referringOrganisationId: string | null },
): Side | undefined {
  if (!access.organisationId) return undefined;
  if (row.organisationId === access.organisationId) return 'receiver';
  if (row.referringOrganisationId === access.organisationId) return 'referrer';
  return undefined;
}

/** The referral's status now and who changed it last, for the conflict page. */
export async function currentState(tx: Db, referralId: string): Promise<CurrentState | undefined> {
  const [row] = await queryRows<CurrentState>(
    tx,
    sql`select r.reference, r.status, r.version,
        (select coalesce(u.display_name || ', ' || o.name, t.name || ', ' || tor.name,
            case when e.actor_link_id is not null then s.name || ' (outside Hearth, by secure link)' end)
          from referral_event e
           left join app_user u on u.id = e.actor_user_id left join organisation o on o.id = u.organisation_id
           left join api_token t on t.id = e.actor_token_id left join organisation tor on tor.id = t.organisation_id
          where e.referral_id = r.id order by e.at desc, e.id desc limit 1) as "changedBy"
      from referral r join directory_service s on s.id = r.service_id where r.id = ${referralId}`,
  );
  return row;
}

/** Writes in-app notifications and queues emails for a move to the other side. Call inside the move's transaction. */
export async function notifyMove(
  tx: Db,
  access: AccessContext,
  row: {
    id: string;
    reference: string;
    organisationId: string;
    referringOrganisationId: string | null;
    referredBy: string | null;
    /** The API token that made it, when a connected system did. */
    referredByToken?: string | null;
  },
  to: ReferralStatus,
  mail: ReferralMail,
): Promise<void> {
  const message = moveMessage(row.reference, to);
  // The referrer hears of every change they did not make themselves.
  if (row.referredBy && row.referringOrganisationId && row.referredBy !== access.userId)
    await tx.insert(notification).values({
      organisationId: row.referringOrganisationId,
      userId: row.referredBy,
      kind: `referral.${to}`,
      referralId: row.id,
      message,
    });
  // A connected system made it: the referring organisation as a whole hears of the other side's changes.
  if (
    !row.referredBy &&
    row.referredByToken &&
    row.referringOrganisationId &&
    row.referringOrganisationId !== access.organisationId
  )
    await tx.insert(notification).values({
      organisationId: row.referringOrganisationId,
      userId: null,
      kind: `referral.${to}`,
      referralId: row.id,
      message,
    });
  // The receiving organisation, as a whole, hears of new referrals and of withdrawals.
  if ((to === 'new' || to === 'withdrawn') && row.organisationId !== access.organisationId)
    await tx.insert(notification).values({
      organisationId: row.organisationId,
      userId: null,
      kind: `referral.${to}`,
      referralId: row.id,
      message,
    });
  await emailMove(tx, access, mail, row, to);
}

/**
 * Moves a referral to `to`, for `side`, if the status rules allow it and the
 * referral is still at the version the user saw. Writes the history
 * (`referral_event`), an audit event (ids only), notifications and emails
 * (queued through `mail`; the caller nudges the mailer after the commit). Run
 * inside the caller's transaction: nothing is written unless the whole move is.
 */
export async function moveReferral(
  tx: Db,
  access: AccessContext,
  request: MoveRequest,
  mail: ReferralMail,
): Promise<MoveResult> {
  const [row] = await tx
    .select({
      id: referral.id,
      reference: referral.reference,
      status: referral.status,
      version: referral.version,
      organisationId: referral.organisationId,
      referringOrganisationId: referral.referringOrganisationId,
      referredBy: referral.referredBy,
      referredByToken: referral.referredByToken,
      familyId: referral.familyId,
    })
    .from(referral)
    .where(eq(referral.id, request.referralId));
  const action = `referral.${request.to}`;
  if (!row || sideOf(access, row) !== request.side) {
    await recordAudit(tx, access, {
      action,
      outcome: 'denied',
      recordType: 'referral',
      recordId: request.referralId,
    });
    return { kind: 'not_found' };
  }
  if (row.version !== request.version) {
    const current = await currentState(tx, row.id);
    if (current) return { kind: 'conflict', current };
  }
  if (!canMove(row.status, request.to, request.side)) return { kind: 'refused', status: row.status };

  const fields = request.fields ?? {};
  const now = new Date();
  const decided = ['accepted', 'declined', 'redirected'].includes(request.to);
  const updated = await tx
    .update(referral)
    .set({
      status: request.to,
      updatedAt: now,
      version: sql`${referral.version} + 1`,
      ...(request.to === 'new' ? { sentAt: now } : {}),
      ...(decided ? { decidedAt: now, decidedBy: access.userId ?? null } : {}),
      ...(request.to === 'closed' || request.to === 'withdrawn' ? { closedAt: now } : {}),
      ...(fields.declineReason !== undefined ? { declineReason: fields.declineReason } : {}),
      ...(fields.suggestion !== undefined ? { suggestion: fields.suggestion } : {}),
      ...(fields.firstSupportOn !== undefined ? { firstSupportOn: fields.firstSupportOn } : {}),
      ...(fields.receivingFamilyId !== undefined ? { receivingFamilyId: fields.receivingFamilyId } : {}),
    })
    .where(
      and(eq(referral.id, row.id), eq(referral.version, request.version), eq(referral.status, row.status)),
    )
    .returning({ version: referral.version });
  const [after] = updated;
  if (!after) {
    const current = await currentState(tx, row.id);
    if (!current) return { kind: 'not_found' };
    return { kind: 'conflict', current };
  }
  await tx.insert(referralEvent).values({
    referralId: row.id,
    actorUserId: access.userId ?? null,
    actorTokenId: access.tokenId ?? null,
    actorLinkId: access.linkId ?? null,
    fromStatus: row.status,
    toStatus: request.to,
    note: fields.note ?? null,
  });
  await recordAudit(tx, access, {
    action,
    recordType: 'referral',
    recordId: row.id,
    familyId: row.familyId ?? undefined,
    detail: { from: row.status, to: request.to, side: request.side },
  });
  await notifyMove(tx, access, row, request.to, mail);
  return { kind: 'moved', reference: row.reference, version: after.version };
}

/** "Someone else changed this referral: it is now Accepted by …" */
export function conflictMessage(current: CurrentState): string {
  const by = current.changedBy ? ` by ${current.changedBy}` : '';
  return `Someone else changed this referral: it is now ${statusLabels[current.status]}${by}`;
}
