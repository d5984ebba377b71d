// Quantity: the support given to families, by locality. One statement: each
// source (support, contacts, group registers, programme enrolments) counted
// in its own grouped expression, joined on the locality.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { peopleCtes, supportedCte, supportInScope } from './auditPeople.ts';
import {
  type AuditScope,
  auditRows,
  byOrganisation,
  byOrganisationText,
  dayInPeriod,
  familyInScope,
  instantInPeriod,
  localityKey,
  localityRows,
  scopeText,
  whole,
} from './auditScope.ts';
import type { AuditTable } from './auditTable.ts';

interface Figures {
  k: string;
  families: number | null;
  people: number | null;
  contacts: number | null;
  staffMinutes: number | null;
  volunteerMinutes: number | null;
  attendances: number | null;
  started: number | null;
  completed: number | null;
}

/** The people counted: everyone supported, or only those in the chosen group (`in_group`). */
export function peopleInScope(scope: AuditScope): SQL {
  if (scope.group) return peopleCtes(scope);
  return sql`${supportedCte(scope)}, in_group as (select family_id, person_id, locality_id from supported)`;
}

/** A condition that a member (person and family columns) is in the chosen group; nothing when none is. */
export function memberInGroup(scope: AuditScope, person: SQL, familyColumn: SQL): SQL {
  if (!scope.group) return sql``;
  return sql`and exists (select 1 from in_group g where g.person_id = ${person} and g.family_id = ${familyColumn})`;
}

const hours = (minutes: number | null) => Math.round(whole(minutes) / 6) / 10;

/**
 * `con`: contacts held and their minutes by paid staff and by volunteers, per
 * locality and for the area. Without a group, from the pre-aggregated counts
 * by day, paid staff or volunteers (auditFacts.ts: the folded rows and those
 * still pending);
 * with one, from the contacts themselves, since a group is about the members
 * each contact was with.
 */
function contactsByLocality(scope: AuditScope): SQL {
  const byRole = sql`sum(x.minutes) filter (where not ('volunteer' = any(w.roles)))::int as staff_minutes,
    sum(x.minutes) filter (where 'volunteer' = any(w.roles))::int as volunteer_minutes`;
  if (!scope.group) {
    const byKept = sql`sum(x.minutes) filter (where not x.volunteer)::int as staff_minutes,
      sum(x.minutes) filter (where x.volunteer)::int as volunteer_minutes`;
    const inLocality = scope.locality ? sql` and x.locality_id = ${scope.locality.id}::uuid` : sql``;
    return sql`con as (
      select ${localityKey(sql`x.locality_id`)} as k, sum(x.contacts)::int as contacts, ${byKept}
      from audit_contact_count x
      where x.partnership_area_id = ${scope.areaId}${inLocality} and ${byOrganisation(sql`x.organisation_id`, scope)}
        and ${dayInPeriod(sql`x.day`, scope)}
      group by grouping sets ((x.locality_id), ())
    )`;
  }
  // The period's contacts (read from their covering index) counted by family and worker first,
  // so the joins that find each family's locality and each worker's role see far fewer rows.
  return sql`contact_counts as (
      select c.family_id, c.worker_id, count(*) as n, sum(c.duration_minutes) as minutes
      from contact c
      where ${byOrganisation(sql`c.organisation_id`, scope)} and ${instantInPeriod(sql`c.occurred_at`, scope)}
        and c.outcome = 'attended' and c.in_error_at is null
        and exists (select 1 from contact_member cm join in_group g on g.person_id = cm.person_id
          and g.family_id = cm.family_id where cm.contact_id = c.id)
      group by c.family_id, c.worker_id
    ),
    con as (
      select ${localityKey(sql`f.locality_id`)} as k, sum(x.n)::int as contacts, ${byRole}
      from contact_counts x join family f on f.id = x.family_id join app_user w on w.id = x.worker_id
      where ${familyInScope(scope)}
      group by grouping sets ((f.locality_id), ())
    )`;
}

