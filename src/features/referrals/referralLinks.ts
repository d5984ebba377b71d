// Secure links for services outside Hearth (outsideHearth.ts). A link is a
// random 256-bit token, sent by email to the service's referral address;
// only its SHA-256 hash is stored (referral_link.token_hash). It opens the
// referral without signing in, and works for one answer:
// - a "decide" link (14 days) to accept or decline the referral;
// - once accepted, a fresh "started" link (6 weeks, the longest wait the
//   Scottish standard allows) to say when support started.
// Reading the referral does not use a link up (mail scanners open links
// too); an answer does. A new link revokes the last one; withdrawing the
// referral revokes it. Every use is audited with the link as the actor.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { emailOutbox, type ReferralLinkPurpose, type ReferralStatus, referralLink } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import type { EmailToQueue } from '../notifications/mailer.ts';
import { outsideHearth } from './outsideHearth.ts';

/** How long each kind of link works, in days. */
export const linkDays: Record<ReferralLinkPurpose, number> = { decide: 14, started: 42 };

/** What a link may answer: a decision, or the day support started. */
export const linkAnswers: Record<ReferralLinkPurpose, readonly ReferralStatus[]> = {
  decide: ['accepted', 'declined'],
  started: ['started'],
};

/** Queues an email in the caller's transaction, with this Hearth's address for its links (the Mailer). */
export interface ReferralMail {
  queue(tx: Db, email: Omit<EmailToQueue, 'baseUrl'>): Promise<string>;
}

/** A token as Hearth makes them: 32 random bytes, URL-safe base64. */
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The last day a link works, in the UK, for the email. */
function lastDay(expiresAt: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(expiresAt.getTime() - 1000),
  );
}

/** Revokes the referral's link still in use, if any; returns how many were revoked. */
export async function revokeOpenLinks(
  tx: Db,
  referralId: string,
  by: string | null,
  now: Date = new Date(),
): Promise<number> {
  const revoked = await tx
    .update(referralLink)
    .set({ revokedAt: now, revokedBy: by })
    .where(
      and(
        eq(referralLink.referralId, referralId),
        isNull(referralLink.usedAt),
        isNull(referralLink.revokedAt),
      ),
    )
    .returning({ id: referralLink.id });
  return revoked.length;
}

interface NoticeContext {
  reference: string;
  organisationId: string;
  serviceName: string;
  referralEmail: string | null;
  outsideHearth: boolean;
  referringOrganisation: string | null;
  urgency: 'routine' | 'soon' | 'urgent';
}

export async function noticeContext(tx: Db, referralId: string): Promise<NoticeContext | undefined> {
  const [row] = await queryRows<NoticeContext>(
    tx,
    sql`select r.reference, r.organisation_id as "organisationId", s.name as "serviceName",
        s.referral_email as "referralEmail", ${outsideHearth(sql`r.organisation_id`)} as "outsideHearth",
        ro.name as "referringOrganisation", r.urgency
      from referral r join directory_service s on s.id = r.service_id
        left join organisation ro on ro.id = r.referring_organisation_id
      where r.id = ${referralId}`,
  );
  return row;
}

/**
 * Issues a fresh link for a referral to a service outside Hearth and queues
 * its notice to the service's referral address, in the caller's transaction:
 * the link in use before is revoked. Returns undefined, writing nothing, when
 * the service has no referral address.
 */
export async function issueLink(
  tx: Db,
  access: AccessContext,
  mail: ReferralMail,
  referralId: string,
  purpose: ReferralLinkPurpose,
  now: Date = new Date(),
): Promise<{ linkId: string; token: string; emailId: string; sentTo: string } | undefined> {
  const context = await noticeContext(tx, referralId);
  if (!context?.referralEmail) return undefined;
  const replaced = await revokeOpenLinks(tx, referralId, access.userId ?? null, now);
  const token = newSecret(32);
  const expiresAt = new Date(now.getTime() + linkDays[purpose] * 86_400_000);
  const [link] = await tx
    .insert(referralLink)
    .values({
      referralId,
      tokenHash: hashSecret(token),
      createdBy: access.userId ?? null,
      createdAt: now,
      expiresAt,
      purpose,
      sentTo: context.referralEmail,
    })
    .returning({ id: referralLink.id });
  if (!link) throw new Error('the link was not stored');
  const notice = {
    reference: context.reference,
    serviceName: context.serviceName,
    // A self-referral has no referring organisation: the person came through Hearth's finder.
    referringOrganisation: context.referringOrganisation ?? 'Hearth’s Find support service',
    token,
    expiresOn: lastDay(expiresAt),
  };
  const emailId = await mail.queue(tx, {
    organisationId: context.organisationId,
    to: context.referralEmail,
    template:
      purpose === 'decide'
        ? { kind: 'outside_referral', urgency: context.urgency, ...notice }
        : { kind: 'outside_started', ...notice },
  });
  await tx.update(referralLink).set({ emailId }).where(eq(referralLink.id, link.id));
  await recordAudit(tx, access, {
    action: 'referral_link.create',
    recordType: 'referral',
    recordId: referralId,
    detail: { linkId: link.id, purpose, replaced, emailId },
  });
  return { linkId: link.id, token, emailId, sentTo: context.referralEmail };
}

