// The special cases in the demo members: a withheld address, a child in two
// family records, a merged duplicate. See demoMembers.ts.
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  chronologyEntry,
  consent,
  family,
  familyMembership,
  familyTeamMember,
  memberSupport,
  person,
  recordChange,
  relationship,
  teamWorker,
} from '../db/schema.ts';
import { demoOrganisations } from './demoDirectory.ts';

/** A demo member with the organisation that supports them first and their worker there. */
export interface DemoRow {
  family_id: string;
  reference: string;
  locality_id: string | null;
  area_id: string;
  person_id: string;
  given_name: string;
  family_name: string | null;
  date_of_birth: string | Date;
  label: string;
  roles: string[];
  organisation_id: string;
  organisation_name: string;
  worker_id: string | null;
}

export function iso(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}

export function ageOn(dateOfBirth: string, today: Date): number {
  return Math.floor((today.getTime() - Date.parse(`${dateOfBirth}T00:00:00Z`)) / (365.25 * 86_400_000));
}

export function daysAgo(today: Date, days: number): string {
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** A mother who has left her abusive partner: address withheld, unsafe to phone, confidential support from Women’s Aid. */
export async function withheldAddress(tx: Db, today: Date, byFamily: Map<string, DemoRow[]>) {
  const [familyId, members] =
    [...byFamily].find(
      ([, m]) =>
        m.some((r) => r.label === 'Mother' && !r.roles.includes('using_substances')) &&
        m.some((r) => r.label === 'Father' && r.roles.includes('using_substances')),
    ) ?? [];
  const mother = members?.find((r) => r.label === 'Mother');
  if (!familyId || !mother) return;
  await tx
    .update(person)
    .set({
      address: 'Refuge address: held by Safe Harbour Women’s Aid',
      postcode: 'GM9 9ZZ',
      addressWithheld: true,
      safeToPhone: false,
      safeToWrite: false,
      safeToVisit: false,
      safeToText: true,
      safeTimes: 'Weekdays, 10am to 2pm, when the children are at school',
      contactSafetyNote:
        'Has left the family home because of domestic abuse. Never share where she lives or her number with her ex-partner or his family. Text first and wait for her reply before calling.',
    })
    .where(eq(person.id, mother.person_id));
  const [womensAid] = await queryRows<{ id: string; worker: string | null }>(
    tx,
    sql`select o.id, (select u.id from app_user u where u.organisation_id = o.id and u.status = 'active' limit 1) as worker
        from organisation o where o.name = ${demoOrganisations.find((o) => o.key === 'womensaid')?.name ?? ''}`,
  );
  if (!womensAid) return;
  const joinedOn = daysAgo(today, 40);
  await tx
    .insert(familyTeamMember)
    .values({ familyId, organisationId: womensAid.id, joinedOn, role: 'Domestic abuse support' })
    .onConflictDoNothing();
  await tx
    .insert(memberSupport)
    .values({
      familyId,
      personId: mother.person_id,
      organisationId: womensAid.id,
      status: 'being_supported',
      workerId: womensAid.worker,
      confidential: true,
      startedOn: joinedOn,
    })
    .onConflictDoNothing();
  await tx
    .insert(consent)
    .values({
      familyId,
      personId: mother.person_id,
      organisationId: womensAid.id,
      status: 'given',
      scope: 'Share with Women’s Aid only what keeps her and the children safe',
      method: 'written',
      reviewOn: daysAgo(today, -140),
    })
    .onConflictDoNothing();
  if (womensAid.worker)
    await tx.insert(teamWorker).values({
      familyId,
      organisationId: womensAid.id,
      userId: womensAid.worker,
      personId: mother.person_id,
      role: 'Domestic abuse support worker',
      joinedOn,
    });
  await tx.insert(chronologyEntry).values({
    familyId,
    personId: mother.person_id,
    occurredOn: joinedOn,
    what: 'Support with Women’s Aid started.',
    source: 'Hearth',
    impact: 'positive',
    automatic: true,
    organisationOnly: true,
    organisationId: womensAid.id,
    recordedBy: womensAid.worker,
  });
}

/** A child whose parents live apart: one person, in her mum’s family record and in her dad’s. */
export async function childInTwoFamilies(tx: Db, today: Date, byFamily: Map<string, DemoRow[]>) {
  const members = [...byFamily.values()].find(
    (m) =>
      m.some((r) => r.label === 'Mother') &&
      m.some((r) => r.label === 'Daughter') &&
      !m.some((r) => r.label === 'Father'),
  );
  const child = members?.find((r) => r.label === 'Daughter');
  if (!members || !child) return;
  const [{ next } = { next: 1 }] = await queryRows<{ next: number }>(
    tx,
    sql`select coalesce(max(substring(reference from '-([0-9]+)$')::int), 0) + 1 as next from family where reference like 'GC-%'`,
  );
  const startedOn = daysAgo(today, 75);
  const [created] = await tx
    .insert(family)
    .values({
      reference: `GC-${String(next).padStart(4, '0')}`,
      name: 'Moffat family',
      partnershipAreaId: child.area_id,
      localityId: child.locality_id,
      createdAt: new Date(`${startedOn}T10:00:00Z`),
      updatedAt: new Date(today.getTime() - 6 * 86_400_000),
    })
    .returning({ id: family.id });
  if (!created) return;
  const [dad, partner] = await tx
    .insert(person)
    .values([
      {
        givenName: 'Darren',
        familyName: 'Moffat',
        dateOfBirth: '1988-03-14',
        pronouns: 'he/him',
        phone: '07700 900871',
        firstLanguage: 'English',
        safeToPhone: true,
        safeToText: true,
        postcode: 'GM4 2LT',
        address: '7 Kirk Wynd, Dunmore',
      },
      {
        givenName: 'Shannon',
        familyName: 'Bell',
        dateOfBirth: '1991-10-02',
        pronouns: 'she/her',
        phone: '07700 900872',
        firstLanguage: 'English',
        safeToPhone: true,
        postcode: 'GM4 2LT',
        address: '7 Kirk Wynd, Dunmore',
      },
    ])
    .returning({ id: person.id });
  if (!dad || !partner) return;
  await tx.insert(familyMembership).values([
    {
      familyId: created.id,
      personId: dad.id,
      relationshipLabel: 'Father',
      roles: ['using_substances'],
      livesInHousehold: true,
      inContactWithServices: 'yes',
      startedOn,
    },
    {
      familyId: created.id,
      personId: partner.id,
      relationshipLabel: 'Dad’s partner',
      roles: ['affected_family_member'],
      livesInHousehold: true,
      startedOn,
    },
    {
      familyId: created.id,
      personId: child.person_id,
      relationshipLabel: 'Daughter (stays every other weekend)',
      roles: ['child_or_young_person'],
      livesInHousehold: false,
      startedOn,
    },
  ]);
  await tx
    .insert(familyTeamMember)
    .values({ familyId: created.id, organisationId: child.organisation_id, joinedOn: startedOn });
  await tx.insert(memberSupport).values(
    [dad.id, partner.id, child.person_id].map((personId, i) => ({
      familyId: created.id,
      personId,
      organisationId: child.organisation_id,
      status: i === 0 ? ('being_supported' as const) : ('not_started' as const),
      workerId: i === 0 ? child.worker_id : null,
      startedOn: i === 0 ? startedOn : null,
    })),
  );
  await tx.insert(consent).values(
    [dad.id, partner.id, child.person_id].map((personId) => ({
      familyId: created.id,
      personId,
      organisationId: child.organisation_id,
      status: 'given' as const,
      scope: 'Share information with the team around the family',
      method: 'written' as const,
    })),
  );
  await tx.insert(relationship).values([
    {
      familyId: created.id,
      fromPersonId: dad.id,
      toPersonId: child.person_id,
      kind: 'parent_of',
      quality: 'mixed',
    },
    {
      familyId: created.id,
      fromPersonId: dad.id,
      toPersonId: partner.id,
      kind: 'partner_of',
      quality: 'supportive',
    },
  ]);
  await tx.insert(chronologyEntry).values({
    familyId: created.id,
    personId: dad.id,
    occurredOn: startedOn,
    what: 'Family record started with Darren Moffat.',
    source: 'Hearth',
    automatic: true,
    organisationId: child.organisation_id,
    recordedBy: child.worker_id,
  });
}

/** A duplicate record of one person, made at a second referral, that a team lead has merged. */
export async function mergedDuplicate(tx: Db, today: Date, rows: DemoRow[]) {
  const kept = rows.find((r) => r.roles.includes('using_substances') && r.label === 'Mother');
  if (!kept) return;
  const [lead] = await queryRows<{ id: string; organisation_id: string }>(
    tx,
    sql`select id, organisation_id from app_user where email = 'shona.baird@carse-family-support.example'`,
  );
  const mergedAt = new Date(today.getTime() - 20 * 86_400_000);
  // The second referral spelt her name differently, so no one matched it at first.
  const givenName = kept.given_name.endsWith('y')
    ? `${kept.given_name.slice(0, -1)}ey`
    : `${kept.given_name}e`;
  const [duplicate] = await tx
    .insert(person)
    .values({
      givenName,
      familyName: kept.family_name,
      dateOfBirth: iso(kept.date_of_birth),
      mergedIntoId: kept.person_id,
      mergedAt,
      createdAt: new Date(today.getTime() - 34 * 86_400_000),
    })
    .returning({ id: person.id });
  if (!duplicate) return;
  await tx.insert(familyMembership).values({
    familyId: kept.family_id,
    personId: kept.person_id,
    relationshipLabel: kept.label,
    roles: kept.roles,
    startedOn: daysAgo(today, 34),
    endedOn: daysAgo(today, 20),
    endReason: 'Merged into another record of the same person',
  });
  await tx.insert(recordChange).values([
    {
      familyId: kept.family_id,
      recordType: 'person',
      recordId: duplicate.id,
      personId: duplicate.id,
      action: 'created' as const,
      changes: { givenName: { from: null, to: givenName }, familyName: { from: null, to: kept.family_name } },
      at: new Date(today.getTime() - 34 * 86_400_000),
      changedBy: lead?.id ?? null,
      organisationId: lead?.organisation_id ?? null,
    },
    {
      familyId: null,
      recordType: 'person',
      recordId: duplicate.id,
      personId: duplicate.id,
      action: 'merged' as const,
      changes: { mergedInto: { from: null, to: kept.person_id } },
      at: mergedAt,
      changedBy: lead?.id ?? null,
      organisationId: lead?.organisation_id ?? null,
    },
    {
      familyId: null,
      recordType: 'person',
      recordId: kept.person_id,
      personId: kept.person_id,
      action: 'merged' as const,
      changes: { mergedFrom: { from: null, to: duplicate.id } },
      at: mergedAt,
      changedBy: lead?.id ?? null,
      organisationId: lead?.organisation_id ?? null,
    },
  ]);
}
