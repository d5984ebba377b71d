// The directory in memory, one copy per process: every active service with
// its organisation, places, areas, the partnership areas and localities, and
// the postcode places, for the public finder and the Open Referral list.
//
// Freshness: every transaction that changes a directory table moves
// `directory_version` on at commit (migration 0026). Each request reads that
// version (concurrent requests share one statement, `Batcher`) and loads the
// directory again when it has moved, so a change is seen by the next request
// after its commit. The load is one read-only repeatable-read transaction,
// so the copy is one consistent moment, labelled with the version it saw.
import { sql } from 'drizzle-orm';
import { Batcher } from '../../db/batcher.ts';
import { type Db, queryRows } from '../../db/client.ts';
import type { AreaChoice, Place } from '../finder/searchRepository.ts';
import { type ServiceRow, serviceColumns } from '../openreferral/orukRepository.ts';

/** An active service, with its place in the name order (equal names share one). */
export type SnapshotService = ServiceRow & { nameRank: number };

/** A service at one of its locations. */
export interface SnapshotPlace {
  serviceId: string;
  name: string;
  /** Its place in the order of location names (the database's collation). */
  nameRank: number;
  city: string;
  latitude: number;
  longitude: number;
  localityId: string | null;
}

export interface SnapshotArea {
  serviceId: string;
  scope: string;
  partnershipAreaId: string | null;
  localityId: string | null;
  councilArea: string | null;
  /** The partnership area's council, for a partnership-area row. */
  partnershipCouncilArea: string | null;
}

export interface DirectorySnapshot {
  version: number;
  /** Active services in (name, id) order, the database's own collation. */
  services: SnapshotService[];
  serviceById: Map<string, SnapshotService>;
  places: SnapshotPlace[];
  areas: SnapshotArea[];
  partnershipAreas: Map<string, { name: string; councilArea: string }>;
  /** Locality id → its partnership area's id. */
  localities: Map<string, string>;
  areaChoices: AreaChoice[];
  /** Postcode or outcode → place. */
  postcodes: Map<string, Place>;
  /** False when there were too many full postcodes to hold: unknown ones are then looked up. */
  postcodesComplete: boolean;
}

/** Beyond this many full postcodes only outcodes are held; the rest are read when asked for. */
export const maxPostcodesInMemory = 200_000;

type Counted = { n: string | number };

async function loadSnapshot(db: Db): Promise<DirectorySnapshot> {
  return db.transaction(async (tx) => {
    // One after another: a transaction's statements share its connection.
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    const [versionRow] = await queryRows<{ version: string }>(
      tx,
      sql`select version::text from directory_version`,
    );
    const serviceRows = await queryRows<ServiceRow>(
      tx,
      sql`select ${serviceColumns} from directory_service s join organisation o on o.id = s.organisation_id
        where s.status = 'active' order by s.name, s.id`,
    );
    const places = await queryRows<Omit<SnapshotPlace, 'nameRank'>>(
      tx,
      sql`select sal.service_id as "serviceId", l.name, l.city, l.latitude, l.longitude, l.locality_id as "localityId"
        from directory_service_at_location sal join directory_location l on l.id = sal.location_id
        join directory_service s on s.id = sal.service_id
        where s.status = 'active' order by l.name, l.id`,
    );
    const areas = await queryRows<SnapshotArea>(
      tx,
      sql`select a.service_id as "serviceId", a.scope, a.partnership_area_id as "partnershipAreaId",
          a.locality_id as "localityId", a.council_area as "councilArea", p.council_area as "partnershipCouncilArea"
        from directory_service_area a join directory_service s on s.id = a.service_id
        left join partnership_area p on p.id = a.partnership_area_id
        where s.status = 'active'`,
    );
    const partnershipRows = await queryRows<{ id: string; name: string; councilArea: string }>(
      tx,
      sql`select id, name, council_area as "councilArea" from partnership_area`,
    );
    const localityRows = await queryRows<{ id: string; areaId: string }>(
      tx,
      sql`select id, partnership_area_id as "areaId" from locality`,
    );
    const areaChoices = await queryRows<AreaChoice>(
      tx,
      sql`select 'partnership:' || a.id as value, a.name || ' (all of it)' as text, a.council_area as "councilArea",
          a.name as area_name, 0 as rank
        from partnership_area a
        union all
        select 'locality:' || l.id, l.name || ', ' || a.name, a.council_area, a.name, 1
        from locality l join partnership_area a on a.id = l.partnership_area_id
        order by area_name, rank, text`,
    );
    const [counted] = await queryRows<Counted>(
      tx,
      sql`select count(*) as n from postcode_place where kind = 'postcode'`,
    );
    const postcodesComplete = Number(counted?.n ?? 0) <= maxPostcodesInMemory;
    const postcodeRows = await queryRows<Place>(
      tx,
      sql`select postcode, kind, latitude, longitude, council_area as "councilArea" from postcode_place
        where kind = 'outcode' or ${postcodesComplete}::boolean`,
    );
    return build(Number(versionRow?.version ?? 0), serviceRows, {
      places,
      areas,
      partnershipRows,
      localityRows,
      areaChoices: areaChoices.map(({ value, text, councilArea }) => ({ value, text, councilArea })),
      postcodeRows,
      postcodesComplete,
    });
  });
}

