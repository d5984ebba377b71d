// Demo referrals made over the JSON API: the recovery service's case notes
// system refers two families to family support, whose own system accepts
// one. They are made through createReferral and applyMove with the systems'
// tokens, as the API makes them, so they show "From another system" and the
// systems' names in their history.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { apiToken } from '../db/schema.ts';
import { newApiToken } from '../features/api/apiTokenService.ts';
import { todayInUk } from '../features/chronology/dateParts.ts';
import { familyVisible } from '../features/families/familyVisibility.ts';
import { createReferral, familyForReferral } from '../features/referrals/referralCreate.ts';
import { applyMove } from '../features/referrals/referralMoves.ts';
import type { AccessContext } from '../platform/access/accessContext.ts';
import { demoMail } from './demoOutside.ts';

const stories = [
  {
    reason: 'Their relative is in treatment with us; they would like support of their own.',
    wishes: 'Someone to talk to on their own, and to know what to expect from treatment.',
    urgency: 'soon' as const,
    sent: 3,
    accept: false,
  },
  {
    reason: 'Recovery is going well and the family would like to rebuild trust together.',
    wishes: 'Sessions for the whole family, after school hours.',
    urgency: 'routine' as const,
    sent: 12,
    accept: true,
  },
];

function systemAccess(organisationId: string, tokenId: string, areaId: string): AccessContext {
  return {
    userId: undefined,
    tokenId,
    organisationId,
    partnershipAreaId: areaId,
    roles: ['practitioner'],
    ip: '127.0.0.1',
    requestId: 'demo',
  };
}

/**
 * The kernel dates a referral by the clock; the demo is dated by its own day.
 * Moves the referral, its history and its notices to that day (the audit
 * trail, append-only, keeps the moment it was written).
 */
async function dateByDemoDay(tx: Db, referralId: string, sentAt: Date, decidedAt: Date | undefined) {
  const sent = sentAt.toISOString();
  const last = (decidedAt ?? sentAt).toISOString();
  await tx.execute(
    sql`update referral set sent_at = ${sent}::timestamptz, created_at = ${sent}::timestamptz,
        updated_at = ${last}::timestamptz,
        decided_at = case when decided_at is null then null else ${last}::timestamptz end
      where id = ${referralId}`,
  );
  await tx.execute(
    sql`update referral_event set at = case when to_status in ('draft', 'new') then ${sent}::timestamptz
        else ${last}::timestamptz end where referral_id = ${referralId}`,
  );
  await tx.execute(
    sql`update notification set created_at = ${last}::timestamptz where referral_id = ${referralId}`,
  );
}

export async function addDemoApiReferrals(
  tx: Db,
  context: { orgId: Map<string, string>; areaId: string; today: Date },
): Promise<void> {
  const { orgId, areaId, today } = context;
  const recoveryId = orgId.get('recovery');
  const supportId = orgId.get('familysupport');
  if (!recoveryId || !supportId) return;
  // The recovery service's system; its secret is thrown away, so nobody can use it.
  const { hash, prefix } = newApiToken();
  const [recoveryToken] = await tx
    .insert(apiToken)
    .values({
      organisationId: recoveryId,
      name: 'Recovery case notes system (demo)',
      tokenHash: hash,
      tokenPrefix: prefix,
      roles: ['practitioner'],
      createdAt: new Date(today.getTime() - 60 * 86_400_000),
      lastUsedAt: new Date(today.getTime() - 3_600_000),
    })
    .returning({ id: apiToken.id });
  const [supportToken] = await queryRows<{ id: string }>(
    tx,
    sql`select id from api_token where organisation_id = ${supportId} and revoked_at is null order by created_at limit 1`,
  );
  const [service] = await queryRows<{ id: string }>(
    tx,
    sql`select s.id from directory_service s where s.organisation_id = ${supportId} and s.status = 'active'
      order by 'professional' = any(s.referral_routes) desc,
        exists (select 1 from directory_service_at_location l where l.service_id = s.id) desc, s.name limit 1`,
  );
  if (!recoveryToken || !service) return;
  const recovery = systemAccess(recoveryId, recoveryToken.id, areaId);
  // Families the recovery service may see, those family support does not yet work with and with fewest referrals first.
  const families = await queryRows<{ id: string }>(
    tx,
    sql`select f.id from family f
      where ${familyVisible(recovery, sql`f.id`)}
      order by exists (select 1 from family_team_member t where t.family_id = f.id
          and t.organisation_id = ${supportId} and t.left_on is null),
        (select count(*) from referral r where r.family_id = f.id), f.reference
      limit ${stories.length}`,
  );
  for (const [i, story] of stories.entries()) {
    const familyId = families[i]?.id;
    const family = familyId ? await familyForReferral(tx, recovery, familyId) : undefined;
    if (!family?.members.length) continue;
    const affected = family.members.filter((m) => !m.roles.includes('using_substances'));
    const members = (affected.length ? affected : family.members).slice(0, 2);
    const sentAt = new Date(today.getTime() - story.sent * 86_400_000);
    const made = await createReferral(
      tx,
      recovery,
      family.id,
      service.id,
      {
        memberIds: members.map((m) => m.personId),
        reason: story.reason,
        wishes: story.wishes,
        urgency: story.urgency,
        sharingBasis: 'consent',
        consentPersonId: members[0]?.personId as string,
        consentMethod: 'digital',
        consentOn: todayInUk(new Date(sentAt.getTime() - 86_400_000)),
        concernId: null,
        idempotencyKey: `demo-api-referral-${i + 1}`,
        send: true,
      },
      demoMail,
    );
    if (made.kind !== 'created') throw new Error(`demo API referral not made: ${made.kind}`);
    const decidedAt = story.accept ? new Date(sentAt.getTime() + 2 * 86_400_000) : undefined;
    if (decidedAt && supportToken)
      await applyMove(
        tx,
        systemAccess(supportId, supportToken.id, areaId),
        made.id,
        'accepted',
        'receiver',
        {
          version: 2,
          reason: null,
          suggestion: null,
          serviceId: null,
          firstSupportOn: null,
          note: 'Accepted in our case management system.',
        },
        demoMail,
        decidedAt,
      );
    await dateByDemoDay(tx, made.id, sentAt, decidedAt);
  }
}
