import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { longestDays, standardDays, waitingStatuses, warningDays } from '../referrals/referralStatus.ts';
import { type DayRange, type WaitSources, waitSources } from './waitSources.ts';

/**
 * Waiting-time figures, counted in SQL: counts only, never names. A wait is
 * the days from the UK date a referral was sent to its first support
 * contact or, while still waiting (new, waiting, accepted), to today.
 */

/** Whose referrals: one service, an organisation's services, or every organisation in a partnership area. */
export type WaitScope =
  | { organisationId: string; serviceId?: string | undefined }
  | { partnershipAreaId: string };

export interface QuarterFigures {
  /** First day of the quarter, yyyy-mm-dd. */
  quarter: string;
  /** The service, for figures by service; null on the whole scope's row. */
  serviceId: string | null;
  received: number;
  started: number;
  /** Started within 3 weeks (21 days or fewer). */
  within3Weeks: number;
  /** Waited, or have been waiting, more than 6 weeks. */
  over6Weeks: number;
  /** Median days to support, of those started; null when none started. */
  medianDays: number | null;
  /** The longest wait so far of those still waiting; null when nobody is. */
  longestWaitingDays: number | null;
}

export interface WaitingNow {
  serviceId: string | null;
  nearly3Weeks: number;
  over3Weeks: number;
  nearly6Weeks: number;
  over6Weeks: number;
}

const waitingList = sql.join(
  waitingStatuses.map((s) => sql`${s}`),
  sql`, `,
);
const sentOn = sql`(r.sent_at at time zone 'Europe/London')::date`;
const ukStart = (day: string) => sql`(${day}::date::timestamp at time zone 'Europe/London')`;

/**
 * A referral sent before this instant has waited more than `days` by today: the UK midnight
 * starting the day `days` before today. Comparing instants spares converting every row's time zone.
 */
function waitedMoreThan(today: string, days: number): SQL {
  return sql`((${today}::date - ${days}::int)::timestamp at time zone 'Europe/London')`;
}

function scopeFilter(scope: WaitScope): SQL {
  if ('partnershipAreaId' in scope)
    return sql`r.organisation_id in (select o.id from organisation o where o.partnership_area_id = ${scope.partnershipAreaId})`;
  if (scope.serviceId)
    return sql`r.service_id = ${scope.serviceId} and r.organisation_id = ${scope.organisationId}`;
  return sql`r.organisation_id = ${scope.organisationId}`;
}

/**
 * Figures for each of the periods from each of `quarterStarts` (first days, consecutive) to the next,
 * the last one open-ended, in one statement; by service too when `byService` (grouping sets: each
 * service, and the whole scope, whose median is worked out over all its referrals). Whole quarters
 * are read from the waiting-time histograms that triggers keep (`referral_wait_count`, migration
 * 0025); the days of a period outside whole quarters from the referrals themselves (waitSources.ts).
 */
export async function quarterFigures(
  db: Db,
  scope: WaitScope,
  quarterStarts: readonly string[],
  today: string,
  byService = false,
): Promise<QuarterFigures[]> {
  return periodFigures(db, scope, quarterStarts, today, byService, 'histogram');
}

/**
 * The figures from either source: `histogram` reads whole quarters from the histograms and only the
 * odd days from the referrals; `scan` reads every referral in the periods (and is what the
 * histograms must agree with: a test checks they do).
 */