export async function supportByLocality(db: Db, scope: AuditScope): Promise<AuditTable> {
  const famSource = scope.group
    ? sql`select family_id, person_id, locality_id, single from in_group`
    : sql`select s.family_id, s.person_id, s.locality_id, s.single from audit_support s where ${supportInScope(scope)}`;
  const rows = await auditRows<Figures>(
    db,
    sql`with ${peopleInScope(scope)},
    -- Each family once, with its people whose one support row is their only one counted and the
    -- others gathered: a family is in one locality, so the area's families are the localities' sum.
    by_family as (
      select locality_id, family_id, count(*) filter (where single)::int as single_people,
        array_agg(person_id) filter (where not single) as others
      from (${famSource}) r group by locality_id, family_id
    ),
    others as (
      select distinct b.locality_id, o.person_id
      from by_family b cross join lateral unnest(b.others) o(person_id) where b.others is not null
    ),
    fam as (
      select coalesce(b.locality_id::text, 'none') as k, count(*)::int as families,
        (sum(b.single_people) + coalesce(max(o.n), 0))::int as people
      from by_family b
      left join (select locality_id, count(*) as n from others group by locality_id) o
        on o.locality_id is not distinct from b.locality_id
      group by b.locality_id
      union all
      select 'all', count(*)::int,
        (sum(single_people) + (select count(distinct person_id) from others))::int
      from by_family
    ),
    ${contactsByLocality(scope)},
    att as (
      select ${localityKey(sql`f.locality_id`)} as k, count(*)::int as attendances
      from group_attendance a join group_session s on s.id = a.session_id
      join support_group g on g.id = s.group_id join family f on f.id = a.family_id
      where ${familyInScope(scope)} and ${byOrganisation(sql`g.organisation_id`, scope)}
        and ${dayInPeriod(sql`s.held_on`, scope)} and s.in_error_at is null
        ${memberInGroup(scope, sql`a.person_id`, sql`a.family_id`)}
      group by grouping sets ((f.locality_id), ())
    ),
    enr as (
      select ${localityKey(sql`f.locality_id`)} as k,
        count(*) filter (where ${dayInPeriod(sql`e.enrolled_on`, scope)})::int as started,
        count(*) filter (where e.status = 'completed' and ${dayInPeriod(sql`e.ended_on`, scope)})::int as completed
      from programme_enrolment e join family f on f.id = e.family_id
      where ${familyInScope(scope)} and ${byOrganisation(sql`e.organisation_id`, scope)}
        and (${dayInPeriod(sql`e.enrolled_on`, scope)} or ${dayInPeriod(sql`e.ended_on`, scope)})
        ${memberInGroup(scope, sql`e.person_id`, sql`e.family_id`)}
      group by grouping sets ((f.locality_id), ())
    )
    select keys.k, fam.families, fam.people, con.contacts, con.staff_minutes as "staffMinutes",
      con.volunteer_minutes as "volunteerMinutes", att.attendances, enr.started, enr.completed
    from (select k from fam union select k from con union select k from att union select k from enr) keys
    left join fam on fam.k = keys.k left join con on con.k = keys.k
    left join att on att.k = keys.k left join enr on enr.k = keys.k`,
    { hashOnly: true },
  );
  const figures = new Map(
    rows.map((r) => [
      r.k,
      {
        families: whole(r.families),
        people: whole(r.people),
        contacts: whole(r.contacts),
        staffHours: hours(r.staffMinutes),
        volunteerHours: hours(r.volunteerMinutes),
        attendances: whole(r.attendances),
        started: whole(r.started),
        completed: whole(r.completed),
      },
    ]),
  );
  const zero = {
    families: 0,
    people: 0,
    contacts: 0,
    staffHours: 0,
    volunteerHours: 0,
    attendances: 0,
    started: 0,
    completed: 0,
  };
  return {
    id: 'quantity-support',
    title: 'Families and people supported, and the support they were given, by locality',
    definition: [
      'Families and people supported: people with their own support from an organisation in the partnership area (their support record), started on or before the last day of the period and not closed before its first day, counted once each, by the locality of their family.',
      'Contacts held: contacts recorded by the area’s organisations with families in the period that went ahead (attended), not those recorded in error. Hours of contact add up the length recorded on each of those contacts: by volunteers and peer workers (workers with the volunteer or peer worker role in Hearth), or by paid staff (every other worker); contacts with no length recorded add nothing.',
      'Group attendances: members linked to their family record on the register of a group session held in the period (first names and numbers-only attendance are in the groups table).',
      'Programme starts: enrolments in a structured programme made in the period; completions: enrolments marked completed with an end date in the period.',
      'A person in families in two localities is counted in both, and once for the whole area.',
      scopeText(scope, { service: byOrganisationText(scope), group: true }),
    ].join(' '),
    columns: [
      { key: 'families', label: 'Families supported', kind: 'count' },
      { key: 'people', label: 'People supported', kind: 'count' },
      { key: 'contacts', label: 'Contacts held', kind: 'count' },
      { key: 'staffHours', label: 'Hours of contact, paid staff', kind: 'hours', basedOn: 'contacts' },
      {
        key: 'volunteerHours',
        label: 'Hours of contact, volunteers and peers',
        kind: 'hours',
        basedOn: 'contacts',
      },
      { key: 'attendances', label: 'Group attendances by members', kind: 'count' },
      { key: 'started', label: 'Programme starts', kind: 'count' },
      { key: 'completed', label: 'Programme completions', kind: 'count' },
    ],
    ...localityRows(scope, figures, zero),
  };
}
