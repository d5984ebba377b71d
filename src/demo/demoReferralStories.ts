// Demo referral stories that show accepting and deciding member by member
// on first start: the Dunbar family, known to the recovery service only
// (a mother in recovery and her son, for the recovery worker to refer); a
// self-referral from someone the family support service already knows, so
// the accept page finds her record; and the Baxters' referral, which the
// family support service split, passing the son on to the young carers
// and accepting his mother.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  familyTeamMember,
  memberSupport,
  notification,
  referral,
  referralEvent,
  referralMember,
  referralMemberOutcome,
  selfReferral,
} from '../db/schema.ts';
import { moveMessage } from '../features/referrals/referralService.ts';
import { splitMessage } from '../features/referrals/referralSplit.ts';
import { bornAgo, recoveryFamily } from './demoRecoveryFamilies.ts';

const day = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

interface Context {
  orgId: Map<string, string>;
  today: Date;
}

/** An organisation's main service (takes workers' referrals, sees people somewhere) and its first practice worker. */
async function mainService(tx: Db, organisationId: string) {
  const [service] = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select s.id, s.name from directory_service s where s.organisation_id = ${organisationId} and s.status = 'active'
      order by 'professional' = any(s.referral_routes) desc,
        exists (select 1 from directory_service_at_location l where l.service_id = s.id) desc, s.name limit 1`,
  );
  const [worker] = await queryRows<{ id: string }>(
    tx,
    sql`select id from app_user where organisation_id = ${organisationId} and status = 'active'
      and roles && array['practitioner']::text[] order by email limit 1`,
  );
  return service && worker ? { ...service, workerId: worker.id } : undefined;
}

/** A self-referral from a woman the family support service already supports: the accept page finds her record. */
async function knownSelfReferral(tx: Db, familySupportId: string, today: Date) {
  const service = await mainService(tx, familySupportId);
  const [known] = await queryRows<{ name: string }>(
    tx,
    sql`select p.given_name || ' ' || p.family_name as name
      from member_support s join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id
        join person p on p.id = s.person_id
      where s.organisation_id = ${familySupportId} and m.ended_on is null and m.relationship_label = 'Mother'
        and p.merged_into_id is null and not p.address_withheld and p.family_name is not null and not s.confidential
      order by p.family_name, p.given_name limit 1`,
  );
  if (!service || !known) return;
  const receivedAt = new Date(today.getTime() - day);
  const [self] = await tx
    .insert(selfReferral)
    .values({
      serviceId: service.id,
      organisationId: familySupportId,
      name: known.name,
      audience: 'parent',
      contactMethod: 'phone',
      phone: '07700 900733',
      safeTimes: 'Evenings after 6pm',
      leaveMessage: true,
      helpWith:
        'I came to your group last year. My partner has started drinking again and I need to talk to someone.',
      receivedAt,
    })
    .returning();
  if (!self) return;
  const [row] = await tx
    .insert(referral)
    .values({
      reference: sql`default`,
      serviceId: service.id,
      organisationId: familySupportId,
      origin: 'self_referral',
      selfReferralId: self.id,
      status: 'new',
      reason: self.helpWith,
      sentAt: receivedAt,
      createdAt: receivedAt,
      version: 2,
    })
    .returning({ id: referral.id });
  if (row)
    await tx
      .insert(referralEvent)
      .values({ referralId: row.id, at: receivedAt, fromStatus: null, toStatus: 'new' });
}

/** A recovery service referral of a mother and her son that family support split: the son passed on to the young carers, his mother accepted. */
async function splitReferral(
  tx: Db,
  ids: { recovery: string; familySupport: string; youngCarers: string },
  today: Date,
) {
  const from = await mainService(tx, ids.recovery);
  const to = await mainService(tx, ids.familySupport);
  const carers = await mainService(tx, ids.youngCarers);
  const fam = await recoveryFamily(tx, ids.recovery, today, {
    name: 'Baxter family',
    postcode: 'GM5 1NP',
    address: '4 Mill Lade, Ardmore',
    daysAgo: 120,
    changedDaysAgo: 9,
    people: [
      {
        givenName: 'Gail',
        familyName: 'Baxter',
        dateOfBirth: '1984-02-09',
        label: 'Mother',
        roles: ['using_substances'],
        phone: '07700 900652',
      },
      {
        givenName: 'Kyle',
        familyName: 'Baxter',
        dateOfBirth: bornAgo(today, 12, 60),
        label: 'Son',
        roles: ['child_or_young_person', 'young_carer'],
      },
    ],
  });
  if (!from || !to || !carers || !fam) return;
  const at = (days: number, minutes = 0) => new Date(today.getTime() - days * day + minutes * 60_000);
  const shared = {
    origin: 'practitioner' as const,
    referringOrganisationId: ids.recovery,
    referredBy: from.workerId,
    familyId: fam.familyId,
    reason: 'Mum is three months into recovery and wants support for herself; her son does a lot at home.',
    wishes: 'Someone to talk to who understands, and something for him that is just his.',
    sharingBasis: 'consent' as const,
    consentPersonId: fam.motherId,
    consentMethod: 'verbal' as const,
    consentOn: isoDay(at(13)),
  };
  const [parent] = await tx
    .insert(referral)
    .values({
      ...shared,
      reference: sql`default`,
      serviceId: to.id,
      organisationId: ids.familySupport,
      status: 'accepted',
      sentAt: at(12),
      decidedAt: at(9, 5),
      decidedBy: to.workerId,
      receivingFamilyId: fam.familyId,
      createdAt: at(12),
      updatedAt: at(9, 5),
      version: 4,
    })
    .returning({ id: referral.id, reference: referral.reference });
  if (!parent) return;
  const why = 'He helps look after his mum: a young carers group will suit him better than ours.';
  const [child] = await tx
    .insert(referral)
    .values({
      ...shared,
      reference: sql`default`,
      serviceId: carers.id,
      organisationId: ids.youngCarers,
      origin: 'redirect',
      status: 'new',
      sentAt: at(9, 1),
      redirectedFromId: parent.id,
      createdAt: at(9, 1),
      updatedAt: at(9, 1),
      version: 1,
    })
    .returning({ id: referral.id, reference: referral.reference });
  if (!child) return;
  await tx.insert(referralMember).values([
    { referralId: parent.id, personId: fam.motherId },
    { referralId: child.id, personId: fam.childId },
  ]);
  await tx.insert(referralMemberOutcome).values({
    referralId: parent.id,
    personId: fam.childId,
    outcome: 'passed_on',
    passedToId: child.id,
    reason: why,
    decidedAt: at(9, 1),
    decidedBy: to.workerId,
  });
  await tx.insert(referralEvent).values([
    { referralId: parent.id, at: at(12), actorUserId: from.workerId, toStatus: 'draft' },
    { referralId: parent.id, at: at(12), actorUserId: from.workerId, fromStatus: 'draft', toStatus: 'new' },
    {
      referralId: parent.id,
      at: at(9, 1),
      actorUserId: to.workerId,
      fromStatus: 'new',
      toStatus: 'new',
      note: `1 member passed on to ${carers.name} in ${child.reference}: ${why}`,
    },
    {
      referralId: parent.id,
      at: at(9, 5),
      actorUserId: to.workerId,
      fromStatus: 'new',
      toStatus: 'accepted',
    },
    {
      referralId: child.id,
      at: at(9, 1),
      actorUserId: to.workerId,
      toStatus: 'new',
      note: `Passed on from ${parent.reference}: ${why}`,
    },
  ]);
  await tx
    .insert(familyTeamMember)
    .values({
      familyId: fam.familyId,
      organisationId: ids.familySupport,
      joinedOn: isoDay(at(9)),
      role: 'Took a referral',
    })
    .onConflictDoNothing();
  await tx
    .insert(memberSupport)
    .values({ familyId: fam.familyId, personId: fam.motherId, organisationId: ids.familySupport })
    .onConflictDoNothing();
  await tx.insert(notification).values([
    {
      organisationId: ids.recovery,
      userId: from.workerId,
      kind: 'referral.split',
      referralId: parent.id,
      message: splitMessage(parent.reference, 'passed_on', child.reference),
      createdAt: at(9, 1),
    },
    {
      organisationId: ids.recovery,
      userId: from.workerId,
      kind: 'referral.accepted',
      referralId: parent.id,
      message: moveMessage(parent.reference, 'accepted'),
      createdAt: at(9, 5),
    },
    {
      organisationId: ids.youngCarers,
      kind: 'referral.new',
      referralId: child.id,
      message: moveMessage(child.reference, 'new'),
      createdAt: at(9, 1),
    },
  ]);
}

export async function addDemoReferralStories(tx: Db, { orgId, today }: Context): Promise<void> {
  const recovery = orgId.get('recovery');
  const familySupport = orgId.get('familysupport');
  const youngCarers = orgId.get('youngcarers');
  if (!recovery || !familySupport || !youngCarers) return;
  await splitReferral(tx, { recovery, familySupport, youngCarers }, today);
  // For the recovery worker to refer on first start: nothing has been sent for the Dunbars yet.
  await recoveryFamily(tx, recovery, today, {
    name: 'Dunbar family',
    postcode: 'GM3 4RT',
    address: '22 Burnside Terrace, Dunmore',
    daysAgo: 70,
    changedDaysAgo: 6,
    people: [
      {
        givenName: 'Nicola',
        familyName: 'Dunbar',
        dateOfBirth: '1987-06-21',
        label: 'Mother',
        roles: ['using_substances'],
        phone: '07700 900614',
      },
      {
        givenName: 'Ryan',
        familyName: 'Dunbar',
        dateOfBirth: bornAgo(today, 13, 120),
        label: 'Son',
        roles: ['child_or_young_person', 'young_carer'],
      },
    ],
  });
  await knownSelfReferral(tx, familySupport, today);
}
