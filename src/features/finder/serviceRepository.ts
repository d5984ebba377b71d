// One service's public page, and what the public sends about a service: a
// self-referral (personal data, written with its audit event) and a problem
// with the listing (no personal data).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/preparedQuery.ts';
import { listingProblem, selfReferral } from '../../db/schemaDirectory.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { ServiceColumns } from '../directory/serviceColumns.ts';
import { receiveSelfReferral } from '../referrals/referralCreate.ts';
import type { ReferralMail } from '../referrals/referralEmails.ts';
import type { ProblemInput } from './problemForm.ts';
import type { ReferralInput } from './referralForm.ts';

export interface ServiceRow extends ServiceColumns {
  phones: { number: string; description: string | null }[];
  locations: {
    name: string;
    address1: string;
    address2: string | null;
    city: string;
    postcode: string;
    accessibility: string | null;
  }[];
  schedules: {
    weekday: number;
    opens: string;
    closes: string;
    description: string | null;
    locationName: string | null;
  }[];
  areas: { scope: string; name: string | null }[];
}

// The service and everything its page shows, in one statement.
const serviceQuery = preparedQuery<{ id: string }, ServiceRow>(
  (v) => sql`select s.id, s.organisation_id, o.name as organisation_name, s.name, s.summary, s.description,
      s.url, s.email, s.audiences, s.minimum_age, s.maximum_age, s.support_kinds, s.programmes, s.delivery,
      s.delivered_by, s.languages, s.accessibility, s.free, s.cost_note, s.referral_routes, s.how_to_get_in,
      s.self_referral, s.what_happens_next, s.capacity_note, s.wait_weeks, s.wait_updated_on::text,
      s.last_checked_on::text,
      (select coalesce(json_agg(json_build_object('number', p.number, 'description', p.description)
          order by p.position, p.number), '[]'::json)
        from directory_phone p where p.service_id = s.id) as phones,
      (select coalesce(json_agg(json_build_object('name', l.name, 'address1', l.address_1,
          'address2', l.address_2, 'city', l.city, 'postcode', l.postcode, 'accessibility', l.accessibility)
          order by l.name), '[]'::json)
        from directory_service_at_location sal join directory_location l on l.id = sal.location_id
        where sal.service_id = s.id) as locations,
      (select coalesce(json_agg(json_build_object('weekday', sc.weekday, 'opens', to_char(sc.opens_at, 'HH24:MI'),
          'closes', to_char(sc.closes_at, 'HH24:MI'), 'description', sc.description, 'locationName', l.name)
          order by sc.weekday, sc.opens_at), '[]'::json)
        from directory_schedule sc left join directory_location l on l.id = sc.location_id
        where sc.service_id = s.id) as schedules,
      (select coalesce(json_agg(json_build_object('scope', sa.scope,
          'name', coalesce(pa.name, lo.name, sa.council_area)) order by sa.scope), '[]'::json)
        from directory_service_area sa
        left join partnership_area pa on pa.id = sa.partnership_area_id
        left join locality lo on lo.id = sa.locality_id
        where sa.service_id = s.id) as areas
    from directory_service s join organisation o on o.id = s.organisation_id
    where s.id = ${v.id}::uuid and s.status = 'active'`,
);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An active service's page, or undefined for an unknown or inactive service (or a malformed id). */
export async function findService(db: Db, id: string): Promise<ServiceRow | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  const [row] = await findServiceRows(db, id.toLowerCase());
  return row;
}

function findServiceRows(db: Db, id: string) {
  return serviceQuery(db, { id });
}

/** Stores a self-referral for the service's organisation, with its audit event (ids only), in one transaction. */
export async function storeSelfReferral(
  db: Db,
  access: AccessContext,
  service: Pick<ServiceRow, 'id' | 'organisation_id'>,
  input: ReferralInput,
  mail: ReferralMail,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(selfReferral)
      .values({ serviceId: service.id, organisationId: service.organisation_id, ...input })
      .returning({ id: selfReferral.id });
    if (!row) throw new Error('self-referral not stored');
    // It arrives in the service's referrals inbox as a new referral, marked as a self-referral.
    await receiveSelfReferral(tx, row.id, mail, access);
    await recordAudit(
      tx,
      { ...access, organisationId: service.organisation_id },
      {
        action: 'self_referral.create',
        recordType: 'self_referral',
        recordId: row.id,
        detail: { serviceId: service.id },
      },
    );
    return row.id;
  });
}

/** Stores a problem with a listing for the service's organisation. */
export async function storeListingProblem(
  db: Db,
  service: Pick<ServiceRow, 'id' | 'organisation_id'>,
  input: ProblemInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(listingProblem)
      .values({ serviceId: service.id, organisationId: service.organisation_id, ...input })
      .returning({ id: listingProblem.id });
    if (!row) throw new Error('problem not stored');
    return row.id;
  });
}
