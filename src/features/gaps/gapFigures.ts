// The figures the gap analysis sets side by side, counted in SQL for a
// partnership area over a period: need estimates, family members supported,
// the directory's services in each locality, and long waits. Counts only,
// raw: the views suppress small ones.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import type { AuditFilters } from '../audit/auditView.ts';
import { substanceUse } from '../needs/needMeasures.ts';
import { longestDays, waitingStatuses } from '../referrals/referralStatus.ts';
import { gapGroups } from './gapDefinitions.ts';
import { supportedCounts } from './gapPeople.ts';
import { type DirectoryService, directoryServices } from './gapServices.ts';

export interface EstimateUsed {
  estimate: number;
  /** For problem substance use. */
  familyMultiplier: number | null;
  forYear: number;
  source: string;
}

export interface PlaceFigures {
  /** A locality's id; null for the whole area. */
  id: string | null;
  name: string;
  substanceUse: EstimateUsed | null;
  /** Family members affected: the estimate of problem substance use times its multiplier. */
  affected: number | null;
  supported: number;
  longWaits: number;
}

export interface GroupFigures {
  code: string;
  reached: number;
  estimate: EstimateUsed | null;
  /** Active services of the area's organisations for this group, available where the figures are for. */
  services: number;
}

export interface WaitFigures {
  serviceId: string;
  name: string;
  organisationName: string;
  received: number;
  over6Weeks: number;
}

export interface GapFigures {
  filters: AuditFilters;
  /** The whole area, whatever the filter: localities are set against it. */
  area: PlaceFigures;
  /** Every locality of the area; the filter's alone is `scope`. */
  localities: PlaceFigures[];
  /** What the groups and waits are for: the whole area, or the filter's locality. */
  scope: PlaceFigures;
  groups: GroupFigures[];
  /** Parents supported (mothers and fathers) in the scope, for the fathers' share. */
  parents: number;
  services: DirectoryService[];
  /** Referrals to each service in the scope with any sent in the period. */
  waits: WaitFigures[];
  waitsTotal: { received: number; over6Weeks: number };
}

/** The area of a partnership lead's access; anyone else is refused. */
export function leadArea(access: AccessContext): string {
  if (!hasRole(access, 'partnership_lead') || !access.partnershipAreaId) throw new ForbiddenError();
  return access.partnershipAreaId;
}

const ukStart = (day: string) => sql`(${day}::date::timestamp at time zone 'Europe/London')`;
const ukEnd = (day: string) => sql`((${day}::date + 1)::timestamp at time zone 'Europe/London')`;

/**
 * Referrals sent in the period that waited, or have been waiting, more than
 * 6 weeks: by service, by locality (the family's), by both, and in all.
 */
