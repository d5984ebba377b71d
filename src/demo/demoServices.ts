// Writes the demo directory: postcode places for the demo area, the places
// services work from, and the listings with their areas, phones and times.
import type { Db } from '../db/client.ts';
import {
  directoryLocation,
  directoryPhone,
  directorySchedule,
  directoryService,
  directoryServiceArea,
  directoryServiceAtLocation,
  postcodePlace,
} from '../db/schema.ts';
import { demoLocations, demoOutcodes, demoPostcodes } from './demoPlaces.ts';
import { type DemoListing, demoListings } from './demoServiceListings.ts';

export interface DemoServiceContext {
  areaId: string;
  councilArea: string;
  /** Organisation ids by demo key. */
  orgId: Map<string, string>;
  /** Locality ids in the order of demoArea.localities. */
  localityIds: string[];
  today: Date;
}

function daysBefore(today: Date, days: number): string {
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo directory: ${what} missing`);
  return value;
}

/** The postcode places of the demo area: its outcodes and a few full postcodes. */
export function demoPostcodePlaces(councilArea: string) {
  const outcodes = demoOutcodes.map((o) => ({
    postcode: o.outcode,
    kind: 'outcode' as const,
    latitude: o.latitude,
    longitude: o.longitude,
    councilArea,
  }));
  const postcodes = demoPostcodes.map((p) => ({ ...p, kind: 'postcode' as const, councilArea }));
  return [...outcodes, ...postcodes];
}

function serviceRow(listing: DemoListing, context: DemoServiceContext) {
  return {
    organisationId: required(context.orgId.get(listing.organisation), listing.organisation),
    name: listing.name,
    summary: listing.summary,
    description: listing.description,
    url: listing.url ?? null,
    email: listing.email ?? null,
    status: listing.inactive ? ('inactive' as const) : ('active' as const),
    audiences: listing.audiences,
    minimumAge: listing.ages?.[0] ?? null,
    maximumAge: listing.ages?.[1] ?? null,
    supportKinds: listing.supportKinds,
    programmes: listing.programmes ?? [],
    delivery: listing.delivery,
    deliveredBy: listing.deliveredBy,
    languages: listing.languages ?? ['en'],
    accessibility: listing.accessibility ?? null,
    free: listing.costNote === undefined,
    costNote: listing.costNote ?? null,
    referralRoutes: listing.referralRoutes,
    howToGetIn: listing.howToGetIn,
    selfReferral: listing.selfReferral ?? false,
    whatHappensNext: listing.whatHappensNext ?? null,
    capacityNote: listing.capacityNote ?? null,
    waitWeeks: listing.wait?.[0] ?? null,
    waitUpdatedOn: listing.wait ? daysBefore(context.today, listing.wait[1]) : null,
    lastCheckedOn: daysBefore(context.today, listing.checkedDaysAgo),
  };
}

function areaRows(serviceId: string, listing: DemoListing, context: DemoServiceContext) {
  return (listing.areas ?? []).map((area) => {
    if (area === 'area')
      return { serviceId, scope: 'partnership_area' as const, partnershipAreaId: context.areaId };
    if (area === 'council')
      return { serviceId, scope: 'council_area' as const, councilArea: context.councilArea };
    if (area === 'scotland' || area === 'uk') return { serviceId, scope: area };
    return {
      serviceId,
      scope: 'locality' as const,
      localityId: required(context.localityIds[area], `locality ${area}`),
    };
  });
}

function placeOf(postcode: string): { latitude: number; longitude: number } {
  return required(
    demoPostcodes.find((p) => p.postcode === postcode),
    `postcode ${postcode}`,
  );
}

/** Loads the demo directory inside the demo's transaction. */
export async function addDemoServices(tx: Db, context: DemoServiceContext): Promise<void> {
  await tx.insert(postcodePlace).values(demoPostcodePlaces(context.councilArea));
  const locations = await tx
    .insert(directoryLocation)
    .values(
      demoLocations.map((l) => ({
        organisationId: required(context.orgId.get(l.organisation), l.organisation),
        name: l.name,
        address1: l.address1,
        city: l.city,
        postcode: l.postcode,
        ...placeOf(l.postcode),
        localityId: context.localityIds[l.locality] ?? null,
        accessibility: l.accessibility ?? null,
      })),
    )
    .returning({ id: directoryLocation.id });
  const locationId = new Map(demoLocations.map((l, i) => [l.key, required(locations[i]?.id, l.key)]));

  const services = await tx
    .insert(directoryService)
    .values(demoListings.map((listing) => serviceRow(listing, context)))
    .returning({ id: directoryService.id });
  const atLocations = [];
  const areas = [];
  const phones = [];
  const times = [];
  for (const [index, listing] of demoListings.entries()) {
    const serviceId = required(services[index]?.id, listing.name);
    const keys = listing.locations ?? [];
    atLocations.push(...keys.map((key) => ({ serviceId, locationId: required(locationId.get(key), key) })));
    areas.push(...areaRows(serviceId, listing, context));
    phones.push(
      ...(listing.phones ?? []).map(([number, description], position) => ({
        serviceId,
        number,
        description: description ?? null,
        position,
      })),
    );
    // Times are at the service's first place, or for the service as a whole when it has none (a phone line).
    const at = keys[0] ? (locationId.get(keys[0]) ?? null) : null;
    times.push(
      ...(listing.times ?? []).map(([weekday, opensAt, closesAt, description]) => ({
        serviceId,
        locationId: at,
        weekday,
        opensAt,
        closesAt,
        description: description ?? null,
      })),
    );
  }
  if (atLocations.length) await tx.insert(directoryServiceAtLocation).values(atLocations);
  if (areas.length) await tx.insert(directoryServiceArea).values(areas);
  if (phones.length) await tx.insert(directoryPhone).values(phones);
  if (times.length) await tx.insert(directorySchedule).values(times);
}
