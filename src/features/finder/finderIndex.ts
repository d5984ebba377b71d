// The finder's indexes over one directory snapshot, built once per snapshot:
// places by latitude (a range of them is a binary search away), and which
// services cover each council, partnership area and locality.
import type { DirectorySnapshot, SnapshotPlace } from '../directory/directorySnapshot.ts';

export interface FinderIndex {
  /** Every active service's places, by latitude. */
  byLatitude: SnapshotPlace[];
  /** Places by locality. */
  placesByLocality: Map<string, SnapshotPlace[]>;
  /** Services covering a council area: by council, or by a partnership area in it. */
  coveringCouncil: Map<string, Set<string>>;
  /** Services with a council-area row for that council (not by partnership area). */
  councilRows: Map<string, Set<string>>;
  partnershipRows: Map<string, Set<string>>;
  localityRows: Map<string, Set<string>>;
  /** Services anyone in Scotland or the UK can use. */
  anywhere: Set<string>;
}

function add<K>(map: Map<K, Set<string>>, key: K | null, id: string) {
  if (key === null) return;
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function buildIndex(snapshot: DirectorySnapshot): FinderIndex {
  const index: FinderIndex = {
    byLatitude: [...snapshot.places].sort((a, b) => a.latitude - b.latitude),
    placesByLocality: new Map(),
    coveringCouncil: new Map(),
    councilRows: new Map(),
    partnershipRows: new Map(),
    localityRows: new Map(),
    anywhere: new Set(),
  };
  for (const place of snapshot.places) {
    if (place.localityId === null) continue;
    const list = index.placesByLocality.get(place.localityId);
    if (list) list.push(place);
    else index.placesByLocality.set(place.localityId, [place]);
  }
  for (const area of snapshot.areas) {
    const id = area.serviceId;
    if (area.scope === 'council_area') {
      add(index.coveringCouncil, area.councilArea, id);
      add(index.councilRows, area.councilArea, id);
    } else if (area.scope === 'partnership_area') {
      add(index.coveringCouncil, area.partnershipCouncilArea, id);
      add(index.partnershipRows, area.partnershipAreaId, id);
    } else if (area.scope === 'locality') add(index.localityRows, area.localityId, id);
    else if (area.scope === 'scotland' || area.scope === 'uk') index.anywhere.add(id);
  }
  return index;
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
export function firstAtLatitude(places: SnapshotPlace[], latitude: number): number {
  let low = 0;
  let high = places.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((places[middle] as SnapshotPlace).latitude < latitude) low = middle + 1;
    else high = middle;
  }
  return low;
}
