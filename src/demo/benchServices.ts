// Synthetic directory listings at scale, for the public finder and Open
// Referral benchmarks: services of the bench organisations, each at a place
// near a synthetic postcode ("BX" is not a real postcode area), spread over
// an area the size of Scotland so a search near one postcode finds some,
// not all. Made from a seeded random sequence; written 500 to a transaction.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  directoryLocation,
  directoryPhone,
  directorySchedule,
  directoryService,
  directoryServiceArea,
  directoryServiceAtLocation,
  postcodePlace,
} from '../db/schema.ts';
import {
  audiences,
  deliverers,
  deliveryMethods,
  programmes,
  referralRoutes,
  supportKinds,
  type Term,
} from '../features/directory/vocabulary.ts';
import { benchArea } from './benchData.ts';
import { pick, type Random, seededRandom } from './familyGenerator.ts';

export const benchOutcodeCount = 60;
const postcodesPerOutcode = 20;
const letters = 'ABDEFGHJLNPQRSTUWXYZ';

/** Synthetic postcode places: 60 outcodes ("BX1" … "BX60") over Scotland's span, 20 postcodes in each. */
export function benchPostcodePlaces(random: Random = seededRandom(7)) {
  const places: {
    postcode: string;
    kind: 'postcode' | 'outcode';
    latitude: number;
    longitude: number;
    councilArea: string;
  }[] = [];
  for (let n = 1; n <= benchOutcodeCount; n++) {
    const latitude = 55 + random() * 3.5;
    const longitude = -6 + random() * 4;
    const outcode = `BX${n}`;
    places.push({
      postcode: outcode,
      kind: 'outcode',
      latitude,
      longitude,
      councilArea: benchArea.councilArea,
    });
    for (let i = 0; i < postcodesPerOutcode; i++) {
      places.push({
        postcode: `${outcode} ${i % 10}${letters[i % letters.length]}${letters[(i * 7 + n) % letters.length]}`,
        kind: 'postcode',
        latitude: latitude + (random() - 0.5) * 0.04,
        longitude: longitude + (random() - 0.5) * 0.07,
        councilArea: benchArea.councilArea,
      });
    }
  }
  return places;
}

function some(random: Random, terms: readonly Term[], most: number): string[] {
  const chosen = new Set<string>([pick(random, terms).code]);
  const more = Math.floor(random() * most);
  for (let i = 0; i < more; i++) chosen.add(pick(random, terms).code);
  return [...chosen];
}

const kindsOfPlace = [
  'Family Centre',
  'Community Hub',
  'Health Centre',
  'Church Hall',
  'Library',
  'Youth Hall',
];
const kindsOfService = [
  'family support',
  'parents’ group',
  'kinship carers group',
  'youth support',
  'bereavement group',
];

/** One synthetic listing with its place, made from the random sequence. */
export function benchListing(random: Random, index: number, places: ReturnType<typeof benchPostcodePlaces>) {
  const place = pick(
    random,
    places.filter((p) => p.kind === 'postcode'),
  );
  const anywhere = random() < 0.03;
  const waitWeeks = random() < 0.2 ? null : Math.floor(random() * 12);
  return {
    place,
    anywhere,
    service: {
      name: `Benchmark ${pick(random, kindsOfService)} ${index + 1}`,
      summary:
        'Synthetic listing for benchmarks: support for families affected by someone’s drinking or drug use.',
      description: 'Synthetic listing for benchmarks. One-to-one and group support for family members.',
      audiences: some(random, audiences, 4),
      minimumAge: random() < 0.3 ? Math.floor(random() * 18) : null,
      maximumAge: null,
      supportKinds: some(random, supportKinds, 3),
      programmes: random() < 0.2 ? some(random, programmes, 1) : [],
      delivery: anywhere ? ['phone', 'online_chat'] : some(random, deliveryMethods, 3),
      deliveredBy: some(random, deliverers, 2),
      referralRoutes: some(random, referralRoutes, 2),
      howToGetIn: 'Phone or send the form.',
      selfReferral: random() < 0.5,
      waitWeeks,
      waitUpdatedOn:
        waitWeeks === null
          ? null
          : new Date(Date.now() - Math.floor(random() * 200) * 86_400_000).toISOString().slice(0, 10),
      lastCheckedOn: new Date(Date.now() - Math.floor(random() * 400) * 86_400_000)
        .toISOString()
        .slice(0, 10),
    },
    locationName: `${place.postcode.split(' ')[0]} ${pick(random, kindsOfPlace)}`,
  };
}

/** The bench organisations' listings so far. */
export async function benchServiceCount(db: Db, areaId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from directory_service s join organisation o on o.id = s.organisation_id
      where o.partnership_area_id = ${areaId}`,
  );
  return row?.n ?? 0;
}

/**
 * Tops the bench area's directory up to `target` listings (and loads the
 * synthetic postcodes the first time). Returns how many it added.
 */
export async function addBenchServices(
  db: Db,
  area: { areaId: string; localityIds: string[]; teamOrganisations: { id: string }[] },
  target: number,
  seed: number,
): Promise<number> {
  const present = await benchServiceCount(db, area.areaId);
  if (present >= target) return 0;
  const places = benchPostcodePlaces();
  await db.insert(postcodePlace).values(places).onConflictDoNothing();
  const random = seededRandom(seed * 7919 + present);
  for (let from = present; from < target; from += 500) {
    const batch = Array.from({ length: Math.min(500, target - from) }, (_, i) =>
      benchListing(random, from + i, places),
    );
    await db.transaction(async (tx) => {
      const organisationIds = batch.map(() => pick(random, area.teamOrganisations).id);
      const services = await tx
        .insert(directoryService)
        .values(batch.map((b, i) => ({ ...b.service, organisationId: organisationIds[i] as string })))
        .returning({ id: directoryService.id });
      const locations = await tx
        .insert(directoryLocation)
        .values(
          batch.map((b, i) => ({
            organisationId: organisationIds[i] as string,
            name: b.locationName,
            address1: `${1 + (i % 90)} Main Street`,
            city: 'Benchmark',
            postcode: b.place.postcode,
            latitude: b.place.latitude,
            longitude: b.place.longitude,
          })),
        )
        .returning({ id: directoryLocation.id });
      const ids = services.map((s, i) => ({ serviceId: s.id, locationId: locations[i]?.id as string }));
      await tx.insert(directoryServiceAtLocation).values(ids.filter((_, i) => !batch[i]?.anywhere));
      await tx
        .insert(directoryServiceArea)
        .values(
          ids.map(({ serviceId }, i) =>
            batch[i]?.anywhere
              ? { serviceId, scope: 'scotland' as const }
              : i % 10 === 0
                ? { serviceId, scope: 'council_area' as const, councilArea: benchArea.councilArea }
                : { serviceId, scope: 'locality' as const, localityId: pick(random, area.localityIds) },
          ),
        );
      await tx.insert(directoryPhone).values(
        ids.map(({ serviceId }, i) => ({
          serviceId,
          number: `0131 496 ${String(i % 1000).padStart(4, '0')}`,
        })),
      );
      await tx.insert(directorySchedule).values(
        ids.flatMap(({ serviceId, locationId }, i) =>
          [1 + (i % 5), 1 + ((i + 2) % 5)].map((weekday) => ({
            serviceId,
            locationId: batch[i]?.anywhere ? null : locationId,
            weekday,
            opensAt: '09:30',
            closesAt: '16:30',
          })),
        ),
      );
    });
  }
  return target - present;
}
