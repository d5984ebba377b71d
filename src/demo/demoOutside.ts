// A demo service outside Hearth: Dunmore Family Counselling has no Hearth
// users, only a referral address in the directory. The recovery service has
// sent it two referrals: one new, whose notice (with its secure link) waits
// in the email outbox so an admin can open it on first start; and one it
// accepted through its link, with the follow-up link for saying when support
// started already sent (so the outbox's copy no longer holds its secret).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  directoryService,
  directoryServiceArea,
  emailOutbox,
  notification,
  organisation,
  referral,
  referralEvent,
  referralLink,
  referralMember,
} from '../db/schema.ts';
import { renderEmail } from '../features/notifications/emailTemplates.ts';
import { queueEmail, withoutSecrets } from '../features/notifications/mailer.ts';
import { linkDays, type ReferralMail } from '../features/referrals/referralLinks.ts';
import { moveMessage } from '../features/referrals/referralService.ts';
import { hashSecret, newSecret } from '../platform/auth/tokens.ts';

/** The address demo emails link to: the default `npm start`. */
const demoBaseUrl = 'http://localhost:3000';

/** The demo's emails, queued as the app's mailer queues them, for the default address. */
export const demoMail: ReferralMail = {
  queue: (tx, email) => queueEmail(tx, { ...email, baseUrl: demoBaseUrl }),
};
export const demoOutsideEmail = 'referrals@dunmore-counselling.example';
const organisationName = 'Dunmore Family Counselling';
const serviceName = 'Counselling for families';

const day = 86_400_000;

export async function addDemoOutside(
  tx: Db,
  context: { areaId: string; orgId: Map<string, string>; today: Date },
): Promise<void> {
  const { today } = context;
  const ago = (days: number) => new Date(today.getTime() - days * day);
  const [org] = await tx
    .insert(organisation)
    .values({ name: organisationName, kind: 'third_sector', partnershipAreaId: context.areaId })
    .returning({ id: organisation.id });
  if (!org) throw new Error('demo outside organisation not created');
  const [service] = await tx
    .insert(directoryService)
    .values({
      organisationId: org.id,
      name: serviceName,
      summary:
        'Up to ten counselling sessions for anyone affected by a family member’s drinking or drug use.',
      description:
        'Trained counsellors see adults and young people from 14, one-to-one, in Dunmore or by video call. Referrals from workers only; there is usually a short wait.',
      email: 'hello@dunmore-counselling.example',
      audiences: ['anyone_affected', 'parent', 'partner', 'young_person'],
      minimumAge: 14,
      supportKinds: ['one_to_one'],
      delivery: ['in_person', 'video'],
      deliveredBy: ['paid_staff'],
      referralRoutes: ['professional'],
      howToGetIn: 'A worker refers you: ask your worker, or your GP.',
      referralTakes: 'Anyone aged 14 and over affected by someone else’s drinking or drug use.',
      referralNeeds: 'Who is affected, what they hope counselling will help with, and times they can come.',
      referralExcludes: 'People in crisis: call NHS 24 on 111, or 999 in an emergency.',
      referralEmail: demoOutsideEmail,
      waitWeeks: 3,
      waitUpdatedOn: ago(10).toISOString().slice(0, 10),
      lastCheckedOn: ago(40).toISOString().slice(0, 10),
    })
    .returning({ id: directoryService.id });
  if (!service) throw new Error('demo outside service not created');
  await tx
    .insert(directoryServiceArea)
    .values({ serviceId: service.id, scope: 'partnership_area', partnershipAreaId: context.areaId });

  const recovery = context.orgId.get('recovery') as string;
  const [referrer] = await queryRows<{ id: string }>(
    tx,
    sql`select id from app_user where email = 'priya.nair@glenmuir-recovery.example'`,
  );
  // An adult affected by someone's drinking or drug use, and a young person of 14 to 17, from the recovery service's families.
  const memberOf = async (role: string, [youngest, oldest]: [number, number]) => {
    const on = today.toISOString().slice(0, 10);
    const [row] = await queryRows<{ familyId: string; personId: string }>(
      tx,
      sql`select t.family_id as "familyId", m.person_id as "personId"
        from family_team_member t join family f on f.id = t.family_id
          join family_membership m on m.family_id = t.family_id and m.ended_on is null
          join person p on p.id = m.person_id
        where t.organisation_id = ${recovery} and t.left_on is null and ${role} = any(m.roles)
          and p.date_of_birth > ${on}::date - make_interval(years => ${oldest + 1}::int)
          and p.date_of_birth <= ${on}::date - make_interval(years => ${youngest}::int)
        order by f.reference desc, m.person_id limit 1`,
    );
    return row;
  };
  const members = [
    await memberOf('affected_family_member', [18, 120]),
    await memberOf('child_or_young_person', [14, 17]),
  ];
  if (!referrer) return;

  const specs = [
    {
      sent: 3,
      status: 'new' as const,
      urgency: 'soon' as const,
      reason:
        'Their partner has just started treatment with us. They have been holding everything together on their own and would like support for themselves.',
      wishes: 'Someone outside the family to talk to, in the evenings if possible.',
    },
    {
      sent: 12,
      status: 'accepted' as const,
      urgency: 'routine' as const,
      reason: 'Angry and withdrawn since a parent’s relapse; school have noticed and are worried.',
      wishes: 'Would rather see someone away from school.',
    },
  ];
  for (const [i, spec] of specs.entries()) {
    const member = members[i];
    if (!member) continue;
    const { familyId, personId } = member;
    const sentAt = ago(spec.sent);
    const decidedAt = new Date(sentAt.getTime() + 2 * day);
    const [row] = await tx
      .insert(referral)
      .values({
        reference: sql`default`,
        serviceId: service.id,
        organisationId: org.id,
        origin: 'practitioner',
        referringOrganisationId: recovery,
        referredBy: referrer.id,
        familyId,
        status: spec.status,
        reason: spec.reason,
        wishes: spec.wishes,
        urgency: spec.urgency,
        sharingBasis: 'consent',
        consentPersonId: personId,
        consentMethod: 'verbal',
        consentOn: ago(spec.sent + 1)
          .toISOString()
          .slice(0, 10),
        sentAt,
        decidedAt: spec.status === 'accepted' ? decidedAt : null,
        createdAt: sentAt,
        updatedAt: spec.status === 'accepted' ? decidedAt : sentAt,
        version: spec.status === 'accepted' ? 3 : 2,
      })
      .returning({ id: referral.id, reference: referral.reference });
    if (!row) throw new Error('demo outside referral not created');
    await tx.insert(referralMember).values({ referralId: row.id, personId });
    await tx.insert(referralEvent).values([
      { referralId: row.id, at: sentAt, actorUserId: referrer.id, toStatus: 'draft' },
      { referralId: row.id, at: sentAt, actorUserId: referrer.id, fromStatus: 'draft', toStatus: 'new' },
    ]);
    const decide = await demoLink(tx, {
      referralId: row.id,
      reference: row.reference,
      purpose: 'decide',
      at: sentAt,
      urgency: spec.urgency,
      organisationId: org.id,
    });
    if (spec.status !== 'accepted') continue;
    // Accepted through the link, two days later; then the follow-up link went out and was sent.
    await tx
      .update(referralLink)
      .set({
        firstViewedAt: new Date(decidedAt.getTime() - 3_600_000),
        usedAt: decidedAt,
        usedFor: 'accepted',
      })
      .where(sql`id = ${decide}`);
    await tx.insert(referralEvent).values({
      referralId: row.id,
      at: decidedAt,
      actorLinkId: decide,
      fromStatus: 'new',
      toStatus: 'accepted',
      note: 'We will offer her an appointment after school on a Thursday.',
    });
    await tx.insert(notification).values({
      organisationId: recovery,
      userId: referrer.id,
      kind: 'referral.accepted',
      referralId: row.id,
      message: moveMessage(row.reference, 'accepted'),
      createdAt: decidedAt,
    });
    await demoLink(tx, {
      referralId: row.id,
      reference: row.reference,
      purpose: 'started',
      at: decidedAt,
      urgency: spec.urgency,
      organisationId: org.id,
      sent: true,
    });
  }
}

