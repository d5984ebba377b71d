// The people the audit counts as supported, and what it knows of each: where
// they stand in the family story, age band, gender, circumstances and
// deprivation quintile. One set of common table expressions, worked out in
// the statement that counts them, never row by row.
import { type SQL, sql } from 'drizzle-orm';
import { type AuditGroup, ageBands, ageUnknown, genders, standings } from './auditGroups.ts';
import { type AuditScope, byOrganisation, familyInScope } from './auditScope.ts';

/** A standing's rank, written into the statement (a constant of the code, so a literal, typed as an integer). */
const rank = (code: string): SQL => sql.raw(String(standings.find((s) => s.code === code)?.rank ?? 8));

/** What a current relationship makes of the member at each end, when the other end uses alcohol or drugs. */
function fromRank(column: SQL): SQL {
  // column is "from <kind> to": the from-person's standing towards the to-person.
  return sql`case ${column}
    when 'parent_of' then ${rank('parent')} when 'grandparent_of' then ${rank('grandparent')}
    when 'partner_of' then ${rank('partner')} when 'ex_partner_of' then ${rank('partner')}
    when 'sibling_of' then ${rank('sibling')} when 'friend_of' then ${rank('friend')}
    when 'neighbour_of' then ${rank('friend')} else ${rank('other')} end`;
}

function toRank(column: SQL): SQL {
  // The to-person's standing towards the from-person: a child, grandchild or child in their care.
  return sql`case ${column}
    when 'parent_of' then ${rank('child')} when 'grandparent_of' then ${rank('child')}
    when 'kinship_carer_for' then ${rank('child')}
    when 'partner_of' then ${rank('partner')} when 'ex_partner_of' then ${rank('partner')}
    when 'sibling_of' then ${rank('sibling')} when 'friend_of' then ${rank('friend')}
    when 'neighbour_of' then ${rank('friend')} else ${rank('other')} end`;
}

function ageBandOf(age: SQL): SQL {
  const bands = [...ageBands].reverse();
  return sql`case when ${age} is null then ${ageUnknown.code} ${sql.join(
    bands.map((b) => sql`when ${age} >= ${sql.raw(String(b.from))} then ${b.code}`),
    sql` `,
  )} else ${ageBands[0]?.code ?? ''} end`;
}

function genderOf(column: SQL): SQL {
  return sql`case when nullif(trim(${column}), '') is null then ${genders[3]?.code}
    when ${column} ~* ${'\\m(female|woman|girl)\\M'} then 'female'
    when ${column} ~* ${'\\m(male|man|boy)\\M'} then 'male' else 'another' end`;
}

/**
 * People supported in the period: their own support (member_support) from an
 * organisation of the area (or only the chosen service's organisation), for
 * a family of the area (or the chosen locality), started on or before the
 * period's last day and not closed before its first.
 */
export function supportedCte(scope: AuditScope): SQL {
  return sql`supported as (
    select ms.family_id, ms.person_id, f.locality_id
    from member_support ms join family f on f.id = ms.family_id
    where ${familyInScope(scope)} and ${byOrganisation(sql`ms.organisation_id`, scope)}
      and ms.started_on <= ${scope.to}::date and (ms.closed_on is null or ms.closed_on >= ${scope.from}::date)
    group by ms.family_id, ms.person_id, f.locality_id
  )`;
}

/**
 * `supported`, then `facts`: one row per person supported in each family,
 * with their standing (rank), circumstances, age band at the end of the
 * period, gender and SIMD quintile (null when not known), from their current
 * membership of the family; then `in_group`:
 * the facts of people in the chosen group (all of them when none is chosen).
 */
export function peopleCtes(scope: AuditScope): SQL {
  const age = sql`case when p.date_of_birth is not null then date_part('year', age(${scope.to}::date, p.date_of_birth))
    when p.approximate_age is not null then p.approximate_age
      + greatest(0, date_part('year', age(${scope.to}::date, coalesce(p.approximate_age_on, ${scope.to}::date)))) end`;
  const postcode = sql`upper(replace(p.postcode, ' ', ''))`;
  return sql`${supportedCte(scope)},
  -- Members as they stand today (one current membership for each person in a family).
  member_roles as (
    select m.family_id, m.person_id,
      'using_substances' = any(m.roles) as uses,
      'child_or_young_person' = any(m.roles) as child,
      'bereaved' = any(m.roles) as bereaved,
      'young_carer' = any(m.roles) as young_carer
    from family_membership m
    where m.ended_on is null and m.family_id in (select family_id from supported)
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
  rel_best as (select family_id, person_id, min(rank) as rank from rel group by family_id, person_id),
  facts as (
    select s.family_id, s.person_id, s.locality_id,
      case when mr.uses then ${rank('using')} when mr.child then ${rank('child')}
        else coalesce(rb.rank, ${rank('other')}) end as rank,
      coalesce(mr.bereaved, false) as bereaved, coalesce(mr.young_carer, false) as young_carer,
      ${ageBandOf(sql`a.years`)} as age_band,
      ${genderOf(sql`p.gender`)} as gender,
      sp.quintile
    from supported s
    join person p on p.id = s.person_id
    cross join lateral (select ${age} as years) a
    left join member_roles mr on mr.family_id = s.family_id and mr.person_id = s.person_id
    left join rel_best rb on rb.family_id = s.family_id and rb.person_id = s.person_id
    left join simd_postcode sp on sp.edition_id = ${scope.simd?.id ?? null}::uuid
      and length(${postcode}) >= 5
      and sp.postcode = left(${postcode}, length(${postcode}) - 3) || ' ' || right(${postcode}, 3)
  ),
  in_group as (select * from facts where ${groupCondition(scope.group)})`;
}

/** The condition on a `facts` row for being in the group. */
export function groupCondition(group: AuditGroup | undefined): SQL {
  if (!group) return sql`true`;
  switch (group.kind) {
    case 'age':
      return sql`age_band = ${group.code}`;
    case 'standing':
      return sql`rank = ${sql.raw(String(group.standing.rank))}`;
    case 'gender':
      return sql`gender = ${group.code}`;
    case 'circumstance':
      return group.code === 'bereaved' ? sql`bereaved` : sql`young_carer`;
  }
}