async function waitCounts(db: Db, areaId: string, filters: AuditFilters, today: string) {
  const sentOn = sql`(r.sent_at at time zone 'Europe/London')::date`;
  const end = filters.to < today ? filters.to : today;
  const waitingList = sql.join(
    waitingStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  return queryRows<{
    serviceId: string | null;
    localityId: string | null;
    bySer: boolean;
    byPlace: boolean;
    received: number;
    over: number;
  }>(
    db,
    sql`with w as (
        select r.service_id, coalesce(rf.locality_id, ff.locality_id) as locality_id,
          case when r.first_support_on is not null then r.first_support_on - ${sentOn}
            when r.status in (${waitingList}) then ${end}::date - ${sentOn} end as wait
        from referral r
        join organisation o on o.id = r.organisation_id and o.partnership_area_id = ${areaId}
        left join family rf on rf.id = r.receiving_family_id
        left join family ff on ff.id = r.family_id
        where r.sent_at >= ${ukStart(filters.from)} and r.sent_at < ${ukEnd(filters.to)}
          ${filters.serviceId ? sql`and r.service_id = ${filters.serviceId}` : sql``}
      )
      select service_id as "serviceId", locality_id as "localityId",
        grouping(service_id) = 0 as "bySer", grouping(locality_id) = 0 as "byPlace",
        count(*)::int as received, count(*) filter (where wait > ${longestDays})::int as over
      from w group by grouping sets ((service_id), (locality_id), (service_id, locality_id), ())`,
  );
}

/** The latest estimate of each measure and place for a year up to the period's end. */
async function latestEstimates(db: Db, areaId: string, year: number) {
  return queryRows<EstimateUsed & { localityId: string | null; measure: string }>(
    db,
    sql`select distinct on (locality_id, measure) locality_id as "localityId", measure, estimate,
        family_multiplier::float8 as "familyMultiplier", for_year as "forYear", source
      from need_estimate where partnership_area_id = ${areaId} and for_year <= ${year}
      order by locality_id, measure, for_year desc`,
  );
}

/** The whole area's estimate of a measure: its own, or the localities' added up. */
export function areaEstimate(
  estimates: readonly (EstimateUsed & { localityId: string | null; measure: string })[],
  measure: string,
  localityId: string | null,
): EstimateUsed | null {
  const own = estimates.find((e) => e.measure === measure && e.localityId === localityId);
  if (own || localityId) return own ?? null;
  const parts = estimates.filter((e) => e.measure === measure && e.localityId !== null);
  if (!parts.length) return null;
  const estimate = parts.reduce((sum, e) => sum + e.estimate, 0);
  // One multiplier for the sum: the affected family members added up, over the people.
  const affected = parts.reduce((sum, e) => sum + e.estimate * (e.familyMultiplier ?? 0), 0);
  return {
    estimate,
    familyMultiplier: measure === substanceUse && estimate > 0 ? affected / estimate : null,
    forYear: Math.max(...parts.map((e) => e.forYear)),
    source: 'the localities’ estimates added up',
  };
}

const affectedBy = (e: EstimateUsed | null) =>
  e && e.familyMultiplier !== null ? Math.round(e.estimate * e.familyMultiplier) : null;

/** Every figure the gaps view needs, for the lead's area and the filters. */
export async function gapFigures(
  db: Db,
  access: AccessContext,
  filters: AuditFilters,
  today: string,
): Promise<GapFigures> {
  const areaId = leadArea(access);
  const localities = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from locality where partnership_area_id = ${areaId} order by name`,
  );
  const scopeId = filters.localityId ?? null;
  if (scopeId && !localities.some((l) => l.id === scopeId)) throw new NotFoundError();
  const estimates = await latestEstimates(db, areaId, Number(filters.to.slice(0, 4)));
  const supported = await supportedCounts(db, areaId, filters);
  const waits = await waitCounts(db, areaId, filters, today);
  const services = await directoryServices(db, areaId);

  const counted = (id: string | null) =>
    supported.find((r) => (id === null ? r.total : !r.total && r.localityId === id));
  const waited = (id: string | null) =>
    waits.find((w) => !w.bySer && (id === null ? !w.byPlace : w.byPlace && w.localityId === id));
  const place = (id: string | null, name: string): PlaceFigures => {
    const estimate = areaEstimate(estimates, substanceUse, id);
    return {
      id,
      name,
      substanceUse: estimate,
      affected: affectedBy(estimate),
      supported: counted(id)?.supported ?? 0,
      longWaits: waited(id)?.over ?? 0,
    };
  };
  const area = place(null, 'Whole area');
  const places = localities.map((l) => place(l.id, l.name));
  const scope = places.find((p) => p.id === scopeId) ?? area;
  const inScope = counted(scopeId);
  const available = services.filter((s) => (scopeId ? s.availableIn(scopeId) : s.active && s.familySupport));
  const total = waited(scopeId);
  return {
    filters,
    area,
    localities: places,
    scope,
    groups: gapGroups.map((g) => ({
      code: g.code,
      reached: Number(inScope?.[g.code] ?? 0),
      estimate: g.measure ? areaEstimate(estimates, g.measure, scopeId) : null,
      services: available.filter((s) => s.forGroup(g)).length,
    })),
    parents: inScope?.parents ?? 0,
    services,
    waits: waits
      .filter((w) => w.bySer && w.serviceId && (scopeId ? w.byPlace && w.localityId === scopeId : !w.byPlace))
      .map((w) => {
        const service = services.find((s) => s.id === w.serviceId);
        return {
          serviceId: w.serviceId as string,
          name: service?.name ?? 'A service no longer listed',
          organisationName: service?.organisationName ?? '',
          received: w.received,
          over6Weeks: w.over,
        };
      })
      .sort((a, b) => b.over6Weeks - a.over6Weeks || a.name.localeCompare(b.name)),
    waitsTotal: { received: total?.received ?? 0, over6Weeks: total?.over ?? 0 },
  };
}
