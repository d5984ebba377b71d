import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { longestDays, standardDays, waitingStatuses, warningDays } from '../referrals/referralStatus.ts';

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

function scopeFilter(scope: WaitScope): SQL {
  if ('partnershipAreaId' in scope)
    return sql`r.organisation_id in (select o.id from organisation o where o.partnership_area_id = ${scope.partnershipAreaId})`;
  if (scope.serviceId)
    return sql`r.service_id = ${scope.serviceId} and r.organisation_id = ${scope.organisationId}`;
  return sql`r.organisation_id = ${scope.organisationId}`;
}

/**
 * Figures for each quarter from `fromQuarter` (its first day) on, in one
 * statement; by service too when `byService` (grouping sets: each service,
 * and the whole scope, whose median is worked out over all its referrals).
 */
export async function quarterFigures(
  db: Db,
  scope: WaitScope,
  fromQuarter: string,
  today: string,
  byService = false,
): Promise<QuarterFigures[]> {
  const grouping = byService ? sql`grouping sets ((quarter, r.service_id), (quarter))` : sql`quarter`;
  const service = byService ? sql`r.service_id` : sql`null::uuid`;
  return queryRows<QuarterFigures>(
    db,
    sql`with r as (
      select r.service_id,
        to_char(date_trunc('quarter', ${sentOn}), 'YYYY-MM-DD') as quarter,
        r.first_support_on is not null as started,
        r.first_support_on is null and r.status in (${waitingList}) as waiting,
        case when r.first_support_on is not null then greatest(0, r.first_support_on - ${sentOn})
          when r.status in (${waitingList}) then greatest(0, ${today}::date - ${sentOn}) end as wait
      from referral r
      where r.sent_at >= (${fromQuarter}::date::timestamp at time zone 'Europe/London') and ${scopeFilter(scope)}
    )
    select quarter, ${service} as "serviceId",
      count(*)::int as received,
      count(*) filter (where started)::int as started,
      count(*) filter (where started and wait <= ${standardDays})::int as "within3Weeks",
      count(*) filter (where wait > ${longestDays})::int as "over6Weeks",
      (percentile_cont(0.5) within group (order by wait) filter (where started))::float8 as "medianDays",
      max(wait) filter (where waiting) as "longestWaitingDays"
    from r
    group by ${grouping}
    order by quarter desc`,
  );
}

/** Referrals waiting now, counted by their flag (nearly and over 3 and 6 weeks); by service too when asked. */
export async function waitingNow(
  db: Db,
  scope: WaitScope,
  today: string,
  byService = false,
): Promise<WaitingNow[]> {
  const band = (low: number, high: number | undefined) =>
    high === undefined
      ? sql`count(*) filter (where wait > ${low})::int`
      : sql`count(*) filter (where wait > ${low} and wait <= ${high})::int`;
  return queryRows<WaitingNow>(
    db,
    sql`with r as (
      select r.service_id, ${today}::date - ${sentOn} as wait
      from referral r
      where r.status in (${waitingList}) and r.first_support_on is null and r.sent_at is not null
        and ${scopeFilter(scope)}
    )
    select ${byService ? sql`r.service_id` : sql`null::uuid`} as "serviceId",
      ${band(standardDays - warningDays, standardDays)} as "nearly3Weeks",
      ${band(standardDays, longestDays - warningDays)} as "over3Weeks",
      ${band(longestDays - warningDays, longestDays)} as "nearly6Weeks",
      ${band(longestDays, undefined)} as "over6Weeks"
    from r
    ${byService ? sql`group by rollup (r.service_id)` : sql``}`,
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
    sql`select count(*) filter (where ${today}::date - ${sentOn} > ${standardDays})::int as "over3Weeks",
      count(*) filter (where ${today}::date - ${sentOn} > ${longestDays})::int as "over6Weeks"
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
