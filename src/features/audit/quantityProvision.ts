// Quantity: what provision there is. The services the area's organisations
// list, where and by whom they are given; the groups that met, their
// sessions, places and facilitators; structured programmes started and
// completed. One grouped statement per table.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { groupKinds } from '../../db/schema.ts';
import { periodText } from './auditFilters.ts';
import {
  type AuditScope,
  byOrganisation,
  byOrganisationText,
  dayInPeriod,
  familyInScope,
  localityKey,
  localityRows,
  scopeText,
  whole,
} from './auditScope.ts';
import type { AuditRow, AuditTable } from './auditTable.ts';
import { memberInGroup, peopleInScope } from './quantitySupport.ts';

/**
 * Services (`svc`: id, organisation, who delivers it, kinds of support) of
 * the area's organisations, active, and `svc_at`: each with every locality of
 * the area it is available in (at a place there, covering that locality, or
 * covering the whole area, its council area, Scotland or the UK), or one row
 * with no locality when it is available in none.
 */
export function servicesCte(scope: AuditScope): SQL {
  const only = scope.service ? sql`and s.id = ${scope.service.id}::uuid` : sql``;
  return sql`svc as (
    select s.id, s.organisation_id, s.delivered_by, s.support_kinds
    from directory_service s join organisation o on o.id = s.organisation_id
    where o.partnership_area_id = ${scope.areaId} and s.status = 'active' ${only}
  ),
  placed as (
    select a.service_id, l.locality_id
    from directory_service_at_location a join directory_location l on l.id = a.location_id
    where a.service_id in (select id from svc)
    union
    select sa.service_id, sa.locality_id from directory_service_area sa
    where sa.scope = 'locality' and sa.service_id in (select id from svc)
    union
    select sa.service_id, loc.id from directory_service_area sa
    join locality loc on loc.partnership_area_id = ${scope.areaId}
    where sa.service_id in (select id from svc)
      and ((sa.scope = 'partnership_area' and sa.partnership_area_id = ${scope.areaId})
        or (sa.scope = 'council_area' and sa.council_area = ${scope.councilArea})
        or sa.scope in ('scotland', 'uk'))
  ),
  svc_at as (
    select s.*, l.id as locality_id
    from svc s
    left join (placed p join locality l on l.id = p.locality_id and l.partnership_area_id = ${scope.areaId})
      on p.service_id = s.id
  )`;
}

export async function servicesByLocality(db: Db, scope: AuditScope): Promise<AuditTable> {
  const inLocality = scope.locality ? sql`where locality_id = ${scope.locality.id}::uuid` : sql``;
  const rows = await queryRows<Record<string, number> & { k: string }>(
    db,
    sql`with ${servicesCte(scope)}
    select ${localityKey(sql`locality_id`)} as k, count(distinct id)::int as services,
      count(distinct id) filter (where 'paid_staff' = any(delivered_by))::int as paid,
      count(distinct id) filter (where 'volunteers' = any(delivered_by))::int as volunteers,
      count(distinct id) filter (where 'peers' = any(delivered_by))::int as peers,
      count(distinct id) filter (where 'mutual_aid' = any(support_kinds))::int as "mutualAid"
    from svc_at ${inLocality} group by grouping sets ((locality_id), ())`,
  );
  const zero = { services: 0, paid: 0, volunteers: 0, peers: 0, mutualAid: 0 };
  const figures = new Map(rows.map(({ k, ...values }) => [k, values]));
  return {
    id: 'quantity-services',
    title: 'Services listed, by locality and who delivers them',
    definition: [
      'Active services that the partnership area’s organisations list in Hearth’s directory (the public finder), in each locality they are available in: at a place in the locality, covering the locality, or covering the whole partnership area, its council area, Scotland or the UK (phone and online services).',
      'A service available in several localities is counted in each, and once for the whole area; “Locality not recorded” counts services with no place or area in any locality.',
      'Who delivers them is as each listing says (paid staff, volunteers, peers: a service may have several); mutual aid counts services listed as mutual aid, groups run by and for families.',
      `Listings as they stand today, not over the period.${scope.service ? ' Only the chosen service.' : ''}${scope.locality ? ` Only services available in ${scope.locality.name}.` : ''}`,
    ].join(' '),
    columns: [
      { key: 'services', label: 'Services', kind: 'count' },
      { key: 'paid', label: 'Given by paid staff', kind: 'count' },
      { key: 'volunteers', label: 'Given by volunteers', kind: 'count' },
      { key: 'peers', label: 'Given by peers', kind: 'count' },
      { key: 'mutualAid', label: 'Mutual aid', kind: 'count' },
    ],
    ...localityRows(scope, figures, zero),
  };
}

const groupKindNames: Record<(typeof groupKinds)[number], string> = {
  family_support: 'Family support groups',
  young_people: 'Young people’s groups',
  programme: 'Programme groups',
  mutual_aid: 'Mutual aid groups',
};

interface GroupFigures {
  k: string;
  groups: number;
  sessions: number;
  places: number | null;
  attendances: number | null;
  paid: number;
  volunteer: number;
  peer: number;
}