export async function periodFigures(
  db: Db,
  scope: WaitScope,
  quarterStarts: readonly string[],
  today: string,
  byService: boolean,
  source: 'histogram' | 'scan',
): Promise<QuarterFigures[]> {
  const starts = [...quarterStarts].sort().reverse();
  const fromQuarter = starts.at(-1) ?? today;
  const sources: WaitSources =
    source === 'histogram'
      ? waitSources([...starts].reverse(), today)
      : { histogram: [], scan: [{ from: fromQuarter, until: undefined }] };
  const totals = byService ? sql`grouping sets ((quarter, service_id), (quarter))` : sql`quarter, service_id`;
  const waits = byService
    ? sql`grouping sets ((quarter, service_id, wait), (quarter, wait))`
    : sql`quarter, service_id, wait`;
  // The referrals counted by period, service, kind and wait (h): then the figures, and the median
  // read from those counts: the middle wait, or the mean of the two middle ones, exactly as
  // percentile_cont(0.5) gives over the rows themselves (a test checks they agree).
  const counted = sql.join(
    [
      ...(sources.histogram.length
        ? [histogramCounts(scope, starts, sources.histogram, today, byService)]
        : []),
      ...(sources.scan.length ? [scanCounts(scope, starts, sources.scan, today, byService)] : []),
    ],
    sql` union all `,
  );
  return queryRows<QuarterFigures>(
    db,
    sql`with h as (${counted}),
    f as (
      select quarter, service_id,
        sum(n)::int as received,
        coalesce(sum(n) filter (where started), 0)::int as started,
        coalesce(sum(n) filter (where started and wait <= ${standardDays}), 0)::int as within,
        coalesce(sum(n) filter (where wait > ${longestDays}), 0)::int as over,
        max(wait) filter (where waiting) as longest
      from h group by ${totals}
    ),
    s as (select quarter, service_id, wait, sum(n)::int as n from h where started group by ${waits}),
    c as (
      select quarter, service_id, wait,
        (sum(n) over (partition by quarter, service_id order by wait))::int as below,
        (sum(n) over (partition by quarter, service_id))::int as total
      from s
    ),
    m as (
      select quarter, service_id,
        (min(wait) filter (where below >= (total + 1) / 2) + min(wait) filter (where below >= total / 2 + 1)) / 2.0
          as median
      from c group by quarter, service_id
    )
    select f.quarter::text as quarter, f.service_id as "serviceId", f.received, f.started, f.within as "within3Weeks",
      f.over as "over6Weeks", m.median::float8 as "medianDays", f.longest as "longestWaitingDays"
    from f left join m on m.quarter = f.quarter and m.service_id is not distinct from f.service_id
    order by f.quarter desc`,
  );
}

/** The period a day falls in: the latest start on or before it (`starts` newest first). */
function periodOf(starts: string[], value: SQL): SQL {
  return sql`case ${sql.join(
    starts.map((day) => sql`when ${value} >= ${day}::date then ${day}::date`),
    sql` `,
  )} end`;
}

/** Counts from every referral sent in the periods. */
function scanCounts(
  scope: WaitScope,
  starts: string[],
  ranges: DayRange[],
  today: string,
  byService: boolean,
) {
  // Each referral's period by comparing its instant with each period's first moment in the UK:
  // cheaper over a million rows than converting every row's time zone to truncate it.
  const inRanges = sql.join(
    ranges.map(
      (r) =>
        sql`(r.sent_at >= ${ukStart(r.from)}${r.until === undefined ? sql`` : sql` and r.sent_at < ${ukStart(r.until)}`})`,
    ),
    sql` or `,
  );
  const quarterOf = sql`case ${sql.join(
    starts.map((day) => sql`when r.sent_at >= ${ukStart(day)} then ${day}::date`),
    sql` `,
  )} end`;
  return sql`select quarter, service_id, started, waiting, wait, count(*)::int as n from (
      select ${byService ? sql`r.service_id` : sql`null::uuid`} as service_id, ${quarterOf} as quarter,
        r.first_support_on is not null as started,
        r.first_support_on is null and r.status in (${waitingList}) as waiting,
        case when r.first_support_on is not null then greatest(0, r.first_support_on - ${sentOn})
          when r.status in (${waitingList}) then greatest(0, ${today}::date - ${sentOn}) end as wait
      from referral r
      where (${inRanges}) and ${scopeFilter(scope)}
    ) r group by quarter, service_id, started, waiting, wait`;
}

/**
 * Counts from the histograms: a few rows a service and quarter, not one a referral. Each histogram
 * row is passed on as it is, with its period as a date: the figures sum them, so merging the rows of
 * a period first (and sorting them by a text key to do it) would only cost time.
 */