/** A link with its notice in the outbox; a sent notice keeps no secret, like the mailer's copy. */
async function demoLink(
  tx: Db,
  link: {
    referralId: string;
    reference: string;
    purpose: 'decide' | 'started';
    at: Date;
    urgency: 'routine' | 'soon' | 'urgent';
    organisationId: string;
    sent?: boolean;
  },
): Promise<string> {
  const token = newSecret(32);
  const expiresAt = new Date(link.at.getTime() + linkDays[link.purpose] * day);
  const notice = {
    reference: link.reference,
    serviceName,
    referringOrganisation: 'NHS Glenmuir Community Recovery Service',
    token,
    expiresOn: expiresAt.toISOString().slice(0, 10),
  };
  const email = renderEmail(
    link.purpose === 'decide'
      ? { kind: 'outside_referral', urgency: link.urgency, ...notice }
      : { kind: 'outside_started', ...notice },
    demoBaseUrl,
  );
  const [queued] = await tx
    .insert(emailOutbox)
    .values({
      organisationId: link.organisationId,
      toAddress: demoOutsideEmail,
      subject: email.subject,
      body: link.sent ? withoutSecrets(email.body) : email.body,
      createdAt: link.at,
      sentAt: link.sent ? new Date(link.at.getTime() + 60_000) : null,
    })
    .returning({ id: emailOutbox.id });
  const [row] = await tx
    .insert(referralLink)
    .values({
      referralId: link.referralId,
      tokenHash: hashSecret(token),
      createdAt: link.at,
      expiresAt,
      purpose: link.purpose,
      sentTo: demoOutsideEmail,
      emailId: queued?.id ?? null,
    })
    .returning({ id: referralLink.id });
  if (!row) throw new Error('demo link not created');
  return row.id;
}