export async function groupsByKind(db: Db, scope: AuditScope): Promise<AuditTable> {
  const rows = await queryRows<GroupFigures>(
    db,
    sql`with met as (
      select g.id, g.kind, g.capacity, count(*)::int as sessions, sum(s.anonymous_count)::int as anonymous
      from support_group g join group_session s on s.group_id = g.id
      where ${byOrganisation(sql`g.organisation_id`, scope)} and ${dayInPeriod(sql`s.held_on`, scope)}
        and s.in_error_at is null
      group by g.id, g.kind, g.capacity
    ),
    register as (
      select s.group_id, count(*)::int as n
      from group_attendance a join group_session s on s.id = a.session_id
      where s.group_id in (select id from met) and ${dayInPeriod(sql`s.held_on`, scope)} and s.in_error_at is null
      group by s.group_id
    ),
    led as (
      select f.group_id, bool_or(f.kind = 'paid') as paid, bool_or(f.kind = 'volunteer') as volunteer,
        bool_or(f.kind = 'peer') as peer
      from group_facilitator f where f.group_id in (select id from met) group by f.group_id
    )
    select case when grouping(m.kind) = 1 then 'all' else m.kind end as k,
      count(*)::int as groups, sum(m.sessions)::int as sessions, sum(m.capacity)::int as places,
      sum(m.anonymous + coalesce(r.n, 0))::int as attendances,
      count(*) filter (where l.paid)::int as paid, count(*) filter (where l.volunteer)::int as volunteer,
      count(*) filter (where l.peer)::int as peer
    from met m left join register r on r.group_id = m.id left join led l on l.group_id = m.id
    group by grouping sets ((m.kind), ())`,
  );
  const byKind = new Map(rows.map(({ k, ...values }) => [k, values]));
  const row = (key: string, label: string): AuditRow => {
    const f = byKind.get(key);
    return {
      key,
      label,
      values: {
        groups: whole(f?.groups),
        sessions: whole(f?.sessions),
        places: whole(f?.places),
        attendances: whole(f?.attendances),
        paid: whole(f?.paid),
        volunteer: whole(f?.volunteer),
        peer: whole(f?.peer),
      },
    };
  };
  return {
    id: 'quantity-groups',
    title: 'Groups that met, their sessions, places and who runs them',
    definition: [
      'Groups run by the partnership area’s organisations that held at least one session in the period (sessions recorded in error are left out), by kind of group.',
      'Sessions: the sessions they held in the period. Places: the capacity recorded for each group that met, added up (one session’s places; groups with no capacity recorded add nothing).',
      'Attendances: everyone on the registers of those sessions: members linked to their record, first names, and people counted by number only.',
      'Run by: groups with at least one facilitator who is paid staff, a volunteer, or a peer (a group may have several).',
      'Groups are not recorded by locality, so choosing a locality or a group of people does not narrow this table.',
      `Period: ${periodText(scope)}. ${byOrganisationText(scope)}`.trim(),
    ].join(' '),
    columns: [
      { key: 'groups', label: 'Groups that met', kind: 'count' },
      { key: 'sessions', label: 'Sessions held', kind: 'count' },
      { key: 'places', label: 'Places', kind: 'count' },
      { key: 'attendances', label: 'Attendances', kind: 'count' },
      { key: 'paid', label: 'Run by paid staff', kind: 'count' },
      { key: 'volunteer', label: 'Run by volunteers', kind: 'count' },
      { key: 'peer', label: 'Run by peers', kind: 'count' },
    ],
    rows: groupKinds.map((kind) => row(kind, groupKindNames[kind])),
    total: row('all', 'All groups'),
  };
}

export async function programmesStarted(db: Db, scope: AuditScope): Promise<AuditTable> {
  const rows = await queryRows<{
    k: string;
    name: string | null;
    started: number;
    completed: number;
    endedEarly: number;
  }>(
    db,
    sql`with ${peopleInScope(scope)}
    select case when grouping(p.id) = 1 then 'all' else p.id::text end as k, p.name,
      count(*) filter (where ${dayInPeriod(sql`e.enrolled_on`, scope)})::int as started,
      count(*) filter (where e.status = 'completed' and ${dayInPeriod(sql`e.ended_on`, scope)})::int as completed,
      count(*) filter (where e.status = 'ended_early' and ${dayInPeriod(sql`e.ended_on`, scope)})::int as "endedEarly"
    from programme_enrolment e join programme p on p.id = e.programme_id join family f on f.id = e.family_id
    where ${familyInScope(scope)} and ${byOrganisation(sql`e.organisation_id`, scope)}
      and (${dayInPeriod(sql`e.enrolled_on`, scope)} or ${dayInPeriod(sql`e.ended_on`, scope)})
      ${memberInGroup(scope, sql`e.person_id`, sql`e.family_id`)}
    group by grouping sets ((p.id, p.name), ())
    order by p.name nulls last`,
  );
  const values = (r: (typeof rows)[number] | undefined) => ({
    started: whole(r?.started),
    completed: whole(r?.completed),
    endedEarly: whole(r?.endedEarly),
  });
  const total = rows.find((r) => r.k === 'all');
  return {
    id: 'quantity-programmes',
    title: 'Structured programmes started and completed',
    definition: [
      'Enrolments of members of the area’s families in a structured programme (5-Step Method, CRAFT, Strengthening Families and others) by the area’s organisations.',
      'Started: enrolled in the period. Completed and ended early: the enrolment ended that way on a day in the period, whenever it started.',
      'Only programmes with a start or an end in the period are listed.',
      scopeText(scope, { service: byOrganisationText(scope), group: true }),
    ].join(' '),
    columns: [
      { key: 'started', label: 'Started', kind: 'count' },
      { key: 'completed', label: 'Completed', kind: 'count' },
      { key: 'endedEarly', label: 'Ended early', kind: 'count' },
    ],
    rows: rows
      .filter((r) => r.k !== 'all')
      .map((r) => ({ key: r.k, label: r.name ?? '', values: values(r) })),
    total: { key: 'all', label: 'All programmes', values: values(total) },
  };
}
