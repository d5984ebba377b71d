// The audit's pre-aggregates (migration 0032), kept up to date. Triggers mark
// a family stale whenever its members, relationships, support or people
// change; `refreshAuditFacts` works the stale families' rows of
// `audit_support` out again (with whether each row is its person's only
// one, migration 0034), and `foldContactCounts` folds the contact
// counts' pending rows into each day's row. Every audit view refreshes the
// stale families first (`resolveScope`), so it counts from rows that are up to date.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { HousekeepingTask } from '../../platform/housekeeping.ts';
import { genders, standings } from './auditGroups.ts';

/** A standing's rank, written into the statement (a constant of the code, so a literal, typed as an integer). */
const rank = (code: string): SQL => sql.raw(String(standings.find((s) => s.code === code)?.rank ?? 8));

/** What a current relationship makes of the member at the from end, when the other end uses alcohol or drugs. */
function fromRank(column: SQL): SQL {
  return sql`case ${column}
    when 'parent_of' then ${rank('parent')} when 'grandparent_of' then ${rank('grandparent')}
    when 'partner_of' then ${rank('partner')} when 'ex_partner_of' then ${rank('partner')}
    when 'sibling_of' then ${rank('sibling')} when 'friend_of' then ${rank('friend')}
    when 'neighbour_of' then ${rank('friend')} else ${rank('other')} end`;
}

/** The to-person's standing towards the from-person: a child, grandchild or child in their care. */
function toRank(column: SQL): SQL {
  return sql`case ${column}
    when 'parent_of' then ${rank('child')} when 'grandparent_of' then ${rank('child')}
    when 'kinship_carer_for' then ${rank('child')}
    when 'partner_of' then ${rank('partner')} when 'ex_partner_of' then ${rank('partner')}
    when 'sibling_of' then ${rank('sibling')} when 'friend_of' then ${rank('friend')}
    when 'neighbour_of' then ${rank('friend')} else ${rank('other')} end`;
}

/** Gender is free text: plainly female or male words are read as such, anything else as another gender. */
function genderOf(column: SQL): SQL {
  return sql`case when nullif(trim(${column}), '') is null then ${genders[3]?.code}
    when ${column} ~* ${'\\m(female|woman|girl)\\M'} then 'female'
    when ${column} ~* ${'\\m(male|man|boy)\\M'} then 'male' else 'another' end`;
}

/**
 * The rows of `audit_support` for the families `ids`: each support record
 * that has started, with its member's standing as they are today (their
 * current membership's roles, and the family's current relationships with a
 * member using alcohol or drugs), circumstances, birth date or age given,
 * gender and postcode, and the family's area and locality.
 */
function supportRowsOf(ids: SQL): SQL {
  const postcode = sql`upper(replace(p.postcode, ' ', ''))`;
  return sql`with member_roles as (
      select m.family_id, m.person_id,
        'using_substances' = any(m.roles) as uses,
        'child_or_young_person' = any(m.roles) as child,
        'bereaved' = any(m.roles) as bereaved,
        'young_carer' = any(m.roles) as young_carer
      from family_membership m
      where m.ended_on is null and m.family_id = any(${ids})
    ),
    using_member as (select family_id, person_id from member_roles where uses),
    rel as (
      select r.family_id, r.from_person_id as person_id, ${fromRank(sql`r.kind`)} as rank
      from relationship r join using_member u on u.family_id = r.family_id and u.person_id = r.to_person_id
      where r.current
      union all
      select r.family_id, r.to_person_id, ${toRank(sql`r.kind`)}
      from relationship r join using_member u on u.family_id = r.family_id and u.person_id = r.from_person_id
      where r.current
      union all
      -- Grandparents of the children of someone using: the grandparents family support speaks of.
      select g.family_id, g.from_person_id, ${rank('grandparent')}
      from relationship g
      join relationship c on c.family_id = g.family_id and c.to_person_id = g.to_person_id
        and c.kind = 'parent_of' and c.current
      join using_member u on u.family_id = c.family_id and u.person_id = c.from_person_id
      where g.kind = 'grandparent_of' and g.current
    ),
    rel_best as (select family_id, person_id, min(rank) as rank from rel group by family_id, person_id)
    select ms.id, ms.family_id, ms.person_id, ms.organisation_id, f.partnership_area_id, f.locality_id,
      ms.started_on, ms.closed_on,
      case when mr.uses then ${rank('using')} when mr.child then ${rank('child')}
        else coalesce(rb.rank, ${rank('other')}) end,
      coalesce(mr.bereaved, false), coalesce(mr.young_carer, false),
      p.date_of_birth, p.approximate_age, p.approximate_age_on, ${genderOf(sql`p.gender`)},
      mr.person_id is not null,
      case when length(${postcode}) >= 5 then left(${postcode}, length(${postcode}) - 3) || ' ' || right(${postcode}, 3) end
    from member_support ms
    join family f on f.id = ms.family_id
    join person p on p.id = ms.person_id
    left join member_roles mr on mr.family_id = ms.family_id and mr.person_id = ms.person_id
    left join rel_best rb on rb.family_id = ms.family_id and rb.person_id = ms.person_id
    where ms.family_id = any(${ids}) and ms.started_on is not null`;
}

