// A small directory for the Open Referral tests: one service with every part
// filled, one with the least a service can have, one inactive, one for
// children only; places in GM4 and GM9 and their postcodes.
import type { Db } from '../../db/client.ts';
import {
  directoryLocation,
  directoryPhone,
  directorySchedule,
  directoryService,
  directoryServiceArea,
  directoryServiceAtLocation,
  postcodePlace,
} from '../../db/schema.ts';
import { createArea, createOrganisation } from '../../testing/fixtures.ts';

export async function orukScenario(db: Db) {
  const area = await createArea(db);
  const org = await createOrganisation(db, area.id);
  const other = await createOrganisation(db, area.id, 'nhs');
  await db
    .insert(postcodePlace)
    .values([
      {
        postcode: 'GM4 2LT',
        kind: 'postcode',
        latitude: 55.86,
        longitude: -4.25,
        councilArea: 'Test Council',
      },
      { postcode: 'GM4', kind: 'outcode', latitude: 55.861, longitude: -4.251, councilArea: 'Test Council' },
      { postcode: 'GM9', kind: 'outcode', latitude: 56.4, longitude: -3.4, councilArea: 'Far Council' },
    ])
    .onConflictDoNothing();
  const [near, far] = await db
    .insert(directoryLocation)
    .values([
      {
        organisationId: org.id,
        name: 'Rowan Centre',
        address1: '12 High Street',
        address2: 'Second floor',
        city: 'Glenmouth',
        postcode: 'GM4 2LT',
        latitude: 55.8605,
        longitude: -4.2505,
        localityId: area.localityId,
        accessibility: 'Step-free entrance and a lift',
      },
      {
        organisationId: org.id,
        name: 'Hill Hall',
        address1: '1 Hill Road',
        city: 'Farton',
        postcode: 'GM9 1AA',
        latitude: 56.4,
        longitude: -3.4,
      },
    ])
    .returning();
  if (!near || !far) throw new Error('no locations');
  const [rich, minimal, inactive, young] = await db
    .insert(directoryService)
    .values([
      {
        organisationId: org.id,
        name: 'Alder family support',
        summary: 'One-to-one and group support for families',
        description: 'Support for parents and partners of someone who drinks or uses drugs.',
        url: 'https://alder.example.org/family',
        email: 'family@alder.example.org',
        audiences: ['parent', 'partner'],
        minimumAge: 16,
        maximumAge: 99,
        supportKinds: ['one_to_one', 'group'],
        programmes: ['craft'],
        delivery: ['in_person', 'phone'],
        deliveredBy: ['paid_staff', 'volunteers'],
        languages: ['en', 'pl'],
        accessibility: 'BSL interpreter on request',
        free: false,
        costNote: '£5 a session, free if that is hard',
        referralRoutes: ['self', 'professional'],
        howToGetIn: 'Phone us or ask your worker to refer you.',
        selfReferral: true,
        whatHappensNext: 'We will phone you within a week.',
        capacityNote: 'Groups are full until March',
        waitWeeks: 3,
        waitUpdatedOn: '2026-11-20',
        lastCheckedOn: '2026-11-01',
        referralTakes: 'Parents and partners in the area',
        referralNeeds: 'A phone number that is safe to use',
        referralExcludes: 'People in crisis: phone 999',
        referralEmail: 'referrals@alder.example.org',
      },
      {
        organisationId: other.id,
        name: 'Birch helpline',
        summary: 'A helpline',
        description: 'Someone to talk to.',
        languages: [],
      },
      {
        organisationId: org.id,
        name: 'Closed cedar group',
        summary: 'No longer running',
        description: 'This group has closed.',
        status: 'inactive',
      },
      {
        organisationId: org.id,
        name: 'Damson young people’s group',
        summary: 'For young people',
        description: 'A group for young people affected by a parent’s drinking.',
        audiences: ['young_person'],
        minimumAge: 12,
        maximumAge: 18,
        supportKinds: ['group'],
        delivery: ['in_person'],
      },
    ])
    .returning();
  if (!rich || !minimal || !inactive || !young) throw new Error('no services');
  await db.insert(directoryServiceAtLocation).values([
    { serviceId: rich.id, locationId: near.id },
    { serviceId: rich.id, locationId: far.id },
    { serviceId: young.id, locationId: far.id },
  ]);
  await db.insert(directoryServiceArea).values([
    { serviceId: rich.id, scope: 'partnership_area', partnershipAreaId: area.id },
    { serviceId: rich.id, scope: 'locality', localityId: area.localityId },
    { serviceId: rich.id, scope: 'council_area', councilArea: 'Test Council' },
    { serviceId: rich.id, scope: 'scotland' },
    { serviceId: young.id, scope: 'council_area', councilArea: 'Far Council' },
  ]);
  await db.insert(directoryPhone).values([
    { serviceId: rich.id, number: '0141 496 0000', description: 'Office', position: 0 },
    { serviceId: rich.id, number: '0800 000 0000', position: 1 },
  ]);
  await db.insert(directorySchedule).values([
    { serviceId: rich.id, locationId: near.id, weekday: 1, opensAt: '09:00', closesAt: '17:00' },
    {
      serviceId: rich.id,
      locationId: near.id,
      weekday: 3,
      opensAt: '18:00',
      closesAt: '20:00',
      description: 'Group',
    },
    { serviceId: rich.id, weekday: 6, opensAt: '10:00', closesAt: '12:00', description: 'Phone line' },
  ]);
  return { area, org, other, near, far, rich, minimal, inactive, young };
}
