// What one build of the audit covers, resolved once: the partnership area of
// the asking lead, its localities, the chosen service and group, and the
// current SIMD edition; with the SQL pieces every measure shares.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { refreshAuditFacts } from './auditFacts.ts';
import { periodText } from './auditFilters.ts';
import { type AuditGroup, auditGroupByCode } from './auditGroups.ts';
import type { AuditRow } from './auditTable.ts';
import type { AuditFilters } from './auditView.ts';

export interface AuditService {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

export interface AuditScope {
  areaId: string;
  councilArea: string;
  /** First and last day of the period; `until` is the day after the last. */
  from: string;
  to: string;
  until: string;
  today: string;
  /** Every locality of the area, by name. */
  localities: { id: string; name: string }[];
  locality?: { id: string; name: string } | undefined;
  service?: AuditService | undefined;
  group?: AuditGroup | undefined;
  simd?: { id: string; name: string } | undefined;
}

/** Only a partnership lead with an area reads the audit; anyone else is refused. */
export function auditAreaOf(access: AccessContext): string {
  if (!hasRole(access, 'partnership_lead') || !access.partnershipAreaId) throw new ForbiddenError();
  return access.partnershipAreaId;
}

/** Resolves the filters for the lead's area. A locality or service outside it is not found. */
export async function resolveScope(
  db: Db,
  access: AccessContext,
  filters: AuditFilters,
): Promise<AuditScope> {
  const areaId = auditAreaOf(access);
  // The pre-aggregates the views count from are brought up to date first (auditFacts.ts).
  await refreshAuditFacts(db);
  const [area] = await queryRows<{ councilArea: string; simdId: string | null; simdName: string | null }>(
    db,
    sql`select a.council_area as "councilArea", e.id as "simdId", e.name as "simdName"
      from partnership_area a left join simd_edition e on e.is_current where a.id = ${areaId}`,
  );
  if (!area) throw new NotFoundError();
  const localities = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from locality where partnership_area_id = ${areaId} order by name, id`,
  );
  const locality = filters.localityId ? localities.find((l) => l.id === filters.localityId) : undefined;
  if (filters.localityId && !locality) throw new NotFoundError();
  let service: AuditService | undefined;
  if (filters.serviceId) {
    [service] = await queryRows<AuditService>(
      db,
      sql`select s.id, s.name, o.id as "organisationId", o.name as "organisationName"
        from directory_service s join organisation o on o.id = s.organisation_id
        where s.id = ${filters.serviceId} and o.partnership_area_id = ${areaId}`,
    );
    if (!service) throw new NotFoundError();
  }
  const group = filters.group ? auditGroupByCode(filters.group) : undefined;
  if (filters.group && !group) throw new NotFoundError();
  return {
    areaId,
    councilArea: area.councilArea,
    from: filters.from,
    to: filters.to,
    until: addDays(filters.to, 1),
    today: todayInUk(new Date()),
    localities,
    locality,
    service,
    group,
    simd: area.simdId && area.simdName ? { id: area.simdId, name: area.simdName } : undefined,
  };
}

/**
 * Runs one of the audit's counting statements. They read most of an area's
 * rows through common table expressions whose sizes the planner cannot see (it
 * guesses a few thousand rows where there are hundreds of thousands), so left
 * alone it picks a nested loop of one index lookup per row, sorts and hashes
 * that spill to disk, and just-in-time compilation that costs more than it
 * saves. In the statement's own read-only transaction, and only there: hash
 * joins, memory enough for the hashes, no JIT (bench/RESULTS.md, issue #8).
 */
export function auditRows<T>(db: Db, query: SQL, options: { hashOnly?: boolean } = {}): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_nestloop', 'off', true), set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`,
    );
    // A grouping by several worked-out columns is estimated at far more groups than it makes,
    // and sorted for it, and a join may walk two indexes in step row by row: a statement that
    // reads most of its tables asks for hashing instead.
    if (options.hashOnly)
      await tx.execute(
        sql`select set_config('enable_sort', 'off', true), set_config('enable_mergejoin', 'off', true)`,
      );
    return queryRows<T>(tx, query);
  });
}

/** The first moment of a UK day, as an instant. */
export function ukStart(day: string): SQL {
  return sql`(${day}::date::timestamp at time zone 'Europe/London')`;
}

/** An instant within the period, by the UK day it fell on. */
export function instantInPeriod(column: SQL, scope: AuditScope): SQL {
  return sql`${column} >= ${ukStart(scope.from)} and ${column} < ${ukStart(scope.until)}`;
}

/** A date within the period. */
export function dayInPeriod(column: SQL, scope: AuditScope): SQL {
  return sql`${column} between ${scope.from}::date and ${scope.to}::date`;
}

/** The organisations whose work counts: the area's, or only the one running the chosen service. */
export function byOrganisation(column: SQL, scope: AuditScope): SQL {
  if (scope.service) return sql`${column} = ${scope.service.organisationId}::uuid`;
  return sql`${column} in (select o.id from organisation o where o.partnership_area_id = ${scope.areaId})`;
}

/** A family of the area, in the chosen locality if there is one (`f` is the family). */
export function familyInScope(scope: AuditScope): SQL {
  const inLocality = scope.locality ? sql` and f.locality_id = ${scope.locality.id}::uuid` : sql``;
  return sql`f.partnership_area_id = ${scope.areaId}${inLocality}`;
}

/** A row key by locality, under grouping sets: 'all' for the whole area, 'none' for no locality. */
export function localityKey(column: SQL): SQL {
  return sql`case when grouping(${column}) = 1 then 'all' else coalesce(${column}::text, 'none') end`;
}

/**
 * One row for each locality (only the chosen one, when there is), one for
 * families with no locality recorded, and the whole area as the total, from
 * figures keyed by `localityKey`.
 */
export function localityRows(
  scope: AuditScope,
  figures: Map<string, Record<string, number | string | null>>,
  empty: Record<string, number | string | null>,
): { rows: AuditRow[]; total: AuditRow } {
  const row = (key: string, label: string): AuditRow => ({
    key,
    label,
    values: { ...empty, ...figures.get(key) },
  });
  const places = scope.locality ? [scope.locality] : scope.localities;
  const rows = places.map((l) => row(l.id, l.name));
  if (!scope.locality) rows.push(row('none', 'Locality not recorded'));
  return { rows, total: row('all', scope.locality ? scope.locality.name : 'Whole area') };
}

/** The period and filters in words, for the end of a definition. */
export function scopeText(scope: AuditScope, options: { service?: string; group?: boolean } = {}): string {
  const parts = [`Period: ${periodText(scope)}.`];
  if (scope.locality) parts.push(`Only families in ${scope.locality.name}.`);
  if (scope.service && options.service) parts.push(options.service);
  if (scope.group && options.group) parts.push(`Only people in the group “${scope.group.label}”.`);
  return parts.join(' ');
}

/** What choosing a service means for figures Hearth records by organisation, not by listed service. */
export function byOrganisationText(scope: AuditScope): string {
  if (!scope.service) return '';
  return `Only the work of ${scope.service.organisationName}, which runs ${scope.service.name}: Hearth records this by organisation, not by listed service.`;
}

/** A count as a whole number from the database (sums come back as text). */
export function whole(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A share as a percentage, cut (not rounded) to one decimal place; "none" when there is nothing to share. */
export function share(part: number, of: number): number | string {
  if (of === 0) return 'none';
  return Math.floor((part / of) * 1000) / 10;
}
