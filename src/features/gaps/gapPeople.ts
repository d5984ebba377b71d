// The family members supported in a period, counted in SQL for the gap
// analysis: in each locality and the whole area, and in each group. Counts
// only. Read from the area's memberships, each checked for support, an
// attended contact or a group session in the period: most members supported
// have support under way, so the contacts are seldom looked at.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditRows } from '../audit/auditScope.ts';
import type { AuditFilters } from '../audit/auditView.ts';
import { FigureCache } from '../home/figureCache.ts';
import { gapGroups } from './gapDefinitions.ts';

const ukStart = (day: string) => sql`(${day}::date::timestamp at time zone 'Europe/London')`;
const ukEnd = (day: string) => sql`((${day}::date + 1)::timestamp at time zone 'Europe/London')`;

/** Each membership of the area during the period whose member was supported in it: not the person using substances. */
function membersSupported(areaId: string, { from, to }: AuditFilters): SQL {
  return sql`m as (
      select x.family_id, x.person_id, f.locality_id, x.roles, coalesce(x.relationship_label, '') as label,
        lower(coalesce(p.gender, '')) as gender,
        case when p.date_of_birth is not null then date_part('year', age(${to}::date, p.date_of_birth))
          when p.approximate_age is not null
            then p.approximate_age + date_part('year', age(${to}::date, coalesce(p.approximate_age_on, ${to}::date)))
        end as age
      from family f
      join family_membership x on x.family_id = f.id and x.started_on <= ${to}::date
        and (x.ended_on is null or x.ended_on >= ${from}::date)
      join person p on p.id = x.person_id
      where f.partnership_area_id = ${areaId} and not ('using_substances' = any(x.roles))
        and (exists (select 1 from member_support ms where ms.family_id = x.family_id and ms.person_id = x.person_id
              and ms.status <> 'not_started' and coalesce(ms.started_on, ms.created_at::date) <= ${to}::date
              and (ms.closed_on is null or ms.closed_on >= ${from}::date))
          or exists (select 1 from contact_member cm join contact c on c.id = cm.contact_id
              where cm.family_id = x.family_id and cm.person_id = x.person_id and c.outcome = 'attended'
                and c.in_error_at is null and c.occurred_at >= ${ukStart(from)} and c.occurred_at < ${ukEnd(to)})
          or exists (select 1 from group_attendance ga join group_session gs on gs.id = ga.session_id
              where ga.person_id = x.person_id and ga.family_id = x.family_id and gs.in_error_at is null
                and gs.held_on between ${from}::date and ${to}::date))
    )`;
}

const relationFrom = (kind: string) =>
  sql`exists (select 1 from relationship r where r.family_id = m.family_id and r.from_person_id = m.person_id
    and r.kind = ${kind})`;
const isParent = sql`(m.label ~* '^(mother|father|mum|dad|step-?(mother|father|mum|dad)|parent)\\M' or ${relationFrom('parent_of')})`;
const groupCondition: Record<string, SQL> = {
  young_people: sql`m.age between 12 and 17`,
  children: sql`m.age < 12`,
  young_carers: sql`'young_carer' = any(m.roles)`,
  grandparents: sql`(m.label ~* '^(great-?)?grand' or ${relationFrom('grandparent_of')})`,
  fathers: sql`${isParent} and (m.label ~* '^(father|dad|step-?(father|dad)|grandfather)\\M' or m.gender in ('male', 'man'))`,
  partners: sql`(m.label ~* '^(partner|wife|husband|spouse|girlfriend|boyfriend|ex-?(partner|wife|husband))\\M'
    or (m.family_id, m.person_id) in (select family_id, person_id from partner_of_using))`,
  bereaved: sql`'bereaved' = any(m.roles)`,
};

export interface SupportedRow {
  localityId: string | null;
  total: boolean;
  supported: number;
  parents: number;
  [group: string]: number | string | boolean | null;
}

/**
 * Different people supported (and families, for bereaved families) in each
 * locality and in the whole area, in all and in each group. A person is
 * counted once in a place whatever their memberships there, and once in the
 * area even when in families of two localities.
 */
export function supportedCounts(db: Db, areaId: string, filters: AuditFilters): Promise<SupportedRow[]> {
  return counted.get(`${areaId}|${filters.from}|${filters.to}`, () => countSupported(db, areaId, filters));
}

/**
 * The counts of an area and period are kept two minutes: a lead moving
 * between localities, the gap page and a proposal's form recounts nothing,
 * and the figures are never more than two minutes behind the records.
 */
export const supportedCountsSeconds = 120;
const counted = new FigureCache<SupportedRow[]>(supportedCountsSeconds * 1000, 200);

async function countSupported(db: Db, areaId: string, filters: AuditFilters): Promise<SupportedRow[]> {
  const people = gapGroups.filter((g) => !g.families);
  const families = gapGroups.filter((g) => g.families);
  const flags = [
    sql`bool_or(${isParent}) as parents`,
    ...people.map((g) => sql`bool_or(${groupCondition[g.code] ?? sql`false`}) as ${sql.identifier(g.code)}`),
  ];
  const names = ['parents', ...people.map((g) => g.code)];
  const counts = (from: string) =>
    sql.join(
      names.map(
        (n) =>
          sql`count(*) filter (where ${sql.identifier(from)}.${sql.identifier(n)})::int as ${sql.identifier(n)}`,
      ),
      sql`, `,
    );
  const either = (from: string) =>
    sql.join(
      names.map((n) => sql`bool_or(${sql.identifier(from)}.${sql.identifier(n)}) as ${sql.identifier(n)}`),
      sql`, `,
    );
  const familyCounts = families.map(
    (g) =>
      sql`(select count(distinct m.family_id)::int from m where ${groupCondition[g.code] ?? sql`false`}
        and (q.total or m.locality_id is not distinct from q."localityId")) as ${sql.identifier(g.code)}`,
  );
  return auditRows<SupportedRow>(
    db,
    sql`with ${membersSupported(areaId, filters)},
      -- Partners and ex-partners of a current member using alcohol or drugs: the other end of the relationship.
      partner_of_using as (
        select r.family_id, case when u.person_id = r.to_person_id then r.from_person_id else r.to_person_id end as person_id
        from relationship r join family_membership u on u.family_id = r.family_id
          and u.ended_on is null and 'using_substances' = any(u.roles)
          and u.person_id in (r.from_person_id, r.to_person_id)
        where r.kind in ('partner_of', 'ex_partner_of')
      ),
      place as (select m.locality_id, m.person_id, ${sql.join(flags, sql`, `)} from m group by m.locality_id, m.person_id),
      person as (select place.person_id, ${either('place')} from place group by place.person_id),
      q as (
        select place.locality_id as "localityId", false as total, count(*)::int as supported, ${counts('place')}
        from place group by place.locality_id
        union all
        select null, true, count(*)::int, ${counts('person')} from person
      )
      select q.*, ${sql.join(familyCounts, sql`, `)} from q`,
    { hashOnly: true },
  );
}