/** Stale families worked out again in one transaction at most. */
const batchSize = 2000;

/**
 * Works out the stale families' `audit_support` rows again, a batch at a
 * time, until none is stale. Two processes refreshing at once take turns (a
 * person's only row depends on other families' rows); a family changed
 * meanwhile is marked stale again by its trigger and taken next time.
 * Returns how many families were done.
 */
export async function refreshAuditFacts(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // One refresh at a time: whether a person's row is their only one depends on other families' rows.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_support'))`);
      const stale = await queryRows<{ id: string }>(
        tx,
        sql`delete from audit_stale_family where family_id in (
            select family_id from audit_stale_family limit ${batchSize} for update skip locked)
          returning family_id as id`,
      );
      if (stale.length === 0) return 0;
      const ids = sql`${`{${stale.map((s) => s.id).join(',')}}`}::uuid[]`;
      const gone = await queryRows<{ personId: string }>(
        tx,
        sql`delete from audit_support where family_id = any(${ids}) returning person_id as "personId"`,
      );
      await tx.execute(sql`insert into audit_support (support_id, family_id, person_id, organisation_id,
          partnership_area_id, locality_id, started_on, closed_on, rank, bereaved, young_carer,
          date_of_birth, approximate_age, approximate_age_on, gender, member, postcode)
        ${supportRowsOf(ids)}`);
      await tx.execute(sql`delete from audit_family where family_id = any(${ids})`);
      await tx.execute(sql`insert into audit_family (family_id, partnership_area_id, locality_id, has_using,
          using_in_contact)
        select f.id, f.partnership_area_id, f.locality_id,
          coalesce(bool_or('using_substances' = any(m.roles)), false),
          coalesce(bool_or('using_substances' = any(m.roles) and m.in_contact_with_services = 'yes'), false)
        from family f left join family_membership m on m.family_id = f.id and m.ended_on is null
        where f.id = any(${ids}) group by f.id`);
      // Each person whose rows were taken or written: whether the row is their only one, in any family.
      const before = sql`${`{${[...new Set(gone.map((g) => g.personId))].join(',')}}`}::uuid[]`;
      await tx.execute(sql`with touched as (
          select person_id from audit_support where family_id = any(${ids})
          union select unnest(${before})
        ),
        counted as (
          select s.person_id, count(*) = 1 as single from audit_support s
          where s.person_id in (select person_id from touched) group by s.person_id
        )
        update audit_support s set single = c.single from counted c
        where s.person_id = c.person_id and s.single <> c.single`);
      return stale.length;
    });
    done += n;
    if (n < batchSize) return done;
  }
}

/**
 * Folds the contact counts' pending rows into each day's row, in one
 * transaction; a second process folding at the same moment skips (the
 * views read pending rows too, so nothing is missed meanwhile).
 */
export async function foldContactCounts(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [lock] = await queryRows<{ got: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('audit_contact_count')) as got`,
    );
    if (!lock?.got) return;
    await tx.execute(sql`with moved as (delete from audit_contact_count where pending returning *)
      insert into audit_contact_count as t
        (organisation_id, volunteer, partnership_area_id, locality_id, day, contacts, minutes, pending)
      select organisation_id, volunteer, partnership_area_id, locality_id, day, sum(contacts), sum(minutes), false
      from moved group by 1, 2, 3, 4, 5
      on conflict (partnership_area_id, day, organisation_id, volunteer, locality_id) where not pending
      do update set contacts = t.contacts + excluded.contacts, minutes = t.minutes + excluded.minutes`);
  });
}

/**
 * Housekeeping, once a minute: stale families worked out and pending contact
 * counts folded, so a view seldom finds much to do first and the pending
 * rows stay few.
 */
export function auditFactsTask(db: Db): HousekeepingTask {
  return {
    name: 'audit pre-aggregates',
    async run() {
      await refreshAuditFacts(db);
      await foldContactCounts(db);
    },
  };
}

/** How often the task runs. */
export const auditFactsEveryMs = 60_000;
