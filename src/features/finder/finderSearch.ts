// The finder's searches, run over the directory snapshot in memory. They
// give the same rows, in the same order, as the SQL in searchRepository.ts
// (search.int.test.ts runs every case on both, and compares them on random
// directories): the same haversine sum, the same filters, the same order
// (names by the database's collation, through the snapshot's name ranks).
// It reads the packed arrays of finderIndex.ts, by service number, and keeps a
// search's hits in the index's scratch space: a search never waits, so two
// never share it.
import type { DirectorySnapshot, SnapshotPlace, SnapshotService } from '../directory/directorySnapshot.ts';
import {
  audienceBit,
  bitsOf,
  deliveryBit,
  type FinderIndex,
  finderIndex,
  firstAtLatitude,
  kindBit,
} from './finderIndex.ts';
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

/** Who you are, what kind, how: the SQL's `filters`, on the index's bit sets. */
function matcher(index: FinderIndex, search: Search): (service: number) => boolean {
  const onlyUsing = search.audiences.every((code) => code === 'person_using');
  const anyAudience = search.audiences.length === 0;
  const anyKind = search.supportKinds.length === 0;
  const anyDelivery = search.delivery.length === 0;
  const wanted = bitsOf(audienceBit, search.audiences);
  const anyone = onlyUsing ? 0 : bitsOf(audienceBit, ['anyone_affected']);
  const kinds = bitsOf(kindBit, search.supportKinds);
  const delivery = bitsOf(deliveryBit, search.delivery);
  const { audienceBits, kindBits, deliveryBits } = index;
  return (n) =>
    (anyAudience || ((audienceBits[n] as number) & (wanted | anyone)) !== 0) &&
    (anyKind || ((kindBits[n] as number) & kinds) !== 0) &&
    (anyDelivery || ((deliveryBits[n] as number) & delivery) !== 0);
}

const order = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The SQL's order: the sort's own key, then miles (none last), then name, then id. A service's
 * number is its place in (name, id) order, so it stands for the last two.
 */
function comparer(index: FinderIndex, sort: Search['sort']): (a: number, b: number) => number {
  const { miles } = index.scratch;
  const { waitOrder, nameRank } = index;
  const byMiles = (a: number, b: number) => order(miles[a] as number, miles[b] as number) || a - b;
  if (sort === 'soonest')
    return (a, b) => (waitOrder[a] as number) - (waitOrder[b] as number) || byMiles(a, b);
  if (sort === 'name') return (a, b) => (nameRank[a] as number) - (nameRank[b] as number) || byMiles(a, b);
  return byMiles;
}

/**
 * The first `count` of `list` in `compare`'s order (a total order), in order. A page is a few
 * of hundreds of hits: keeping the best few seen so far compares most hits once, not log n times.
 */
export function firstInOrder(list: number[], compare: (a: number, b: number) => number, count: number) {
  if (count * 2 >= list.length) return list.sort(compare).slice(0, count);
  const best: number[] = [];
  for (const n of list) {
    if (best.length === count && compare(n, best[count - 1] as number) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(best[middle] as number, n) < 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, n);
    if (best.length > count) best.pop();
  }
  return best;
}

/** Filters, sorts and cuts one page, each row carrying the total as the SQL's `count(*) over ()`. */
function page(
  snapshot: DirectorySnapshot,
  hits: number[],
  search: Search,
  limit: number,
  offset: number,
): ResultRow[] {
  const index = finderIndex(snapshot);
  const kept = hits.filter(matcher(index, search));
  const total = kept.length;
  const { miles, place } = index.scratch;
  return firstInOrder(kept, comparer(index, search.sort), offset + limit)
    .slice(offset)
    .map((n) => {
      const s = snapshot.services[n] as SnapshotService;
      const at = place[n] ?? null;
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
        location_name: at ? at.name : null,
        city: at ? at.city : null,
        miles: at && Number.isFinite(miles[n]) ? (miles[n] as number) : null,
        total,
      };
    });
}

/**
 * A new set of hits: the scratch space's round moves on, so every service is unmarked.
 * A hit's place and miles are kept in the scratch arrays, by service number.
 */