function histogramCounts(
  scope: WaitScope,
  starts: string[],
  ranges: DayRange[],
  today: string,
  byService: boolean,
) {
  const inRanges = sql.join(
    ranges.map(
      (r) =>
        sql`(h.quarter >= ${r.from}::date${r.until === undefined ? sql`` : sql` and h.quarter < ${r.until}::date`})`,
    ),
    sql` or `,
  );
  return sql`select ${periodOf(starts, sql`h.quarter`)} as quarter,
      ${byService ? sql`h.service_id` : sql`null::uuid`} as service_id,
      h.kind = 'started' as started, h.kind = 'waiting' as waiting,
      case h.kind when 'started' then h.days when 'waiting' then greatest(0, ${today}::date - (h.quarter + h.days)) end as wait,
      h.n
    from referral_wait_count h
    where (${inRanges}) and ${histogramScope(scope)}`;
}

function histogramScope(scope: WaitScope): SQL {
  if ('partnershipAreaId' in scope)
    return sql`h.organisation_id in (select o.id from organisation o where o.partnership_area_id = ${scope.partnershipAreaId})`;
  if (scope.serviceId)
    return sql`h.organisation_id = ${scope.organisationId} and h.service_id = ${scope.serviceId}`;
  return sql`h.organisation_id = ${scope.organisationId}`;
}

/**
 * Referrals waiting now, counted by their flag (nearly and over 3 and 6 weeks); by service too
 * when asked. Read from the histograms' waiting rows, each of which knows the day its referrals were sent.
 */
export async function waitingNow(
  db: Db,
  scope: WaitScope,
  today: string,
  byService = false,
): Promise<WaitingNow[]> {
  const wait = sql`(${today}::date - (h.quarter + h.days))`;
  const band = (low: number, high: number | undefined) =>
    high === undefined
      ? sql`coalesce(sum(h.n) filter (where ${wait} > ${low}), 0)::int`
      : sql`coalesce(sum(h.n) filter (where ${wait} > ${low} and ${wait} <= ${high}), 0)::int`;
  return queryRows<WaitingNow>(
    db,
    sql`select ${byService ? sql`h.service_id` : sql`null::uuid`} as "serviceId",
      ${band(standardDays - warningDays, standardDays)} as "nearly3Weeks",
      ${band(standardDays, longestDays - warningDays)} as "over3Weeks",
      ${band(longestDays - warningDays, longestDays)} as "nearly6Weeks",
      ${band(longestDays, undefined)} as "over6Weeks"
    from referral_wait_count h
    where h.kind = 'waiting' and ${histogramScope(scope)}
    ${byService ? sql`group by rollup (h.service_id)` : sql``}`,
  );
}

/** For a team lead's home page: their organisation's referrals waiting over 3 weeks, and over 6. */
export async function longWaits(
  db: Db,
  organisationId: string,
  today: string,
): Promise<{ over3Weeks: number; over6Weeks: number }> {
  const [row] = await queryRows<{ over3Weeks: number; over6Weeks: number }>(
    db,
    sql`select count(*) filter (where r.sent_at < ${waitedMoreThan(today, standardDays)})::int as "over3Weeks",
      count(*) filter (where r.sent_at < ${waitedMoreThan(today, longestDays)})::int as "over6Weeks"
    from referral r
    where r.organisation_id = ${organisationId} and r.status in (${waitingList})
      and r.first_support_on is null and r.sent_at is not null`,
  );
  return row ?? { over3Weeks: 0, over6Weeks: 0 };
}

/** The services of an organisation, to choose from. */
export async function organisationServices(db: Db, organisationId: string) {
  return queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from directory_service where organisation_id = ${organisationId} order by name`,
  );
}

/** The services and their organisations, by id, for naming rows of figures. */
export async function serviceNames(db: Db, serviceIds: string[]) {
  if (serviceIds.length === 0) return [];
  return queryRows<{ id: string; name: string; organisationName: string }>(
    db,
    sql`select s.id, s.name, o.name as "organisationName"
    from directory_service s join organisation o on o.id = s.organisation_id
    where s.id in (${sql.join(
      serviceIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}
