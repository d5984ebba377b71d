import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';

/** The access context a signed-in user's request would carry. */
export function accessOf(
  user: { id: string; organisationId: string; roles: string[] },
  areaId: string,
): AccessContext {
  return {
    userId: user.id,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: areaId,
    roles: user.roles as AccessContext['roles'],
    ip: '127.0.0.1',
    requestId: randomUUID(),
  };
}

/** A service of an organisation, checked `checkedDaysAgo` days ago. */
export async function addService(db: Db, organisationId: string, name: string, checkedDaysAgo = 0) {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into directory_service (organisation_id, name, summary, description, audiences, support_kinds, delivery,
        referral_routes, last_checked_on)
      values (${organisationId}, ${name}, 'Support for family members', 'We listen and help you plan.',
        '{parent}', '{one_to_one}', '{in_person}', '{self}', current_date - ${checkedDaysAgo}::int)
      returning id`,
  );
  if (!row) throw new Error('no service');
  return row.id;
}

export async function addProblem(db: Db, serviceId: string, organisationId: string, kind = 'wrong_phone') {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into listing_problem (service_id, organisation_id, kind, details)
      values (${serviceId}, ${organisationId}, ${kind}, 'The number rings out') returning id`,
  );
  if (!row) throw new Error('no problem report');
  return row.id;
}

/** An area with two organisations, an admin of each, the partnership lead, a second area's lead, and a postcode. */
export async function listingScenario(db: Db) {
  const area = await createArea(db);
  const org = await createOrganisation(db, area.id);
  const otherOrg = await createOrganisation(db, area.id);
  const admin = await createUser(db, org.id, ['org_admin']);
  const otherAdmin = await createUser(db, otherOrg.id, ['org_admin']);
  const practitioner = await createUser(db, org.id, ['practitioner']);
  const leadOrg = await createOrganisation(db, area.id, 'local_authority');
  const lead = await createUser(db, leadOrg.id, ['partnership_lead']);
  const farArea = await createArea(db);
  const farOrg = await createOrganisation(db, farArea.id);
  const farLead = await createUser(db, farOrg.id, ['partnership_lead']);
  const farService = await addService(db, farOrg.id, 'Far away service', 400);
  // A postcode of its own for this test, so tests do not meet: letters from the uuid.
  const letters = randomUUID()
    .replace(/[^a-z]/g, '')
    .toUpperCase()
    .padEnd(4, 'Q');
  const outcode = `${letters.slice(0, 2)}9`;
  const postcode = `${outcode} 1${letters.slice(2, 4)}`;
  await db.execute(
    sql`insert into postcode_place (postcode, kind, latitude, longitude) values
      (${postcode}, 'postcode', 55.1, -4.1), (${outcode}, 'outcode', 55.2, -4.2) on conflict do nothing`,
  );
  return {
    area,
    org,
    otherOrg,
    admin,
    otherAdmin,
    practitioner,
    lead,
    farLead,
    farService,
    postcode,
    outcode,
    adminAccess: accessOf(admin, area.id),
    otherAccess: accessOf(otherAdmin, area.id),
    leadAccess: accessOf(lead, area.id),
    farLeadAccess: accessOf(farLead, farArea.id),
  };
}
