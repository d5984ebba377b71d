// The finder's searches. Each list is one statement, built once per process
// (preparedQuery) and then only run: no per-result queries, no session.
// Only active services are found; no personal data is read.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/preparedQuery.ts';
import { boundingBox, type Point } from './postcodes.ts';
import type { Search } from './searchForm.ts';

/** How far the local list reaches from a postcode. */
export const searchRadiusMiles = 25;
export const pageSize = 20;
export const anywhereLimit = 20;

export interface Place extends Point {
  postcode: string;
  kind: 'postcode' | 'outcode';
  councilArea: string | null;
}

export interface ResultRow {
  id: string;
  name: string;
  summary: string;
  audiences: string[];
  support_kinds: string[];
  delivery: string[];
  minimum_age: number | null;
  maximum_age: number | null;
  wait_weeks: number | null;
  wait_updated_on: string | null;
  location_name: string | null;
  city: string | null;
  miles: number | null;
  total: string | number;
}

export interface AreaChoice {
  value: string;
  text: string;
  councilArea: string;
}

const findPlace = preparedQuery<{ postcode: string; outcode: string }, Place>(
  (v) => sql`select postcode, kind, latitude, longitude, council_area as "councilArea"
    from postcode_place where postcode in (${v.postcode}, ${v.outcode})
    order by kind = 'postcode' desc limit 1`,
);

/** Where a postcode is: the full postcode, else its outcode; undefined when neither is known. */
export async function lookUpPostcode(db: Db, postcode: string, outcode: string): Promise<Place | undefined> {
  const [place] = await findPlace(db, { postcode, outcode });
  return place;
}

const listAreas = preparedQuery<Record<string, never>, AreaChoice>(
  () => sql`select 'partnership:' || a.id as value, a.name || ' (all of it)' as text, a.council_area as "councilArea",
      a.name as area_name, 0 as rank
    from partnership_area a
    union all
    select 'locality:' || l.id, l.name || ', ' || a.name, a.council_area, a.name, 1
    from locality l join partnership_area a on a.id = l.partnership_area_id
    order by area_name, rank, text`,
);

/** Every partnership area and its localities, for "search by area instead". */
export function areaChoices(db: Db): Promise<AreaChoice[]> {
  return listAreas(db, {});
}

type FilterValues = {
  audiences: string;
  kinds: string;
  delivery: string;
  sort: string;
};

/** Codes are checked against the vocabulary before they get here, so an array literal is safe. */
const arrayLiteral = (codes: readonly string[]) => `{${codes.join(',')}}`;

function filterValues(search: Search): FilterValues {
  return {
    audiences: arrayLiteral(search.audiences),
    kinds: arrayLiteral(search.supportKinds),
    delivery: arrayLiteral(search.delivery),
    sort: search.sort,
  };
}

type FilterPlaceholders = { [K in keyof FilterValues]: unknown };

// Who you are: services for the chosen audiences, and services for anyone
// affected (unless only "someone who drinks or uses drugs" is chosen).
const filters = (v: FilterPlaceholders) => sql`s.status = 'active'
  and (cardinality(${v.audiences}::text[]) = 0 or s.audiences && ${v.audiences}::text[]
    or ('anyone_affected' = any(s.audiences) and not ${v.audiences}::text[] <@ '{person_using}'::text[]))
  and (cardinality(${v.kinds}::text[]) = 0 or s.support_kinds && ${v.kinds}::text[])
  and (cardinality(${v.delivery}::text[]) = 0 or s.delivery && ${v.delivery}::text[])`;

const order = (v: FilterPlaceholders) => sql`order by
  case when ${v.sort}::text = 'soonest' then coalesce(s.wait_weeks, 1000) else 0 end,
  case when ${v.sort}::text = 'name' then s.name else '' end,
  hits.miles nulls last, s.name, s.id`;

const resultColumns = sql`s.id, s.name, s.summary, s.audiences, s.support_kinds, s.delivery, s.minimum_age,
  s.maximum_age, s.wait_weeks, s.wait_updated_on::text, hits.location_name, hits.city, hits.miles,
  count(*) over () as total`;

const haversine = (v: { latitude: unknown; longitude: unknown }) =>
  sql`(2 * 3958.8 * asin(least(1, sqrt(power(sin(radians(l.latitude - ${v.latitude}::float8) / 2), 2)
    + cos(radians(${v.latitude}::float8)) * cos(radians(l.latitude))
    * power(sin(radians(l.longitude - ${v.longitude}::float8) / 2), 2)))))`;

type PointValues = FilterValues & {
  latitude: number;
  longitude: number;
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
  radius: number;
  councilArea: string | null;
  limit: number;
  offset: number;
};

