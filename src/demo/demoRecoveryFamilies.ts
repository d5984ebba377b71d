// The demo's story families known to the recovery service only, started by
// Priya Nair, for the referral stories (demoReferralStories.ts).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  chronologyEntry,
  consent,
  family,
  familyMembership,
  familyTeamMember,
  leadProfessional,
  type MemberRole,
  memberSupport,
  person,
  teamWorker,
} from '../db/schema.ts';
import { nextFamilyReference } from '../features/members/familyReference.ts';
import { demoArea } from './demoDirectory.ts';
import { demoOutcodes } from './demoPlaces.ts';

const day = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export interface StoryPerson {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  label: string;
  roles: MemberRole[];
  phone?: string;
}

/**
 * A family known to the recovery service only, started by Priya Nair: a
 * mother in recovery and her son, both agreeing to share with the services
 * that can help. Returns their ids.
 */
export async function recoveryFamily(
  tx: Db,
  recoveryId: string,
  today: Date,
  story: {
    name: string;
    postcode: string;
    address: string;
    /** When the family record was started, and last changed, in days before today. */
    daysAgo: number;
    changedDaysAgo: number;
    people: [StoryPerson, StoryPerson];
  },
) {
  const [priya] = await queryRows<{ id: string; areaId: string }>(
    tx,
    sql`select u.id, o.partnership_area_id as "areaId" from app_user u join organisation o on o.id = u.organisation_id
      where u.email = 'priya.nair@glenmuir-recovery.example'`,
  );
  if (!priya) return undefined;
  const startedOn = isoDay(new Date(today.getTime() - story.daysAgo * day));
  // In the locality of its postcode, like every demo family.
  const outcode = demoOutcodes.find((o) => story.postcode.startsWith(`${o.outcode} `));
  const localityName = outcode ? demoArea.localities[outcode.locality] : undefined;
  const [place] = await queryRows<{ id: string }>(
    tx,
    sql`select id from locality where partnership_area_id = ${priya.areaId} and name = ${localityName ?? ''}`,
  );
  const reference = await nextFamilyReference(tx, priya.areaId);
  const [created] = await tx
    .insert(family)
    .values({
      reference,
      name: story.name,
      partnershipAreaId: priya.areaId,
      localityId: place?.id ?? null,
      createdAt: new Date(`${startedOn}T10:00:00Z`),
      // Last changed a while ago, like the rest of the demo's families, not when the demo was loaded.
      updatedAt: new Date(today.getTime() - story.changedDaysAgo * day),
    })
    .returning({ id: family.id });
  if (!created) return undefined;
  const people = await tx
    .insert(person)
    .values(
      story.people.map((p) => ({
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        phone: p.phone ?? null,
        safeToPhone: p.phone ? true : null,
        postcode: story.postcode,
        address: story.address,
      })),
    )
    .returning({ id: person.id });
  const [mother, son] = people;
  if (!mother || !son) return undefined;
  await tx.insert(familyMembership).values(
    story.people.map((p, i) => ({
      familyId: created.id,
      personId: (i === 0 ? mother : son).id,
      relationshipLabel: p.label,
      roles: p.roles,
      livesInHousehold: true,
      inContactWithServices: i === 0 ? ('yes' as const) : ('no' as const),
      startedOn,
    })),
  );
  await tx.insert(familyTeamMember).values({
    familyId: created.id,
    organisationId: recoveryId,
    leadWorkerId: priya.id,
    joinedOn: startedOn,
  });
  // Priya is their named worker and the lead professional, as every demo family has one.
  await tx.insert(teamWorker).values({
    familyId: created.id,
    organisationId: recoveryId,
    userId: priya.id,
    personId: mother.id,
    role: 'Recovery worker',
    joinedOn: startedOn,
  });
  await tx
    .insert(leadProfessional)
    .values({ familyId: created.id, userId: priya.id, organisationId: recoveryId, startedOn });
  await tx.insert(memberSupport).values([
    {
      familyId: created.id,
      personId: mother.id,
      organisationId: recoveryId,
      status: 'being_supported',
      workerId: priya.id,
      startedOn,
    },
    { familyId: created.id, personId: son.id, organisationId: recoveryId, status: 'not_started' },
  ]);
  await tx.insert(consent).values(
    [mother.id, son.id].map((personId) => ({
      familyId: created.id,
      personId,
      organisationId: recoveryId,
      status: 'given' as const,
      scope: 'Share with the services that can help the family',
      method: 'written' as const,
      recordedBy: priya.id,
    })),
  );
  await tx.insert(chronologyEntry).values({
    familyId: created.id,
    personId: mother.id,
    occurredOn: startedOn,
    what: `Family record started with ${story.people[0].givenName} ${story.people[0].familyName}.`,
    source: 'Hearth',
    automatic: true,
    organisationId: recoveryId,
    recordedBy: priya.id,
  });
  return { familyId: created.id, motherId: mother.id, childId: son.id };
}

/** Born this many years and days before today. */
export function bornAgo(today: Date, years: number, days: number): string {
  return isoDay(new Date(today.getTime() - (years * 365.25 + days) * day));
}
