import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { contactTopicCodes } from '../features/contacts/contactTopics.ts';
import { refreshLastContacts } from '../features/contacts/lastContact.ts';

/** Contacts each bench family gets: 100,000 families then hold the 5 million issue #5 measures at. */
export const benchContactsPerFamily = 50;

/** Families given their contacts per statement: 10,000 families is 500,000 contacts. */
const familiesPerBatch = 10_000;

/**
 * Gives every bench family of the area that has no contacts yet its history
 * of contacts: `perFamily` of them, about a fortnight apart going back from
 * today, with the worker who leads for the family's first organisation; most
 * one-to-one with the first member, some whole-family with two members, one
 * in ten not attended. Set-based, 10,000 families a statement, so five
 * million contacts take minutes, not hours; families with contacts are left
 * alone. Each member's last contact is then worked out from them. Returns
 * how many families were given contacts.
 */
export async function addBenchContacts(
  db: Db,
  areaId: string,
  today: Date,
  perFamily = benchContactsPerFamily,
  onProgress: (families: number) => void = () => {},
): Promise<number> {
  const now = today.toISOString();
  const topicList = sql.raw(`array[${contactTopicCodes.map((t) => `'${t}'`).join(', ')}]`);
  let done = 0;
  for (;;) {
    const [row] = await queryRows<{ families: number }>(
      db,
      sql`with fams as (
          select f.id as family_id, t.organisation_id, t.lead_worker_id as worker_id,
            array(select m.person_id from family_membership m where m.family_id = f.id and m.ended_on is null
              order by m.created_at, m.person_id) as people
          from family f
          cross join lateral (select t.organisation_id, t.lead_worker_id from family_team_member t
            where t.family_id = f.id and t.lead_worker_id is not null order by t.joined_on, t.organisation_id limit 1) t
          where f.partnership_area_id = ${areaId}
            and not exists (select 1 from contact c where c.family_id = f.id)
          order by f.id
          limit ${familiesPerBatch}),
        made as (
          insert into contact (family_id, organisation_id, worker_id, occurred_at, kind, channel, duration_minutes,
            outcome, topics, notes, recorded_by, created_at)
          select fa.family_id, fa.organisation_id, fa.worker_id,
            ${now}::timestamptz - make_interval(days => g.n * 14 + abs(hashtext(fa.family_id::text)) % 14, hours => 2 + g.n % 6),
            case when g.n % 5 = 0 then 'whole_family' when g.n % 7 = 0 then 'information_guidance' else 'one_to_one' end,
            (array['in_person', 'home_visit', 'phone', 'video', 'text_chat'])[1 + g.n % 5],
            30 + (g.n % 4) * 15,
            case when g.n % 10 = 3 then 'did_not_attend' else 'attended' end,
            array[(${topicList})[1 + g.n % ${contactTopicCodes.length}], (${topicList})[1 + (g.n + 3) % ${contactTopicCodes.length}]],
            'Talked through how the last fortnight went and what to try before the next visit.',
            fa.worker_id,
            ${now}::timestamptz - make_interval(days => g.n * 14)
          from fams fa cross join generate_series(1, ${perFamily}) g(n)
          returning id, family_id, kind),
        members as (
          insert into contact_member (contact_id, person_id, family_id)
          select m.id, p.person_id, m.family_id
          from made m join fams fa on fa.family_id = m.family_id
          cross join lateral unnest(fa.people[1:case when m.kind = 'whole_family' then 2 else 1 end]) p(person_id)
          returning 1)
        select (select count(*) from fams)::int as families, (select count(*) from members) as linked`,
    );
    const families = row?.families ?? 0;
    if (families === 0) {
      if (done > 0)
        await refreshLastContacts(db, sql`select id from family where partnership_area_id = ${areaId}`);
      return done;
    }
    done += families;
    onProgress(done);
  }
}
