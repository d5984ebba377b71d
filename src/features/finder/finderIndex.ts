// The finder's indexes over one directory snapshot, built once per snapshot:
// places by latitude (a range of them is a binary search away), which services
// cover each council, partnership area and locality, and what a search sorts
// and filters on, packed in typed arrays. A search reads thousands of these
// values; read from the services' own objects, scattered over the heap, they
// cost more in cache misses than the search's arithmetic.
import type { DirectorySnapshot, SnapshotPlace } from '../directory/directorySnapshot.ts';
import { audiences, deliveryMethods, supportKinds, type Term } from '../directory/vocabulary.ts';

/** Services are numbered by their place in `snapshot.services`: (name, id) order. */
export interface FinderIndex {
  /** Every active service's places, by latitude. */
  byLatitude: SnapshotPlace[];
  /** byLatitude's latitudes, longitudes and services' numbers, in the same order. */
  latitudes: Float64Array;
  longitudes: Float64Array;
  placeService: Int32Array;
  /** Places by locality. */
  placesByLocality: Map<string, SnapshotPlace[]>;
  /** The numbers of the services covering a council area: by council, or by a partnership area in it. */
  coveringCouncil: Map<string, Int32Array>;
  /** Services with a council-area row for that council (not by partnership area). */
  councilRows: Map<string, Int32Array>;
  partnershipRows: Map<string, Int32Array>;
  localityRows: Map<string, Int32Array>;
  /** Services anyone in Scotland or the UK can use. */
  anywhere: Int32Array;
  /** Each service's number, by id. */
  numberOf: Map<string, number>;
  nameRank: Int32Array;
  /** The wait in weeks, 1000 when not known (the SQL's `coalesce(wait_weeks, 1000)`). */
  waitOrder: Float64Array;
  /** One bit for each vocabulary code the service has (codeBits gives a code's bit). */
  audienceBits: Int32Array;
  kindBits: Int32Array;
  deliveryBits: Int32Array;
  /** Space for one search at a time (searches never wait, so they never overlap). */
  scratch: { stamp: Int32Array; miles: Float64Array; place: (SnapshotPlace | null)[]; round: number };
}

/** Each code's bit in a vocabulary's bit set. */
export function codeBits(terms: readonly Term[]): Map<string, number> {
  if (terms.length > 31) throw new Error('a vocabulary of more than 31 codes needs a wider bit set');
  return new Map(terms.map((t, i) => [t.code, 1 << i]));
}

export const audienceBit = codeBits(audiences);
export const kindBit = codeBits(supportKinds);
export const deliveryBit = codeBits(deliveryMethods);

/** The bits of the codes a vocabulary knows; codes it does not know can never be chosen. */
export function bitsOf(bits: Map<string, number>, codes: readonly string[]): number {
  let set = 0;
  for (const code of codes) set |= bits.get(code) ?? 0;
  return set;
}

function add(map: Map<string, number[]>, key: string | null, service: number | undefined) {
  if (key === null || service === undefined) return;
  const list = map.get(key);
  if (list) list.push(service);
  else map.set(key, [service]);
}

/** Each list's numbers once each, in a typed array. */
function packed(map: Map<string, number[]>): Map<string, Int32Array> {
  return new Map([...map].map(([key, list]) => [key, Int32Array.from(new Set(list))]));
}

function buildIndex(snapshot: DirectorySnapshot): FinderIndex {
  const services = snapshot.services;
  const numberOf = new Map(services.map((s, i) => [s.id, i]));
  const byLatitude = [...snapshot.places]
    .filter((p) => numberOf.has(p.serviceId))
    .sort((a, b) => a.latitude - b.latitude);
  const placesByLocality = new Map<string, SnapshotPlace[]>();
  for (const place of snapshot.places) {
    if (place.localityId === null) continue;
    const list = placesByLocality.get(place.localityId);
    if (list) list.push(place);
    else placesByLocality.set(place.localityId, [place]);
  }
  const coveringCouncil = new Map<string, number[]>();
  const councilRows = new Map<string, number[]>();
  const partnershipRows = new Map<string, number[]>();
  const localityRows = new Map<string, number[]>();
  const anywhere = new Set<number>();
  for (const area of snapshot.areas) {
    const n = numberOf.get(area.serviceId);
    if (area.scope === 'council_area') {
      add(coveringCouncil, area.councilArea, n);
      add(councilRows, area.councilArea, n);
    } else if (area.scope === 'partnership_area') {
      add(coveringCouncil, area.partnershipCouncilArea, n);
      add(partnershipRows, area.partnershipAreaId, n);
    } else if (area.scope === 'locality') add(localityRows, area.localityId, n);
    else if ((area.scope === 'scotland' || area.scope === 'uk') && n !== undefined) anywhere.add(n);
  }
  return {
    byLatitude,
    latitudes: Float64Array.from(byLatitude, (p) => p.latitude),
    longitudes: Float64Array.from(byLatitude, (p) => p.longitude),
    placeService: Int32Array.from(byLatitude, (p) => numberOf.get(p.serviceId) as number),
    placesByLocality,
    coveringCouncil: packed(coveringCouncil),
    councilRows: packed(councilRows),
    partnershipRows: packed(partnershipRows),
    localityRows: packed(localityRows),
    anywhere: Int32Array.from(anywhere),
    numberOf,
    nameRank: Int32Array.from(services, (s) => s.nameRank),
    waitOrder: Float64Array.from(services, (s) => s.wait_weeks ?? 1000),
    audienceBits: Int32Array.from(services, (s) => bitsOf(audienceBit, s.audiences)),
    kindBits: Int32Array.from(services, (s) => bitsOf(kindBit, s.support_kinds)),
    deliveryBits: Int32Array.from(services, (s) => bitsOf(deliveryBit, s.delivery)),
    scratch: {
      stamp: new Int32Array(services.length),
      miles: new Float64Array(services.length),
      place: new Array(services.length).fill(null),
      round: 0,
    },
  };
}

const built = new WeakMap<DirectorySnapshot, FinderIndex>();

/** The snapshot's finder index, built on first use. */
export function finderIndex(snapshot: DirectorySnapshot): FinderIndex {
  let index = built.get(snapshot);
  if (!index) {
    index = buildIndex(snapshot);
    built.set(snapshot, index);
  }
  return index;
}

/** The first place at or above a latitude (binary search). */
export function firstAtLatitude(latitudes: Float64Array, latitude: number): number {
  let low = 0;
  let high = latitudes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((latitudes[middle] as number) < latitude) low = middle + 1;
    else high = middle;
  }
  return low;
}