export type LinkState = 'open' | 'used' | 'expired' | 'revoked';

/** A link found by its token, with the referral it opens. */
export interface FoundLink {
  id: string;
  referralId: string;
  purpose: ReferralLinkPurpose;
  state: LinkState;
  organisationId: string;
  partnershipAreaId: string;
}

/**
 * The link a token opens, by the hash of the token: one lookup in a unique
 * index, whatever the token. A token that is not even the right shape is not
 * looked up at all.
 */
export async function findLink(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<FoundLink | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const [row] = await queryRows<FoundLink>(
    db,
    sql`select l.id, l.referral_id as "referralId", l.purpose,
        case when l.revoked_at is not null then 'revoked' when l.used_at is not null then 'used'
          when l.expires_at <= ${now.toISOString()}::timestamptz then 'expired' else 'open' end as state,
        r.organisation_id as "organisationId", o.partnership_area_id as "partnershipAreaId"
      from referral_link l join referral r on r.id = l.referral_id join organisation o on o.id = r.organisation_id
      where l.token_hash = ${hashSecret(token)}`,
  );
  return row;
}

/** Who is acting when a link is used: the link, for the receiving organisation, with no user and no roles. */
export function linkAccess(link: FoundLink, ip: string, requestId: string): AccessContext {
  return {
    userId: undefined,
    tokenId: undefined,
    linkId: link.id,
    organisationId: link.organisationId,
    partnershipAreaId: link.partnershipAreaId,
    roles: [],
    ip,
    requestId,
  };
}

/** Uses the link up for an answer, in the answer's transaction; false when it was used, revoked or expired first. */
export async function consumeLink(
  tx: Db,
  linkId: string,
  usedFor: ReferralStatus,
  now: Date = new Date(),
): Promise<boolean> {
  const used = await tx
    .update(referralLink)
    .set({ usedAt: now, usedFor })
    .where(
      and(
        eq(referralLink.id, linkId),
        isNull(referralLink.usedAt),
        isNull(referralLink.revokedAt),
        gt(referralLink.expiresAt, now),
      ),
    )
    .returning({ id: referralLink.id });
  return used.length === 1;
}

/** Notes the first time a link was opened, for the referrer to see. */
export async function markViewed(db: Db, linkId: string, now: Date = new Date()): Promise<void> {
  await db
    .update(referralLink)
    .set({ firstViewedAt: now })
    .where(and(eq(referralLink.id, linkId), isNull(referralLink.firstViewedAt)));
}

/** A referral's links, newest first, with whether each notice was sent: for the referral's page. */
export async function linksOf(db: Db, referralId: string) {
  return db
    .select({
      id: referralLink.id,
      purpose: referralLink.purpose,
      sentTo: referralLink.sentTo,
      createdAt: referralLink.createdAt,
      expiresAt: referralLink.expiresAt,
      firstViewedAt: referralLink.firstViewedAt,
      usedAt: referralLink.usedAt,
      usedFor: referralLink.usedFor,
      revokedAt: referralLink.revokedAt,
      emailSentAt: emailOutbox.sentAt,
      emailFailedAt: emailOutbox.failedAt,
    })
    .from(referralLink)
    .leftJoin(emailOutbox, eq(emailOutbox.id, referralLink.emailId))
    .where(eq(referralLink.referralId, referralId))
    .orderBy(desc(referralLink.createdAt), desc(referralLink.id))
    .limit(20);
}
