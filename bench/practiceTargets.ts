// The practice targets' inputs: families and people the bench user may see,
// the database's size, and contact forms to post. Read from the bench database.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { benchArea, benchUserEmail } from '../src/demo/benchData.ts';
import type { SearchPerson } from './searchTerms.ts';

/**
 * What the bench user may open and search for: open families on its
 * organisation's team, and people in them (names, dates of birth, postcodes)
 * to make realistic searches from. Picked at random, many of each.
 */
export async function benchTargets(url: string): Promise<{
  familyIds: string[];
  people: SearchPerson[];
  contactWith: { familyId: string; personId: string }[];
}> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const teamFamilies = sql`select t.family_id from family_team_member t join app_user u on u.organisation_id = t.organisation_id
      where lower(u.email) = ${benchUserEmail} and t.left_on is null`;
    const families = await queryRows<{ id: string }>(
      database.db,
      sql`select f.id from family f where f.status = 'open' and f.id in (${teamFamilies}) order by random() limit 300`,
    );
    const people = await queryRows<SearchPerson>(
      database.db,
      sql`select p.given_name as "givenName", p.family_name as "familyName", p.date_of_birth::text as "dateOfBirth",
          p.postcode from family_membership m join person p on p.id = m.person_id
        where m.family_id in (${teamFamilies}) and p.family_name is not null order by random() limit 1000`,
    );
    // For recording contacts: in each of those families, a member the bench user's organisation supports.
    const contactWith = await queryRows<{ familyId: string; personId: string }>(
      database.db,
      sql`select distinct on (s.family_id) s.family_id as "familyId", s.person_id as "personId"
        from member_support s join app_user u on u.organisation_id = s.organisation_id
        where lower(u.email) = ${benchUserEmail}
          and s.family_id in (${sql.join(
            families.map((f) => sql`${f.id}::uuid`),
            sql`, `,
          )})
        order by s.family_id, s.person_id`,
    );
    return { familyIds: families.map((f) => f.id), people, contactWith };
  } finally {
    await database.close();
  }
}

export async function databaseFacts(url: string) {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const [row] = await queryRows<{
      version: string;
      families: number;
      open: number;
      contacts: number;
      localityId: string | null;
    }>(
      database.db,
      sql`select version() as version, (select count(*)::int from contact) as contacts,
        (select l.id from locality l join partnership_area a on a.id = l.partnership_area_id
          where a.name = ${benchArea.name} order by l.name desc limit 1) as "localityId",
        (select count(*)::int from family f join partnership_area a on a.id = f.partnership_area_id
          where a.name = ${benchArea.name}) as families,
        (select count(*)::int from family f where f.status = 'open' and exists (
          select 1 from family_team_member t join app_user u on u.organisation_id = t.organisation_id
          where t.family_id = f.id and t.left_on is null and lower(u.email) = ${benchUserEmail})) as open`,
    );
    return row;
  } finally {
    await database.close();
  }
}

/**
 * The contact form's fields for a one-to-one phone call with the member an
 * hour ago, attended, with the CSRF token a browser would send. Each request
 * records a new contact (the database grows by the number measured).
 */
export async function contactForms(
  base: string,
  cookie: string,
  contactWith: { familyId: string; personId: string }[],
) {
  const first = contactWith[0];
  if (!first) throw new Error('the bench user supports no one to record a contact with');
  const form = await fetch(`${base}/practice/families/${first.familyId}/contacts/new`, {
    headers: { cookie },
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (form.status !== 200 || !token) throw new Error(`the contact form answered ${form.status}`);
  const at = new Date(Date.now() - 3_600_000);
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(at)
    .split('-') as [string, string, string];
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  }).format(at);
  return {
    paths: contactWith.map((c) => `/practice/families/${c.familyId}/contacts/new`),
    bodies: contactWith.map((c) =>
      new URLSearchParams({
        _csrf: token,
        'occurredOn-day': String(Number(day)),
        'occurredOn-month': String(Number(month)),
        'occurredOn-year': year,
        time,
        members: c.personId,
        kind: 'one_to_one',
        channel: 'phone',
        outcome: 'attended',
        durationMinutes: '30',
        topics: 'coping',
        notes: 'Talked through the week and what to try before the next call.',
      }).toString(),
    ),
  };
}
