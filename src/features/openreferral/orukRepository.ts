// The directory as Open Referral UK reads it: open data about services, so
// no access filter and no audit (nothing here is personal). Each page costs
// a fixed number of statements: one for the page, then one per related
// table for all of the page's services at once (`= any($ids)`).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { preparedQuery } from '../../db/preparedQuery.ts';
import type { ServiceColumns } from '../directory/serviceColumns.ts';
import type { PlaceFilters, ServiceFilters } from './orukQuery.ts';
import type { Paging } from './paging.ts';
import { offsetOf } from './paging.ts';
import type { PostcodeQuery } from './postcodes.ts';

export interface ServiceRow extends ServiceColumns {
  organisation_kind: string;
  status: 'active' | 'inactive';
  last_modified: string;
  referral_takes: string | null;
  referral_needs: string | null;
  referral_excludes: string | null;
  referral_email: string | null;
}

export interface PhoneRow {
  id: string;
  service_id: string;
  number: string;
  description: string | null;
}

export interface AreaRow {
  id: string;
  service_id: string;
  scope: string;
  partnership_area_id: string | null;
  locality_id: string | null;
  council_area: string | null;
  area_name: string | null;
}

export interface LocationRow {
  id: string;
  organisation_id: string;
  name: string;
  address_1: string;
  address_2: string | null;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  locality_id: string | null;
  accessibility: string | null;
}

export interface ServiceAtLocationRow extends LocationRow {
  service_at_location_id: string;
  service_id: string;
}

export interface ScheduleRow {
  id: string;
  service_id: string;
  location_id: string | null;
  weekday: number;
  opens_at: string;
  closes_at: string;
  description: string | null;
}

/** A service and everything that hangs off it. */
export interface ServiceBundle {
  service: ServiceRow;
  phones: PhoneRow[];
  areas: AreaRow[];
  locations: ServiceAtLocationRow[];
  schedules: ScheduleRow[];
}

export const serviceColumns =
  sql.raw(`s.id, s.organisation_id, o.name as organisation_name, o.kind as organisation_kind,
  s.name, s.summary, s.description, s.url, s.email, s.status, s.audiences, s.minimum_age, s.maximum_age,
  s.support_kinds, s.programmes, s.delivery, s.delivered_by, s.languages, s.accessibility, s.free, s.cost_note,
  s.referral_routes, s.how_to_get_in, s.self_referral, s.what_happens_next, s.capacity_note, s.wait_weeks,
  s.wait_updated_on::text as wait_updated_on, s.last_checked_on::text as last_checked_on,
  s.referral_takes, s.referral_needs, s.referral_excludes, s.referral_email,
  to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_modified`);

const termColumns: Record<string, string> = {
  audiences: 's.audiences',
  supportKinds: 's.support_kinds',
  programmes: 's.programmes',
  delivery: 's.delivery',
  deliveredBy: 's.delivered_by',
  referralRoutes: 's.referral_routes',
};

/**
 * The service filters as SQL over `s`: only those given, so each set of
 * filters is its own statement (prepared once, planned for what it asks)
 * and the plain list reads the name index alone.
 */
function serviceWhere(filters: ServiceFilters): SQL {
  const conditions: SQL[] = [sql`s.status = 'active'`];
  if (filters.search !== null)
    conditions.push(
      sql`(strpos(lower(s.name), ${filters.search}::text) > 0 or strpos(lower(s.description), ${filters.search}::text) > 0)`,
    );
  const termColumn = filters.termKey === null ? undefined : termColumns[filters.termKey];
  if (filters.termKey !== null)
    conditions.push(termColumn ? sql`${filters.termCode}::text = any(${sql.raw(termColumn)})` : sql`false`);
  const taxonomyColumn = filters.taxonomyKey === null ? undefined : termColumns[filters.taxonomyKey];
  if (filters.taxonomyKey !== null)
    conditions.push(taxonomyColumn ? sql`cardinality(${sql.raw(taxonomyColumn)}) > 0` : sql`false`);
  if (filters.minimumAge !== null) conditions.push(sql`s.minimum_age >= ${filters.minimumAge}::numeric`);
  if (filters.maximumAge !== null) conditions.push(sql`s.maximum_age <= ${filters.maximumAge}::numeric`);
  return sql.join(conditions, sql` and `);
}

type Counted<T> = T & { total_items: string };

