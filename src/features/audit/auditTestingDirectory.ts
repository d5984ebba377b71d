// Test fixtures for the provision audit's directory side: listings with their
// places and areas, and referrals to them, written straight into the tables.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  directoryLocation,
  directoryService,
  directoryServiceArea,
  directoryServiceAtLocation,
  person,
  referral,
} from '../../db/schema.ts';

export async function addService(
  db: Db,
  organisationId: string,
  listing: {
    status?: 'active' | 'inactive';
    deliveredBy?: string[];
    supportKinds?: string[];
    audiences?: string[];
    checkedOn?: string;
    placedIn?: (string | null)[];
    areas?: {
      scope: 'partnership_area' | 'council_area' | 'locality' | 'scotland' | 'uk';
      id?: string;
      council?: string;
    }[];
  } = {},
): Promise<string> {
  const [s] = await db
    .insert(directoryService)
    .values({
      organisationId,
      name: `Audit service ${randomUUID().slice(0, 6)}`,
      summary: 'A service',
      description: 'A service.',
      status: listing.status ?? 'active',
      deliveredBy: listing.deliveredBy ?? [],
      supportKinds: listing.supportKinds ?? [],
      audiences: listing.audiences ?? [],
      ...(listing.checkedOn ? { lastCheckedOn: listing.checkedOn } : {}),
    })
    .returning();
  const serviceId = s?.id as string;
  for (const localityId of listing.placedIn ?? []) {
    const [l] = await db
      .insert(directoryLocation)
      .values({
        organisationId,
        name: 'Place',
        address1: '1 Main Street',
        city: 'Town',
        postcode: 'GM1 1AA',
        latitude: 56,
        longitude: -4,
        localityId,
      })
      .returning();
    await db.insert(directoryServiceAtLocation).values({ serviceId, locationId: l?.id as string });
  }
  for (const a of listing.areas ?? [])
    await db.insert(directoryServiceArea).values({
      serviceId,
      scope: a.scope,
      partnershipAreaId: a.scope === 'partnership_area' ? (a.id ?? null) : null,
      localityId: a.scope === 'locality' ? (a.id ?? null) : null,
      councilArea: a.scope === 'council_area' ? (a.council ?? null) : null,
    });
  return serviceId;
}

export async function addReferral(
  db: Db,
  row: {
    serviceId: string;
    organisationId: string;
    origin: 'practitioner' | 'self_referral' | 'redirect' | 'api';
    referringOrganisationId?: string;
    familyId?: string;
    sentAt: string;
    status?: 'new' | 'waiting' | 'accepted' | 'started' | 'closed';
    firstSupportOn?: string;
  },
) {
  await db.insert(referral).values({
    reference: sql`default`,
    serviceId: row.serviceId,
    organisationId: row.organisationId,
    origin: row.origin,
    referringOrganisationId: row.referringOrganisationId ?? null,
    familyId: row.familyId ?? null,
    status: row.status ?? (row.firstSupportOn ? 'started' : 'new'),
    sentAt: new Date(row.sentAt),
    firstSupportOn: row.firstSupportOn ?? null,
    // Every sent referral not from the public says on what basis it shares: a protection concern needs a record, consent a person.
    sharingBasis: row.origin === 'self_referral' ? null : 'consent',
    consentPersonId: row.origin === 'self_referral' ? null : await anyPerson(db),
    consentMethod: row.origin === 'self_referral' ? null : 'verbal',
    consentOn: row.origin === 'self_referral' ? null : row.sentAt.slice(0, 10),
  });
}

async function anyPerson(db: Db): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id from person limit 1`);
  if (row) return row.id;
  const [p] = await db.insert(person).values({ givenName: 'Consent' }).returning();
  return p?.id as string;
}