/**
 * A row with more fields, as a plain object of the same shape as every other made here from
 * rows of the same query. An object spread from a pg row (`{ ...row, more }`) gets a hidden
 * class of its own in V8, so code reading thousands of them (every search) ran about ten
 * times slower than over objects that share one; `Object.assign` onto `{}` gives them one.
 */
function oneShape<R extends object, M extends object>(row: R, more: M): R & M {
  return Object.assign(Object.assign({}, row), more);
}

function build(
  version: number,
  serviceRows: ServiceRow[],
  parts: {
    places: Omit<SnapshotPlace, 'nameRank'>[];
    areas: SnapshotArea[];
    partnershipRows: { id: string; name: string; councilArea: string }[];
    localityRows: { id: string; areaId: string }[];
    areaChoices: AreaChoice[];
    postcodeRows: Place[];
    postcodesComplete: boolean;
  },
): DirectorySnapshot {
  let rank = -1;
  let previous: string | undefined;
  const services = serviceRows.map((row) => {
    if (row.name !== previous) rank += 1;
    previous = row.name;
    return oneShape(row, { nameRank: rank });
  });
  return {
    version,
    services,
    serviceById: new Map(services.map((s) => [s.id, s])),
    // Read in (name, id) order: the rank keeps the database's collation for "first place by name".
    places: parts.places.map((p, i) =>
      oneShape(p, { nameRank: i, latitude: Number(p.latitude), longitude: Number(p.longitude) }),
    ),
    areas: parts.areas,
    partnershipAreas: new Map(
      parts.partnershipRows.map((a) => [a.id, { name: a.name, councilArea: a.councilArea }]),
    ),
    localities: new Map(parts.localityRows.map((l) => [l.id, l.areaId])),
    areaChoices: parts.areaChoices,
    postcodes: new Map(
      parts.postcodeRows.map((p) => [
        p.postcode,
        oneShape(p, { latitude: Number(p.latitude), longitude: Number(p.longitude) }),
      ]),
    ),
    postcodesComplete: parts.postcodesComplete,
  };
}

/** Hands out the current snapshot, loading it again when the directory's version has moved. */
export class DirectorySnapshots {
  private current: DirectorySnapshot | undefined;
  /** Loads under way, by the version that asked for them. */
  private readonly loading = new Map<number, Promise<DirectorySnapshot>>();
  private readonly versions: Batcher<number>;
  /** How many times the directory has been loaded (for tests and metrics). */
  loads = 0;

  constructor(private readonly db: Db) {
    this.versions = new Batcher(async () => {
      const [row] = await queryRows<{ version: string }>(
        db,
        sql`select version::text from directory_version`,
      );
      return Number(row?.version ?? 0);
    });
  }

  /** The directory as of a moment after this call began. */
  async get(): Promise<DirectorySnapshot> {
    const version = await this.versions.next();
    if (this.current && this.current.version >= version) return this.current;
    // A load asked for by this version or a later one began after this version committed.
    for (const [asked, promise] of this.loading) if (asked >= version) return promise;
    const promise = loadSnapshot(this.db)
      .then((snapshot) => {
        this.loads += 1;
        if (!this.current || snapshot.version >= this.current.version) this.current = snapshot;
        return snapshot;
      })
      .finally(() => this.loading.delete(version));
    this.loading.set(version, promise);
    return promise;
  }
}