/** A page of active services matching the filters, and how many match in all. */
export async function findServices(db: Db, filters: ServiceFilters, paging: Paging) {
  const where = serviceWhere(filters);
  // The page's ids and the count first, over narrow rows (the name index), then the page's whole rows.
  const rows = await queryRows<Counted<ServiceRow>>(
    db,
    sql`with page as (
      select s.id, count(*) over () as total_items from directory_service s where ${where}
      order by s.name, s.id limit ${paging.perPage} offset ${offsetOf(paging)})
    select ${serviceColumns}, page.total_items
    from page join directory_service s on s.id = page.id join organisation o on o.id = s.organisation_id
    order by s.name, s.id`,
  );
  const total = rows[0]
    ? Number(rows[0].total_items)
    : Number(
        (
          await queryRows<{ n: string }>(
            db,
            sql`select count(*) as n from directory_service s where ${where}`,
          )
        )[0]?.n ?? 0,
      );
  return { rows: rows as ServiceRow[], total };
}

const servicesByIdQuery = preparedQuery<{ ids: string[] }, ServiceRow>(
  (v) => sql`select ${serviceColumns}
    from directory_service s join organisation o on o.id = s.organisation_id
    where s.id = any(${v.ids}::uuid[]) order by s.name, s.id`,
);

const allServiceIdsQuery = preparedQuery<Record<string, never>, { id: string }>(
  () => sql`select id from directory_service order by name, id`,
);

const phonesQuery = preparedQuery<{ ids: string[] }, PhoneRow>(
  (v) => sql`select id, service_id, number, description from directory_phone
    where service_id = any(${v.ids}::uuid[]) order by service_id, position, id`,
);

const areasQuery = preparedQuery<{ ids: string[] }, AreaRow>(
  (v) => sql`select a.id, a.service_id, a.scope, a.partnership_area_id, a.locality_id, a.council_area,
      coalesce(p.name, l.name, a.council_area) as area_name
    from directory_service_area a
    left join partnership_area p on p.id = a.partnership_area_id
    left join locality l on l.id = a.locality_id
    where a.service_id = any(${v.ids}::uuid[]) order by a.service_id, a.scope, area_name, a.id`,
);

const locationColumns =
  sql.raw(`l.id, l.organisation_id, l.name, l.address_1, l.address_2, l.city, l.postcode,
  l.latitude, l.longitude, l.locality_id, l.accessibility`);

const locationsQuery = preparedQuery<{ ids: string[] }, ServiceAtLocationRow>(
  (v) => sql`select sal.id as service_at_location_id, sal.service_id, ${locationColumns}
    from directory_service_at_location sal join directory_location l on l.id = sal.location_id
    where sal.service_id = any(${v.ids}::uuid[]) order by sal.service_id, l.name, l.id`,
);

const schedulesQuery = preparedQuery<{ ids: string[] }, ScheduleRow>(
  (v) => sql`select id, service_id, location_id, weekday, to_char(opens_at, 'HH24:MI') as opens_at,
      to_char(closes_at, 'HH24:MI') as closes_at, description
    from directory_schedule where service_id = any(${v.ids}::uuid[])
    order by service_id, weekday, opens_at, id`,
);

function groupBy<T extends { service_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.service_id);
    if (group) group.push(row);
    else groups.set(row.service_id, [row]);
  }
  return groups;
}

/** Everything about the given services, in five statements however many there are. */
export async function loadBundles(db: Db, ids: string[]): Promise<ServiceBundle[]> {
  if (!ids.length) return [];
  const [services, phones, areas, locations, schedules] = await Promise.all([
    servicesByIdQuery(db, { ids }),
    phonesQuery(db, { ids }),
    areasQuery(db, { ids }),
    locationsQuery(db, { ids }),
    schedulesQuery(db, { ids }),
  ]);
  const [phonesOf, areasOf, locationsOf, schedulesOf] = [phones, areas, locations, schedules].map((rows) =>
    groupBy(rows as { service_id: string }[]),
  ) as [
    Map<string, PhoneRow[]>,
    Map<string, AreaRow[]>,
    Map<string, ServiceAtLocationRow[]>,
    Map<string, ScheduleRow[]>,
  ];
  return services.map((service) => ({
    service,
    phones: phonesOf.get(service.id) ?? [],
    areas: areasOf.get(service.id) ?? [],
    locations: (locationsOf.get(service.id) ?? []).map((row) => ({
      ...row,
      latitude: Number(row.latitude),
      longitude: Number(row.longitude),
    })),
    schedules: schedulesOf.get(service.id) ?? [],
  }));
}

/** One service, active or not, with everything about it. */
export async function loadBundle(db: Db, id: string): Promise<ServiceBundle | undefined> {
  return (await loadBundles(db, [id]))[0];
}

