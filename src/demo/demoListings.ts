// What the public and the partnership lead have sent about the demo
// listings: a few open problem reports and one reminder to check a listing,
// so the listings pages have something to show on first start.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import type { ListingProblemKind } from '../db/schemaDirectory.ts';
import { demoOrganisations, demoUsers } from './demoDirectory.ts';

const problems: {
  organisation: string;
  service: string;
  kind: ListingProblemKind;
  details: string;
  daysAgo: number;
}[] = [
  {
    organisation: 'familysupport',
    service: 'Family support line',
    kind: 'wrong_times',
    details: 'The line was closed on Thursday evening, but the listing says it is open until 8pm.',
    daysAgo: 3,
  },
  {
    organisation: 'familysupport',
    service: 'Family support one-to-one',
    kind: 'wrong_details',
    details: 'The website link goes to a page that is not there.',
    daysAgo: 9,
  },
  {
    organisation: 'peer',
    service: 'Kilbrannan Families Together',
    kind: 'wrong_phone',
    details: 'The number rings out every time.',
    daysAgo: 15,
  },
];

/** The reminder: the partnership lead asked the peer group to check its out-of-date listing. */
const reminder = { organisation: 'peer', service: 'Kilbrannan Families Together', daysAgo: 2 };

async function serviceId(
  tx: Db,
  organisationKey: string,
  name: string,
): Promise<{ id: string; organisationId: string }> {
  const organisation = demoOrganisations.find((o) => o.key === organisationKey)?.name;
  const [row] = await queryRows<{ id: string; organisationId: string }>(
    tx,
    sql`select s.id, s.organisation_id as "organisationId" from directory_service s
      join organisation o on o.id = s.organisation_id where o.name = ${organisation ?? ''} and s.name = ${name}`,
  );
  if (!row) throw new Error(`demo listings: ${name} missing`);
  return row;
}

export async function addDemoListings(tx: Db, today: Date): Promise<void> {
  const ago = (days: number) => new Date(today.getTime() - days * 86_400_000);
  for (const p of problems) {
    const service = await serviceId(tx, p.organisation, p.service);
    await tx.execute(
      sql`insert into listing_problem (service_id, organisation_id, kind, details, reported_at)
        values (${service.id}, ${service.organisationId}, ${p.kind}, ${p.details}, ${ago(p.daysAgo)})`,
    );
  }
  const lead = demoUsers.find((u) => u.roles.includes('partnership_lead'));
  const service = await serviceId(tx, reminder.organisation, reminder.service);
  await tx.execute(
    sql`insert into listing_reminder (organisation_id, service_id, sent_by, sent_at)
      select ${service.organisationId}, ${service.id}, u.id, ${ago(reminder.daysAgo)} from app_user u
      where u.email = ${lead?.email ?? ''}`,
  );
}
