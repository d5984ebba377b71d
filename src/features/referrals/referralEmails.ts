// Emails about a referral's moves, beside the in-app notifications and in
// the same transaction. No personal data: the reference, the service and the
// status, with a link to sign in. Who hears:
// - of a new referral or a withdrawal, the receiving organisation's team
//   leads; a service outside Hearth instead gets a notice at its referral
//   address, with a secure link for a new referral (referralLinks.ts);
// - of every other change, the referrer, unless they made it themselves; for
//   a referral a connected system made (an API token, no user), the
//   referring organisation's team leads.
// Users who turned off "Email me about referrals" on their account page, and
// users who are not active, get none.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { ReferralStatus } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { issueLink, noticeContext, type ReferralMail, revokeOpenLinks } from './referralLinks.ts';

export type { ReferralMail } from './referralLinks.ts';

/** The active users matching `where` who want referral emails. */
async function wantingEmail(tx: Db, where: SQL): Promise<{ id: string; email: string }[]> {
  return queryRows(
    tx,
    sql`select id, email from app_user where status = 'active' and email_referrals and ${where} order by email`,
  );
}

export interface MovedReferral {
  id: string;
  reference: string;
  organisationId: string;
  referringOrganisationId: string | null;
  referredBy: string | null;
  /** The API token that made it, when a connected system did. */
  referredByToken?: string | null;
}

/** Queues the emails for a move in its transaction; the caller nudges the mailer after the commit. */
export async function emailMove(
  tx: Db,
  access: AccessContext,
  mail: ReferralMail,
  row: MovedReferral,
  to: ReferralStatus,
): Promise<void> {
  const context = await noticeContext(tx, row.id);
  if (!context) return;
  const { reference, serviceName } = context;
  if ((to === 'new' || to === 'withdrawn') && row.organisationId !== access.organisationId) {
    if (context.outsideHearth) await tellOutsideService(tx, access, mail, row.id, to);
    else
      for (const lead of await wantingEmail(
        tx,
        sql`organisation_id = ${row.organisationId} and 'team_lead' = any(roles)`,
      ))
        await mail.queue(tx, {
          organisationId: row.organisationId,
          to: lead.email,
          template:
            to === 'new'
              ? { kind: 'new_referral', reference, serviceName }
              : { kind: 'referral_update', reference, serviceName, status: to },
        });
  }
  const referrers =
    row.referredBy && row.referredBy !== access.userId
      ? sql`id = ${row.referredBy}`
      : !row.referredBy && row.referredByToken && row.referringOrganisationId !== access.organisationId
        ? sql`organisation_id = ${row.referringOrganisationId} and 'team_lead' = any(roles)`
        : undefined;
  if (referrers && row.referringOrganisationId)
    for (const referrer of await wantingEmail(tx, referrers))
      await mail.queue(tx, {
        organisationId: row.referringOrganisationId,
        to: referrer.email,
        template: { kind: 'referral_update', reference, serviceName, status: to },
      });
}

/** A service outside Hearth: a secure link for a new referral; word that it was withdrawn, its link revoked. */
async function tellOutsideService(
  tx: Db,
  access: AccessContext,
  mail: ReferralMail,
  referralId: string,
  to: 'new' | 'withdrawn',
): Promise<void> {
  if (to === 'new') {
    await issueLink(tx, access, mail, referralId, 'decide');
    return;
  }
  await revokeOpenLinks(tx, referralId, access.userId ?? null);
  const [sent] = await queryRows<{ sentTo: string }>(
    tx,
    sql`select sent_to as "sentTo" from referral_link where referral_id = ${referralId} and sent_to is not null
      order by created_at desc limit 1`,
  );
  const context = await noticeContext(tx, referralId);
  if (!sent || !context) return;
  await mail.queue(tx, {
    organisationId: context.organisationId,
    to: sent.sentTo,
    template: {
      kind: 'outside_withdrawn',
      reference: context.reference,
      serviceName: context.serviceName,
      referringOrganisation: context.referringOrganisation ?? 'Hearth’s Find support service',
    },
  });
}