/** The id of every service, active or not, for the export. */
export async function allServiceIds(db: Db): Promise<string[]> {
  return (await allServiceIdsQuery(db, {})).map((row) => row.id);
}

export interface Place {
  latitude: number;
  longitude: number;
  councilArea: string | null;
}

const placeQuery = preparedQuery<
  { full: string | null; outcode: string },
  Place & { council_area: string | null }
>(
  (v) => sql`select latitude, longitude, council_area from postcode_place
    where postcode = ${v.full}::text or postcode = ${v.outcode}::text
    order by (postcode = ${v.full}::text) desc nulls last limit 1`,
);

/** The centre of a postcode, or of its outcode when the full postcode is not loaded. */
export async function findPlace(db: Db, postcode: PostcodeQuery): Promise<Place | undefined> {
  const [row] = await placeQuery(db, { full: postcode.full ?? null, outcode: postcode.outcode });
  return row
    ? { latitude: Number(row.latitude), longitude: Number(row.longitude), councilArea: row.council_area }
    : undefined;
}

export type ServiceAtLocationListRow = Counted<ServiceRow> & {
  service_at_location_id: string;
  location: Pick<LocationRow, 'id' | 'name' | 'latitude' | 'longitude' | 'postcode'>;
  distance: number | null;
};

const earthRadius = 6_371_000;

/** The services whose areas cover the place (or that list no areas). */
function coversPlace(place: Place): SQL {
  const council =
    place.councilArea === null
      ? sql`true`
      : sql`coalesce(a.council_area, p.council_area, lp.council_area) = ${place.councilArea}::text`;
  return sql`(not exists (select 1 from directory_service_area a where a.service_id = s.id)
    or exists (select 1 from directory_service_area a
      left join partnership_area p on p.id = a.partnership_area_id
      left join locality lo on lo.id = a.locality_id
      left join partnership_area lp on lp.id = lo.partnership_area_id
      where a.service_id = s.id and (a.scope in ('scotland', 'uk') or ${council})))`;
}

/** A page of services at their locations, nearest the postcode first when one is given. */
export async function findServiceAtLocations(
  db: Db,
  filters: ServiceFilters,
  place: Place | null,
  placeFilters: PlaceFilters,
  paging: Paging,
): Promise<{ rows: ServiceAtLocationListRow[]; total: number }> {
  const conditions = [serviceWhere(filters)];
  let distance = sql`null::float8`;
  if (place) {
    const latitude = sql`${place.latitude}::float8`;
    const longitude = sql`${place.longitude}::float8`;
    distance = sql`(${earthRadius} * 2 * asin(sqrt(power(sin(radians(l.latitude - ${latitude}) / 2), 2)
      + cos(radians(${latitude})) * cos(radians(l.latitude))
      * power(sin(radians(l.longitude - ${longitude}) / 2), 2))))`;
    conditions.push(coversPlace(place));
    if (placeFilters.proximity !== null) {
      // One degree of latitude is about 111 km everywhere: a band the latitude index finds, then the distance.
      const band = placeFilters.proximity / 111_000 + 0.001;
      conditions.push(
        sql`l.latitude between ${place.latitude - band}::float8 and ${place.latitude + band}::float8`,
      );
      conditions.push(sql`${distance} <= ${placeFilters.proximity}::float8`);
    }
  }
  const rows = await queryRows<ServiceAtLocationListRow>(
    db,
    sql`with page as (
      select sal.id, ${distance} as distance, count(*) over () as total_items
      from directory_service_at_location sal
      join directory_service s on s.id = sal.service_id
      join directory_location l on l.id = sal.location_id
      where ${sql.join(conditions, sql` and `)}
      order by distance nulls last, s.name, sal.id limit ${paging.perPage} offset ${offsetOf(paging)})
    select ${serviceColumns}, sal.id as service_at_location_id, page.distance, page.total_items,
      json_build_object('id', l.id, 'name', l.name, 'latitude', l.latitude, 'longitude', l.longitude,
        'postcode', l.postcode) as location
    from page join directory_service_at_location sal on sal.id = page.id
    join directory_service s on s.id = sal.service_id
    join directory_location l on l.id = sal.location_id
    join organisation o on o.id = s.organisation_id
    order by page.distance nulls last, s.name, sal.id`,
  );
  if (rows[0] || paging.page === 1) return { rows, total: Number(rows[0]?.total_items ?? 0) };
  // Past the last page no row carries the count: ask for the first page for it.
  return {
    rows,
    total: (await findServiceAtLocations(db, filters, place, placeFilters, { page: 1, perPage: 1 })).total,
  };
}
