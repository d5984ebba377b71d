// Directory fixtures for the finder's tests: services with places, areas,
// phones and opening times, written straight to the tables.
import type { Db } from '../../db/client.ts';
import {
  directoryLocation,
  directoryPhone,
  directorySchedule,
  directoryService,
  directoryServiceArea,
  directoryServiceAtLocation,
  postcodePlace,
  type ServiceAreaScope,
} from '../../db/schemaDirectory.ts';

export interface ServiceSpec {
  name: string;
  audiences?: string[];
  supportKinds?: string[];
  delivery?: string[];
  waitWeeks?: number | null;
  status?: 'active' | 'inactive';
  selfReferral?: boolean;
  whatHappensNext?: string;
  at?: { latitude: number; longitude: number; name?: string; localityId?: string }[];
  areas?: {
    scope: ServiceAreaScope;
    councilArea?: string;
    partnershipAreaId?: string;
    localityId?: string;
  }[];
}

export async function addService(db: Db, organisationId: string, spec: ServiceSpec): Promise<string> {
  const [service] = await db
    .insert(directoryService)
    .values({
      organisationId,
      name: spec.name,
      summary: `${spec.name}: support for families`,
      description: `What ${spec.name} offers.\n\nA second paragraph.`,
      status: spec.status ?? 'active',
      audiences: spec.audiences ?? ['anyone_affected'],
      supportKinds: spec.supportKinds ?? ['one_to_one'],
      delivery: spec.delivery ?? ['in_person'],
      deliveredBy: ['paid_staff'],
      languages: ['en', 'pl'],
      referralRoutes: ['self'],
      selfReferral: spec.selfReferral ?? false,
      whatHappensNext: spec.whatHappensNext ?? null,
      waitWeeks: spec.waitWeeks ?? null,
      waitUpdatedOn: spec.waitWeeks === undefined || spec.waitWeeks === null ? null : '2026-11-04',
      email: 'hello@service.example',
      url: 'https://service.example',
    })
    .returning({ id: directoryService.id });
  if (!service) throw new Error('no service');
  for (const [i, place] of (spec.at ?? []).entries()) {
    const [location] = await db
      .insert(directoryLocation)
      .values({
        organisationId,
        name: place.name ?? `${spec.name} hall ${i + 1}`,
        address1: '1 High Street',
        city: 'Dunmore',
        postcode: 'GM4 2LT',
        latitude: place.latitude,
        longitude: place.longitude,
        localityId: place.localityId ?? null,
      })
      .returning({ id: directoryLocation.id });
    await db
      .insert(directoryServiceAtLocation)
      .values({ serviceId: service.id, locationId: location?.id as string });
  }
  for (const area of spec.areas ?? [])
    await db.insert(directoryServiceArea).values({ serviceId: service.id, ...area });
  await db
    .insert(directoryPhone)
    .values({ serviceId: service.id, number: '01234 567890', description: 'Office' });
  await db.insert(directorySchedule).values({
    serviceId: service.id,
    weekday: 2,
    opensAt: '10:00',
    closesAt: '12:30',
    description: 'Drop in',
  });
  return service.id;
}

export async function addPlace(
  db: Db,
  postcode: string,
  latitude: number,
  longitude: number,
  councilArea: string | null = null,
) {
  await db.insert(postcodePlace).values({
    postcode,
    kind: postcode.includes(' ') ? 'postcode' : 'outcode',
    latitude,
    longitude,
    councilArea,
  });
}

/** A form body as app.inject sends it: repeated names for lists. */
export function formBody(form: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body.toString();
}