function newHits(index: FinderIndex): { round: number; list: number[] } {
  const scratch = index.scratch;
  if (scratch.round === 0x7fffffff) {
    scratch.stamp.fill(0);
    scratch.round = 0;
  }
  scratch.round += 1;
  return { round: scratch.round, list: [] };
}

/** Adds services with no place of their own (they cover the area), unless already there. */
function addCovering(index: FinderIndex, hits: { round: number; list: number[] }, numbers?: Int32Array) {
  if (!numbers) return;
  const { stamp, miles, place } = index.scratch;
  for (const n of numbers) {
    if (stamp[n] === hits.round) continue;
    stamp[n] = hits.round;
    miles[n] = Number.POSITIVE_INFINITY;
    place[n] = null;
    hits.list.push(n);
  }
}

function nearPoint(snapshot: DirectorySnapshot, place: Place): number[] {
  const index = finderIndex(snapshot);
  const box = boundingBox(place, searchRadiusMiles);
  const hits = newHits(index);
  const { stamp, miles: milesOf, place: placeOf } = index.scratch;
  const { latitudes, longitudes, placeService, byLatitude } = index;
  for (let i = firstAtLatitude(latitudes, box.minLatitude); i < latitudes.length; i++) {
    const latitude = latitudes[i] as number;
    if (latitude > box.maxLatitude) break;
    const longitude = longitudes[i] as number;
    if (longitude < box.minLongitude || longitude > box.maxLongitude) continue;
    const miles = sqlMiles(place, { latitude, longitude });
    if (miles > searchRadiusMiles) continue;
    const n = placeService[i] as number;
    if (stamp[n] === hits.round) {
      // The nearest of a service's places; of two as near, the first.
      if ((milesOf[n] as number) <= miles) continue;
    } else {
      stamp[n] = hits.round;
      hits.list.push(n);
    }
    milesOf[n] = miles;
    placeOf[n] = byLatitude[i] as SnapshotPlace;
  }
  if (place.councilArea !== null) addCovering(index, hits, index.coveringCouncil.get(place.councilArea));
  return hits.list;
}

function inArea(snapshot: DirectorySnapshot, partnershipAreaId: string | null, localityId: string | null) {
  const index = finderIndex(snapshot);
  const hits = newHits(index);
  const areaId = partnershipAreaId ?? (localityId === null ? undefined : snapshot.localities.get(localityId));
  const area = areaId === undefined ? undefined : snapshot.partnershipAreas.get(areaId);
  if (!area || areaId === undefined) return hits.list;
  const localities =
    localityId !== null
      ? [localityId]
      : [...snapshot.localities].filter(([, inside]) => inside === areaId).map(([id]) => id);
  const { stamp, miles, place } = index.scratch;
  for (const id of localities)
    for (const at of index.placesByLocality.get(id) ?? []) {
      const n = index.numberOf.get(at.serviceId);
      if (n === undefined) continue;
      if (stamp[n] === hits.round) {
        // Each service at its first place by name.
        if ((place[n] as SnapshotPlace).nameRank <= at.nameRank) continue;
      } else {
        stamp[n] = hits.round;
        hits.list.push(n);
      }
      miles[n] = Number.POSITIVE_INFINITY;
      place[n] = at;
    }
  addCovering(index, hits, index.partnershipRows.get(areaId));
  addCovering(index, hits, index.councilRows.get(area.councilArea));
  for (const id of localities) addCovering(index, hits, index.localityRows.get(id));
  return hits.list;
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
    return page(snapshot, nearPoint(snapshot, place), search, pageSize, offset);
  }
  const hits = inArea(
    snapshot,
    search.where.kind === 'partnership' ? search.where.id : null,
    search.where.kind === 'locality' ? search.where.id : null,
  );
  return page(snapshot, hits, search, pageSize, offset);
}

/** Services anyone can use wherever they live, by phone or online. */
export function searchAnywhereIn(snapshot: DirectorySnapshot, search: Search): ResultRow[] {
  const index = finderIndex(snapshot);
  const hits = newHits(index);
  addCovering(index, hits, index.anywhere);
  return page(snapshot, hits.list, search, anywhereLimit, 0);
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
