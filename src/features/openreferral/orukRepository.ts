// The directory as Open Referral UK reads it: open data about services, so
// no access filter and no audit (nothing here is personal). Each page costs
// a fixed number of statements: one for the page, then one per related
// table for all of the page's services at once (`= any($ids)`).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/preparedQuery.ts';
import type { PlaceFilters, ServiceFilters } from './orukQuery.ts';
import type { Paging } from './paging.ts';
import { offsetOf } from './paging.ts';
import type { PostcodeQuery } from './postcodes.ts';

export interface ServiceRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  name: string;
  summary: string;
  description: string;
  url: string | null;
  email: string | null;
  status: 'active' | 'inactive';
  audiences: string[];
  minimum_age: number | null;
  maximum_age: number | null;
  support_kinds: string[];
  programmes: string[];
  delivery: string[];
  delivered_by: string[];
  languages: string[];
  accessibility: string | null;
  free: boolean;
  cost_note: string | null;
  referral_routes: string[];
  how_to_get_in: string | null;
  self_referral: boolean;
  what_happens_next: string | null;
  capacity_note: string | null;
  wait_weeks: number | null;
  wait_updated_on: string | null;
  last_checked_on: string;
  last_modified: string;
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

const serviceColumns =
  sql.raw(`s.id, s.organisation_id, o.name as organisation_name, o.kind as organisation_kind,
  s.name, s.summary, s.description, s.url, s.email, s.status, s.audiences, s.minimum_age, s.maximum_age,
  s.support_kinds, s.programmes, s.delivery, s.delivered_by, s.languages, s.accessibility, s.free, s.cost_note,
  s.referral_routes, s.how_to_get_in, s.self_referral, s.what_happens_next, s.capacity_note, s.wait_weeks,
  s.wait_updated_on::text as wait_updated_on, s.last_checked_on::text as last_checked_on,
  to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_modified`);

type FilterValues = {
  search: string | null;
  termKey: string | null;
  termCode: string | null;
  taxonomyKey: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
};

/** The service filters as SQL over `s`, each one off when its value is null. */
function serviceWhere(v: { [K in keyof FilterValues]: unknown }): SQL {
  const column = (key: unknown, code: unknown) => sql`case ${key}::text
    when 'audiences' then ${code} = any(s.audiences) when 'supportKinds' then ${code} = any(s.support_kinds)
    when 'programmes' then ${code} = any(s.programmes) when 'delivery' then ${code} = any(s.delivery)
    when 'deliveredBy' then ${code} = any(s.delivered_by) when 'referralRoutes' then ${code} = any(s.referral_routes)
    else false end`;
  const any = (key: unknown) => sql`case ${key}::text
    when 'audiences' then cardinality(s.audiences) > 0 when 'supportKinds' then cardinality(s.support_kinds) > 0
    when 'programmes' then cardinality(s.programmes) > 0 when 'delivery' then cardinality(s.delivery) > 0
    when 'deliveredBy' then cardinality(s.delivered_by) > 0
    when 'referralRoutes' then cardinality(s.referral_routes) > 0 else false end`;
  return sql`s.status = 'active'
    and (${v.search}::text is null or strpos(lower(s.name), ${v.search}::text) > 0
         or strpos(lower(s.description), ${v.search}::text) > 0)
    and (${v.termKey}::text is null or ${column(v.termKey, sql`${v.termCode}::text`)})
    and (${v.taxonomyKey}::text is null or ${any(v.taxonomyKey)})
    and (${v.minimumAge}::numeric is null or s.minimum_age >= ${v.minimumAge}::numeric)
    and (${v.maximumAge}::numeric is null or s.maximum_age <= ${v.maximumAge}::numeric)`;
}

type Counted<T> = T & { total_items: string };

const servicePageQuery = preparedQuery<FilterValues & { limit: number; offset: number }, Counted<ServiceRow>>(
  (v) => sql`select ${serviceColumns}, count(*) over () as total_items
    from directory_service s join organisation o on o.id = s.organisation_id
    where ${serviceWhere(v)}
    order by s.name, s.id limit ${v.limit} offset ${v.offset}`,
);

