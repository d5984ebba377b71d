// The finder's searches, run over the directory snapshot in memory. They
// give the same rows, in the same order, as the SQL in searchRepository.ts
// (search.int.test.ts runs every case on both, and compares them on random
// directories): the same haversine sum, the same filters, the same order
// (names by the database's collation, through the snapshot's name ranks).
import type { DirectorySnapshot, SnapshotService } from '../directory/directorySnapshot.ts';
import { finderIndex, firstAtLatitude } from './finderIndex.ts';
import { boundingBox, type Point } from './postcodes.ts';
import type { Search } from './searchForm.ts';
import {
  anywhereLimit,
  type Place,
  pageSize,
  type ResultRow,
  searchRadiusMiles,
} from './searchRepository.ts';

const perDegree = Math.PI / 180;

/** Miles between two points, in exactly the steps the SQL takes (PostgreSQL's radians() multiplies). */
export function sqlMiles(centre: Point, at: Point): number {
  const a = Math.sin(((at.latitude - centre.latitude) * perDegree) / 2);
  const b = Math.sin(((at.longitude - centre.longitude) * perDegree) / 2);
  const h = a * a + Math.cos(centre.latitude * perDegree) * Math.cos(at.latitude * perDegree) * (b * b);
  return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface Hit {
  service: SnapshotService;
  locationName: string | null;
  city: string | null;
  miles: number | null;
}

const overlaps = (have: readonly string[], chosen: readonly string[]) => chosen.some((c) => have.includes(c));

/** Who you are, what kind, how: the SQL's `filters`. */
function matcher(search: Search): (service: SnapshotService) => boolean {
  const onlyUsing = search.audiences.every((code) => code === 'person_using');
  return (s) =>
    (search.audiences.length === 0 ||
      overlaps(s.audiences, search.audiences) ||
      (s.audiences.includes('anyone_affected') && !onlyUsing)) &&
    (search.supportKinds.length === 0 || overlaps(s.support_kinds, search.supportKinds)) &&
    (search.delivery.length === 0 || overlaps(s.delivery, search.delivery));
}

function comparer(sort: Search['sort']): (a: Hit, b: Hit) => number {
  return (a, b) => {
    if (sort === 'soonest') {
      const wait = (a.service.wait_weeks ?? 1000) - (b.service.wait_weeks ?? 1000);
      if (wait) return wait;
    }
    if (sort === 'name' && a.service.nameRank !== b.service.nameRank)
      return a.service.nameRank - b.service.nameRank;
    if (a.miles !== b.miles) {
      if (a.miles === null) return 1;
      if (b.miles === null) return -1;
      return a.miles - b.miles;
    }
    if (a.service.nameRank !== b.service.nameRank) return a.service.nameRank - b.service.nameRank;
    return a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0;
  };
}

function rowOf(hit: Hit, total: number): ResultRow {
  const s = hit.service;
  return {
    id: s.id,
    name: s.name,
    summary: s.summary,
    audiences: s.audiences,
    support_kinds: s.support_kinds,
    delivery: s.delivery,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    wait_weeks: s.wait_weeks,
    wait_updated_on: s.wait_updated_on,
    location_name: hit.locationName,
    city: hit.city,
    miles: hit.miles,
    total,
  };
}

/** Filters, sorts and cuts one page, each row carrying the total as the SQL's `count(*) over ()`. */
function page(hits: Map<string, Hit>, search: Search, limit: number, offset: number) {
  const matches = matcher(search);
  const kept = [...hits.values()].filter((hit) => matches(hit.service));
  kept.sort(comparer(search.sort));
  return kept.slice(offset, offset + limit).map((hit) => rowOf(hit, kept.length));
}

function addCovering(snapshot: DirectorySnapshot, hits: Map<string, Hit>, ids: Iterable<string> | undefined) {
  for (const id of ids ?? []) {
    if (hits.has(id)) continue;
    const service = snapshot.serviceById.get(id);
    if (service) hits.set(id, { service, locationName: null, city: null, miles: null });
  }
}

function nearPoint(snapshot: DirectorySnapshot, place: Place): Map<string, Hit> {
  const index = finderIndex(snapshot);
  const box = boundingBox(place, searchRadiusMiles);
  const hits = new Map<string, Hit>();
  const places = index.byLatitude;
  for (let i = firstAtLatitude(places, box.minLatitude); i < places.length; i++) {
    const at = places[i];
    if (!at || at.latitude > box.maxLatitude) break;
    if (at.longitude < box.minLongitude || at.longitude > box.maxLongitude) continue;
    const miles = sqlMiles(place, at);
    if (miles > searchRadiusMiles) continue;
    const seen = hits.get(at.serviceId);
    if (seen && (seen.miles as number) <= miles) continue;
    const service = snapshot.serviceById.get(at.serviceId);
    if (service) hits.set(at.serviceId, { service, locationName: at.name, city: at.city, miles });
  }
  if (place.councilArea !== null) addCovering(snapshot, hits, index.coveringCouncil.get(place.councilArea));
  return hits;
}

function inArea(snapshot: DirectorySnapshot, partnershipAreaId: string | null, localityId: string | null) {
  const hits = new Map<string, Hit>();
  const areaId = partnershipAreaId ?? (localityId === null ? undefined : snapshot.localities.get(localityId));
  const area = areaId === undefined ? undefined : snapshot.partnershipAreas.get(areaId);
  if (!area || areaId === undefined) return hits;
  const index = finderIndex(snapshot);
  const localities =
    localityId !== null
      ? [localityId]
      : [...snapshot.localities].filter(([, inside]) => inside === areaId).map(([id]) => id);
  const chosen = new Map<string, { name: string; city: string; rank: number }>();
  for (const id of localities)
    for (const at of index.placesByLocality.get(id) ?? []) {
      const seen = chosen.get(at.serviceId);
      if (!seen || at.nameRank < seen.rank)
        chosen.set(at.serviceId, { name: at.name, city: at.city, rank: at.nameRank });
    }
  for (const [id, at] of chosen) {
    const service = snapshot.serviceById.get(id);
    if (service) hits.set(id, { service, locationName: at.name, city: at.city, miles: null });
  }
  addCovering(snapshot, hits, index.partnershipRows.get(areaId));
  addCovering(snapshot, hits, index.councilRows.get(area.councilArea));
  for (const id of localities) addCovering(snapshot, hits, index.localityRows.get(id));
  return hits;
}

/** Services near the place (or in the chosen area), one page of them, each row with the total. */
export function searchLocalIn(
  snapshot: DirectorySnapshot,
  search: Search,
  place: Place | undefined,
): ResultRow[] {
  const offset = (search.page - 1) * pageSize;
  if (search.where.kind === 'postcode') {
    if (!place) return [];
    return page(nearPoint(snapshot, place), search, pageSize, offset);
  }
  const hits = inArea(
    snapshot,
    search.where.kind === 'partnership' ? search.where.id : null,
    search.where.kind === 'locality' ? search.where.id : null,
  );
  return page(hits, search, pageSize, offset);
}

/** Services anyone can use wherever they live, by phone or online. */
export function searchAnywhereIn(snapshot: DirectorySnapshot, search: Search): ResultRow[] {
  const hits = new Map<string, Hit>();
  addCovering(snapshot, hits, finderIndex(snapshot).anywhere);
  return page(hits, search, anywhereLimit, 0);
}

/** The postcode's place from the snapshot; undefined when the snapshot cannot say (look it up). */
export function placeIn(
  snapshot: DirectorySnapshot,
  postcode: string,
  outcode: string,
): Place | null | undefined {
  const full = snapshot.postcodes.get(postcode);
  if (full) return full;
  if (!snapshot.postcodesComplete) return undefined;
  return snapshot.postcodes.get(outcode) ?? null;
}