// Near a point: places inside the box (directory_location_latitude_idx), then
// by haversine distance, nearest place per service; and services covering the
// postcode's council area, by council or by partnership area.
const searchNearPoint = preparedQuery<PointValues, ResultRow>(
  (v) => sql`with near as (
      select distinct on (sal.service_id) sal.service_id, l.name as location_name, l.city, ${haversine(v)} as miles
      from directory_location l
      join directory_service_at_location sal on sal.location_id = l.id
      where l.latitude between ${v.minLatitude}::float8 and ${v.maxLatitude}::float8
        and l.longitude between ${v.minLongitude}::float8 and ${v.maxLongitude}::float8
        and ${haversine(v)} <= ${v.radius}::float8
      order by sal.service_id, miles
    ), covering as (
      select distinct sa.service_id from directory_service_area sa
      left join partnership_area pa on pa.id = sa.partnership_area_id
      where ${v.councilArea}::text is not null
        and ((sa.scope = 'council_area' and sa.council_area = ${v.councilArea}::text)
          or (sa.scope = 'partnership_area' and pa.council_area = ${v.councilArea}::text))
    ), hits as (
      select coalesce(near.service_id, covering.service_id) as service_id, near.location_name, near.city, near.miles
      from near full join covering on covering.service_id = near.service_id
    )
    select ${resultColumns}
    from hits join directory_service s on s.id = hits.service_id
    where ${filters(v)}
    ${order(v)}
    limit ${v.limit} offset ${v.offset}`,
);

type AreaValues = FilterValues & {
  partnershipAreaId: string | null;
  localityId: string | null;
  limit: number;
  offset: number;
};

// In an area: services at places in the area (or locality), and services
// covering it (the partnership area, the locality, or its council area).
const searchInArea = preparedQuery<AreaValues, ResultRow>(
  (v) => sql`with chosen as (
      select a.id as area_id, a.council_area, ${v.localityId}::uuid as locality_id
      from partnership_area a
      where a.id = coalesce(${v.partnershipAreaId}::uuid,
        (select partnership_area_id from locality where id = ${v.localityId}::uuid))
    ), places as (
      select l.id, l.name, l.city from directory_location l, chosen
      where l.locality_id = chosen.locality_id
        or (chosen.locality_id is null and l.locality_id in (select id from locality where partnership_area_id = chosen.area_id))
    ), near as (
      select distinct on (sal.service_id) sal.service_id, places.name as location_name, places.city
      from places join directory_service_at_location sal on sal.location_id = places.id
      order by sal.service_id, places.name
    ), covering as (
      select distinct sa.service_id from directory_service_area sa, chosen
      where (sa.scope = 'partnership_area' and sa.partnership_area_id = chosen.area_id)
        or (sa.scope = 'council_area' and sa.council_area = chosen.council_area)
        or (sa.scope = 'locality' and (sa.locality_id = chosen.locality_id or (chosen.locality_id is null
          and sa.locality_id in (select id from locality where partnership_area_id = chosen.area_id))))
    ), hits as (
      select coalesce(near.service_id, covering.service_id) as service_id, near.location_name, near.city,
        null::float8 as miles
      from near full join covering on covering.service_id = near.service_id
    )
    select ${resultColumns}
    from hits join directory_service s on s.id = hits.service_id
    where ${filters(v)}
    ${order(v)}
    limit ${v.limit} offset ${v.offset}`,
);

/** Services near the place (or in the chosen area), one page of them, with the total. */
export function searchLocal(db: Db, search: Search, place: Place | undefined): Promise<ResultRow[]> {
  const paging = { limit: pageSize, offset: (search.page - 1) * pageSize };
  if (search.where.kind === 'postcode') {
    if (!place) return Promise.resolve([]);
    return searchNearPoint(db, {
      ...filterValues(search),
      ...paging,
      latitude: place.latitude,
      longitude: place.longitude,
      ...boundingBox(place, searchRadiusMiles),
      radius: searchRadiusMiles,
      councilArea: place.councilArea,
    });
  }
  return searchInArea(db, {
    ...filterValues(search),
    ...paging,
    partnershipAreaId: search.where.kind === 'partnership' ? search.where.id : null,
    localityId: search.where.kind === 'locality' ? search.where.id : null,
  });
}

const searchAnywhereQuery = preparedQuery<FilterValues & { limit: number }, ResultRow>(
  (v) => sql`with hits as (
      select distinct sa.service_id, null::text as location_name, null::text as city, null::float8 as miles
      from directory_service_area sa where sa.scope in ('scotland', 'uk')
    )
    select ${resultColumns}
    from hits join directory_service s on s.id = hits.service_id
    where ${filters(v)}
    ${order(v)}
    limit ${v.limit}`,
);

/** Services anyone can use wherever they live, by phone or online. */
export function searchAnywhere(db: Db, search: Search): Promise<ResultRow[]> {
  return searchAnywhereQuery(db, { ...filterValues(search), limit: anywhereLimit });
}