const serviceCountQuery = preparedQuery<FilterValues, { total_items: string }>(
  (v) => sql`select count(*) as total_items from directory_service s where ${serviceWhere(v)}`,
);

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

function filterValues(filters: ServiceFilters): FilterValues {
  return { ...filters };
}

/** A page of active services matching the filters, and how many match in all. */
export async function findServices(db: Db, filters: ServiceFilters, paging: Paging) {
  const values = filterValues(filters);
  const rows = await servicePageQuery(db, { ...values, limit: paging.perPage, offset: offsetOf(paging) });
  const total = rows[0]
    ? Number(rows[0].total_items)
    : Number((await serviceCountQuery(db, values))[0]?.total_items ?? 0);
  return { rows: rows as ServiceRow[], total };
}

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

type PlaceValues = FilterValues & {
  latitude: number | null;
  longitude: number | null;
  councilArea: string | null;
  proximity: number | null;
  latitudeBand: number | null;
};

export type ServiceAtLocationListRow = Counted<ServiceRow> & {
  service_at_location_id: string;
  location: LocationRow;
  distance: number | null;
};

const earthRadius = 6_371_000;

const salPageQuery = preparedQuery<PlaceValues & { limit: number; offset: number }, ServiceAtLocationListRow>(
  (v) => {
    const distance = sql`(${earthRadius} * 2 * asin(sqrt(power(sin(radians(l.latitude - ${v.latitude}::float8) / 2), 2)
      + cos(radians(${v.latitude}::float8)) * cos(radians(l.latitude))
      * power(sin(radians(l.longitude - ${v.longitude}::float8) / 2), 2))))`;
    return sql`select found.*, count(*) over () as total_items from (
      select ${serviceColumns}, sal.id as service_at_location_id,
        json_build_object('id', l.id, 'name', l.name, 'latitude', l.latitude, 'longitude', l.longitude,
          'postcode', l.postcode) as location,
        case when ${v.latitude}::float8 is null then null else ${distance} end as distance
      from directory_service_at_location sal
      join directory_service s on s.id = sal.service_id
      join directory_location l on l.id = sal.location_id
      join organisation o on o.id = s.organisation_id
      where ${serviceWhere(v)}
        and (${v.latitudeBand}::float8 is null
             or l.latitude between ${v.latitude}::float8 - ${v.latitudeBand}::float8
                               and ${v.latitude}::float8 + ${v.latitudeBand}::float8)
        and (${v.latitude}::float8 is null
             or not exists (select 1 from directory_service_area a where a.service_id = s.id)
             or exists (select 1 from directory_service_area a
               left join partnership_area p on p.id = a.partnership_area_id
               left join locality lo on lo.id = a.locality_id
               left join partnership_area lp on lp.id = lo.partnership_area_id
               where a.service_id = s.id and (a.scope in ('scotland', 'uk') or ${v.councilArea}::text is null
                 or coalesce(a.council_area, p.council_area, lp.council_area) = ${v.councilArea}::text)))
    ) found
    where ${v.proximity}::float8 is null or distance <= ${v.proximity}::float8
    order by distance nulls last, name, service_at_location_id
    limit ${v.limit} offset ${v.offset}`;
  },
);

/** A page of services at their locations, nearest the postcode first when one is given. */
export async function findServiceAtLocations(
  db: Db,
  filters: ServiceFilters,
  place: Place | null,
  placeFilters: PlaceFilters,
  paging: Paging,
) {
  const values: PlaceValues = {
    ...filterValues(filters),
    latitude: place?.latitude ?? null,
    longitude: place?.longitude ?? null,
    councilArea: place?.councilArea ?? null,
    proximity: placeFilters.proximity,
    // One degree of latitude is about 111 km everywhere.
    latitudeBand: placeFilters.proximity === null ? null : placeFilters.proximity / 111_000 + 0.001,
  };
  const page = (limit: number, offset: number) => salPageQuery(db, { ...values, limit, offset });
  const rows = await page(paging.perPage, offsetOf(paging));
  // Past the last page there is no row to carry the count: count on a page of one from the start.
  const total = rows[0] ? Number(rows[0].total_items) : Number((await page(1, 0))[0]?.total_items ?? 0);
  return { rows, total };
}
