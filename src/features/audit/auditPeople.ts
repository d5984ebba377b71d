// The people the audit counts as supported, and what it knows of each: where
// they stand in the family story, age band, gender, circumstances and
// deprivation quintile. One set of common table expressions, worked out in
// the statement that counts them, never row by row.
import { type SQL, sql } from 'drizzle-orm';
import { type AuditGroup, ageBands, ageUnknown } from './auditGroups.ts';
import { type AuditScope, byOrganisation } from './auditScope.ts';

function ageBandOf(age: SQL): SQL {
  const bands = [...ageBands].reverse();
  return sql`case when ${age} is null then ${ageUnknown.code} ${sql.join(
    bands.map((b) => sql`when ${age} >= ${sql.raw(String(b.from))} then ${b.code}`),
    sql` `,
  )} else ${ageBands[0]?.code ?? ''} end`;
}

/** The support rows counted: an organisation of the area (or the chosen service's), a family of the area (or the locality). */
export function supportInScope(scope: AuditScope): SQL {
  const inLocality = scope.locality ? sql` and s.locality_id = ${scope.locality.id}::uuid` : sql``;
  return sql`s.partnership_area_id = ${scope.areaId}${inLocality} and ${byOrganisation(sql`s.organisation_id`, scope)}
    and s.started_on <= ${scope.to}::date and (s.closed_on is null or s.closed_on >= ${scope.from}::date)`;
}

/**
 * People supported in the period: their own support (member_support) from an
 * organisation of the area (or only the chosen service's organisation), for
 * a family of the area (or the chosen locality), started on or before the
 * period's last day and not closed before its first. Read from the
 * pre-aggregate `audit_support` (auditFacts.ts), which has the family's area
 * and locality on each support row.
 */
export function supportedCte(scope: AuditScope): SQL {
  return sql`supported as (
    select s.family_id, s.person_id, s.locality_id from audit_support s
    where ${supportInScope(scope)}
    group by s.family_id, s.person_id, s.locality_id
  )`;
}

/**
 * `supported`, then `facts`: one row per person supported in each family,
 * with their standing (rank), circumstances, age band at the end of the
 * period, gender and SIMD quintile (null when not known), from their current
 * membership of the family, as `audit_support` keeps them; then `in_group`:
 * the facts of people in the chosen group (all of them when none is chosen).
 */
export function peopleCtes(scope: AuditScope): SQL {
  return sql`facts as (
    ${factsOf(
      scope,
      sql`(
        -- One row per person in each family: every support row of theirs has the same facts.
        select distinct s.family_id, s.person_id, s.locality_id, s.rank, s.bereaved, s.young_carer,
          s.birth_day, s.approximate_age, s.approximate_day, s.gender, s.postcode, s.single
        from audit_support s where ${supportInScope(scope)}
      )`,
    )}
  ),
  supported as (select family_id, person_id, locality_id from facts),
  in_group as (select * from facts where ${groupCondition(scope.group)})`;
}

/**
 * The facts of the rows `rows` (of `audit_support`'s shape, as `s`): what
 * `facts` holds, with the age band at the end of the period and the SIMD
 * quintile worked out.
 */
function factsOf(scope: AuditScope, rows: SQL): SQL {
  // Whole years between two days written yyyymmdd: the difference over 10000, truncated (as age() does).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(scope.to)) throw new Error('the period must end on a date');
  const end = sql.raw(scope.to.replaceAll('-', ''));
  const age = sql`case when s.birth_day is not null then (${end} - s.birth_day) / 10000
    when s.approximate_age is not null then s.approximate_age
      + greatest(0, (${end} - coalesce(s.approximate_day, ${end})) / 10000) end`;
  // With no SIMD lookup loaded, nobody's quintile is known.
  const [quintile, simd] = scope.simd
    ? [
        sql`sp.quintile`,
        sql`left join simd_postcode sp on sp.edition_id = ${scope.simd.id}::uuid and sp.postcode = s.postcode`,
      ]
    : [sql`null::smallint`, sql``];
  return sql`select s.family_id, s.person_id, s.locality_id, s.rank, s.bereaved, s.young_carer,
      ${ageBandOf(sql`a.years`)} as age_band, s.gender, ${quintile} as quintile, s.single
    from ${rows} s
    cross join lateral (select ${age} as years) a
    ${simd}`;
}

/**
 * The facts of the support rows in scope that `which` picks (a condition on
 * `s`, an `audit_support` row), one row each, not made one per person.
 */
export function supportFacts(scope: AuditScope, which: SQL): SQL {
  return factsOf(scope, sql`(select * from audit_support s where ${supportInScope(scope)} and ${which})`);
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
