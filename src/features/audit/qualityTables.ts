// Quality: outcomes (the change between the first and latest progress score
// on each goal), each listing's state and what is not yet recorded, and the
// workforce trained in structured family programmes and in family-inclusive
// practice.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { outOfDate } from '../listings/listingRepository.ts';
import { familyInclusiveTopics, inDate, topicList } from '../workforce/trainingRepository.ts';
import { longDate, periodText } from './auditFilters.ts';
import {
  type AuditScope,
  auditRows,
  byOrganisation,
  byOrganisationText,
  familyInScope,
  scopeText,
  share,
  whole,
} from './auditScope.ts';
import type { AuditRow, AuditTable } from './auditTable.ts';
import { servicesCte } from './quantityProvision.ts';
import { peopleInScope } from './quantitySupport.ts';

interface OutcomeFigures {
  k: string;
  name: string | null;
  goals: number;
  improved: number;
  same: number;
  worse: number;
  firstMean: number | null;
  latestMean: number | null;
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export async function outcomesByService(db: Db, scope: AuditScope): Promise<AuditTable> {
  // With a group chosen, only goals of a member in it (a goal for the whole family has no member).
  const inGroup = scope.group
    ? sql`and exists (select 1 from in_group ig where ig.person_id = g.person_id and ig.family_id = g.family_id)`
    : sql``;
  const rows = await auditRows<OutcomeFigures>(
    db,
    sql`with ${peopleInScope(scope)},
    -- Each goal's first and latest score in one ordered pass over its scores (one sort of them all,
    -- rather than three sorts within every goal).
    ordered as (
      select pp.goal_id, row_number() over w as n, count(*) over w as scores,
        first_value(pp.score) over w as first_score, last_value(pp.score) over w as latest_score,
        last_value(r.organisation_id) over w as organisation_id, max(r.held_on) over w as last_held
      from plan_progress pp join plan_review r on r.id = pp.review_id join family f on f.id = pp.family_id
      where ${familyInScope(scope)} and r.held_on <= ${scope.to}::date
      window w as (partition by pp.goal_id order by r.held_on, r.created_at, r.id
        rows between unbounded preceding and unbounded following)
    ),
    scores as (
      select goal_id, first_score, latest_score, organisation_id from ordered
      where n = 1 and scores >= 2 and last_held >= ${scope.from}::date
    ),
    measured as (
      select s.*, o.name from scores s join plan_goal g on g.id = s.goal_id
      left join organisation o on o.id = s.organisation_id
      where ${scope.service ? sql`s.organisation_id = ${scope.service.organisationId}::uuid` : sql`true`} ${inGroup}
    )
    select case when grouping(organisation_id) = 1 then 'all' else coalesce(organisation_id::text, 'none') end as k,
      min(name) as name, count(*)::int as goals,
      count(*) filter (where latest_score > first_score)::int as improved,
      count(*) filter (where latest_score = first_score)::int as same,
      count(*) filter (where latest_score < first_score)::int as worse,
      avg(first_score)::float8 as "firstMean", avg(latest_score)::float8 as "latestMean"
    from measured group by grouping sets ((organisation_id), ())
    order by min(name) nulls last`,
  );
  const valuesOf = (r: OutcomeFigures | undefined): AuditRow['values'] => {
    const goals = whole(r?.goals);
    const improved = whole(r?.improved);
    const first = r?.firstMean ?? null;
    const latest = r?.latestMean ?? null;
    const change = first === null || latest === null ? null : latest - first;
    return {
      goals,
      improved,
      same: whole(r?.same),
      worse: whole(r?.worse),
      improvedShare: share(improved, goals),
      first: first === null ? 'none measured' : oneDecimal(first),
      latest: latest === null ? 'none measured' : oneDecimal(latest),
      change: change === null ? 'none measured' : `${change > 0 ? '+' : ''}${oneDecimal(change)}`,
    };
  };
  const total = rows.find((r) => r.k === 'all');
  return {
    id: 'quality-outcomes',
    title: 'Outcomes: progress on family plan goals, by service',
    definition: [
      'Goals in the family plans of the partnership area’s families with at least two progress scores (0, not started, to 10, achieved) recorded at plan reviews held up to the end of the period, the latest of them in the period.',
      'The change is between the goal’s first score ever and its latest score in the period: improved, no change or worse. Means are of the scores out of 10.',
      'Each goal counts for the organisation that recorded its latest review (Hearth records reviews by organisation, not by listed service).',
      scopeText(scope, {
        service: byOrganisationText(scope),
        group: true,
      }),
      scope.group ? 'With a group chosen, goals for the whole family are left out.' : '',
    ]
      .filter(Boolean)
      .join(' '),
    columns: [
      { key: 'goals', label: 'Goals measured', kind: 'count' },
      { key: 'improved', label: 'Improved', kind: 'count' },
      { key: 'same', label: 'No change', kind: 'count' },
      { key: 'worse', label: 'Worse', kind: 'count' },
      {
        key: 'improvedShare',
        label: 'Share improved',
        kind: 'percent',
        basedOn: 'improved',
        alsoBasedOn: ['goals'],
      },
      { key: 'first', label: 'Mean first score', kind: 'text', basedOn: 'goals' },
      { key: 'latest', label: 'Mean latest score', kind: 'text', basedOn: 'goals' },
      { key: 'change', label: 'Mean change', kind: 'text', basedOn: 'goals' },
    ],
    rows: rows
      .filter((r) => r.k !== 'all')
      .map((r) => ({ key: r.k, label: r.name ?? 'Organisation not recorded', values: valuesOf(r) })),
    total: { key: 'all', label: 'All services', values: valuesOf(total) },
  };
}

interface ListingFigures {
  id: string;
  name: string;
  organisationName: string;
  lastCheckedOn: string;
  outOfDate: boolean;
  problems: number;
}

export async function listingsQuality(db: Db, scope: AuditScope): Promise<AuditTable> {
  const inLocality = scope.locality
    ? sql`and s.id in (select id from svc_at where locality_id = ${scope.locality.id}::uuid)`
    : sql``;
  const rows = await queryRows<ListingFigures>(
    db,
    sql`with ${servicesCte(scope)},
    problems as (
      select p.service_id, count(*)::int as n from listing_problem p
      where p.resolved_at is null and p.service_id in (select id from svc) group by p.service_id
    )
    select s.id, s.name, o.name as "organisationName", s.last_checked_on::text as "lastCheckedOn",
      (${outOfDate}) as "outOfDate", coalesce(p.n, 0)::int as problems
    from directory_service s join organisation o on o.id = s.organisation_id
    left join problems p on p.service_id = s.id
    where s.id in (select id from svc) ${inLocality}
    order by o.name, s.name, s.id`,
  );
  const row = (r: ListingFigures): AuditRow => ({
    key: r.id,
    label: `${r.name} (${r.organisationName})`,
    values: {
      checked: longDate(r.lastCheckedOn),
      listing: r.outOfDate ? 'Out of date' : 'Up to date',
      problems: r.problems,
      selfAssessment: null,
      feedback: null,
    },
  });
  return {
    id: 'quality-services',
    title: 'Each service’s listing, and what is not yet recorded',
    definition: [
      'Active services that the partnership area’s organisations list in the directory, as they stand today.',
      'A listing is out of date when nobody has checked it for six months; open problem reports are those the public sent from Find support that are not yet resolved.',
      'Quality self-assessment scores and family feedback are not yet recorded in Hearth: each service is shown as not recorded rather than left out.',
      `${scope.service ? 'Only the chosen service.' : ''}${scope.locality ? ` Only services available in ${scope.locality.name}.` : ''}`,
    ]
      .filter((s) => s.trim())
      .join(' '),
    columns: [
      { key: 'checked', label: 'Last checked', kind: 'text' },
      { key: 'listing', label: 'Listing', kind: 'text' },
      { key: 'problems', label: 'Open problem reports', kind: 'count' },
      { key: 'selfAssessment', label: 'Quality self-assessment', kind: 'text' },
      { key: 'feedback', label: 'Family feedback', kind: 'text' },
    ],
    rows: rows.map(row),
    total: {
      key: 'all',
      label: 'All services',
      values: {
        checked: '',
        listing: '',
        problems: rows.reduce((n, r) => n + r.problems, 0),
        selfAssessment: null,
        feedback: null,
      },
    },
  };
}

interface WorkforceFigures {
  k: string;
  name: string | null;
  services: number;
  outOfDate: number;
  workers: number;
  trained: number;
  familyInclusive: number;
}

export async function workforceQuality(db: Db, scope: AuditScope): Promise<AuditTable> {
  const roles = sql`array[${sql.join(
    practiceRoles.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[]`;
  const rows = await queryRows<WorkforceFigures>(
    db,
    sql`with orgs as (
      select o.id, o.name from organisation o where ${byOrganisation(sql`o.id`, scope)}
        and o.partnership_area_id = ${scope.areaId}
    ),
    listed as (
      select s.organisation_id, count(*)::int as services,
        count(*) filter (where ${outOfDate})::int as out_of_date
      from directory_service s where s.status = 'active' and s.organisation_id in (select id from orgs)
      group by s.organisation_id
    ),
    family_inclusive as (
      select distinct w.user_id, w.organisation_id from worker_training w
      where w.withdrawn_at is null and w.topic = any(${topicList(familyInclusiveTopics)})
        and ${inDate('w', todayInUk(new Date()))}
    ),
    workers as (
      select u.organisation_id, count(*)::int as workers, count(t.user_id)::int as trained,
        count(f.user_id)::int as family_inclusive
      from app_user u left join (select distinct user_id from programme_trained_worker) t on t.user_id = u.id
      left join family_inclusive f on f.user_id = u.id and f.organisation_id = u.organisation_id
      where u.status = 'active' and u.roles && ${roles} and u.organisation_id in (select id from orgs)
      group by u.organisation_id
    ),
    joined as (
      select o.id, o.name, coalesce(l.services, 0) as services, coalesce(l.out_of_date, 0) as out_of_date,
        coalesce(w.workers, 0) as workers, coalesce(w.trained, 0) as trained,
        coalesce(w.family_inclusive, 0) as family_inclusive
      from orgs o left join listed l on l.organisation_id = o.id left join workers w on w.organisation_id = o.id
      where l.services > 0 or w.workers > 0
    )
    select case when grouping(id) = 1 then 'all' else id::text end as k, min(name) as name,
      sum(services)::int as services, sum(out_of_date)::int as "outOfDate",
      sum(workers)::int as workers, sum(trained)::int as trained,
      sum(family_inclusive)::int as "familyInclusive"
    from joined group by grouping sets ((id), ())
    order by min(name)`,
  );
  const valuesOf = (r: WorkforceFigures | undefined, organisation: boolean): AuditRow['values'] => {
    const workers = whole(r?.workers);
    const trained = whole(r?.trained);
    const familyInclusive = whole(r?.familyInclusive);
    return {
      services: whole(r?.services),
      outOfDate: whole(r?.outOfDate),
      workers,
      trained,
      trainedShare: share(trained, workers),
      familyInclusive,
      familyInclusiveShare: share(familyInclusive, workers),
      training: !organisation
        ? ''
        : workers === 0
          ? 'No practice workers in Hearth'
          : familyInclusive === 0
            ? 'None recorded'
            : 'Recorded',
    };
  };
  return {
    id: 'quality-workforce',
    title:
      'Listings kept up to date, and the workforce trained in family programmes and family-inclusive practice, by organisation',
    definition: [
      'Organisations of the partnership area that list a service in the directory or have practice workers in Hearth (active users who are practitioners, volunteers or peer workers, or team leads), as they stand today.',
      'Listings out of date: active services nobody has checked for six months.',
      'Trained in a family programme: practice workers recorded as trained to deliver at least one structured family programme (5-Step Method, CRAFT and others).',
      'Trained in family-inclusive practice: practice workers whose team lead has recorded family-inclusive practice or whole family approach training that is still in date (not past the date to refresh it by, and not withdrawn). An organisation with practice workers but none so trained is shown as “None recorded”.',
      byOrganisationText(scope),
      `Training and listings as they stand today, not over the period (${periodText(scope)}).`,
    ]
      .filter(Boolean)
      .join(' '),
    columns: [
      { key: 'services', label: 'Services listed', kind: 'count' },
      { key: 'outOfDate', label: 'Listings out of date', kind: 'count' },
      { key: 'workers', label: 'Practice workers', kind: 'count' },
      { key: 'trained', label: 'Trained in a family programme', kind: 'count' },
      {
        key: 'trainedShare',
        label: 'Share trained',
        kind: 'percent',
        basedOn: 'trained',
        alsoBasedOn: ['workers'],
      },
      { key: 'familyInclusive', label: 'Trained in family-inclusive practice', kind: 'count' },
      {
        key: 'familyInclusiveShare',
        label: 'Share trained in family-inclusive practice',
        kind: 'percent',
        basedOn: 'familyInclusive',
        alsoBasedOn: ['workers'],
      },
      { key: 'training', label: 'Family-inclusive practice training', kind: 'text' },
    ],
    rows: rows
      .filter((r) => r.k !== 'all')
      .map((r) => ({ key: r.k, label: r.name ?? '', values: valuesOf(r, true) })),
    total: {
      key: 'all',
      label: 'All organisations',
      values: valuesOf(
        rows.find((r) => r.k === 'all'),
        false,
      ),
    },
  };
}
