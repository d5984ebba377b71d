// The parts of an imported service that hang off it: phones, the areas it
// covers, its places and its opening times.
import { randomUUID } from 'node:crypto';
import type { directoryService, ServiceAreaScope } from '../../db/schema.ts';
import { serviceAreaScopes } from '../../db/schemaDirectory.ts';
import type { FieldReader } from './importReader.ts';
import { weekdayCodes } from './orukPresenter.ts';
import { normalisePostcode } from './postcodes.ts';

export type Values = Omit<typeof directoryService.$inferInsert, 'organisationId'>;

export interface LocationDraft {
  id: string;
  name: string;
  address1: string;
  address2: string | undefined;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  localityId: string | undefined;
  accessibility: string | undefined;
  /** Where in the file it is, for problems found against the database. */
  field: string;
}

export interface AreaDraft {
  id: string;
  scope: ServiceAreaScope;
  partnershipAreaId?: string;
  localityId?: string;
  councilArea?: string;
  field: string;
}

export interface ServiceDraft {
  ref: string;
  organisation: { id: string | undefined; name: string | undefined };
  values: Values;
  phones: { id: string; number: string; description: string | undefined; position: number }[];
  areas: AreaDraft[];
  locations: { serviceAtLocationId: string; location: LocationDraft }[];
  schedules: {
    id: string;
    locationId: string | null;
    weekday: number;
    opensAt: string;
    closesAt: string;
    description: string | undefined;
  }[];
}

function readLocation(reader: FieldReader): LocationDraft | undefined {
  const address =
    reader.list('addresses').find((candidate) => candidate.object.address_type !== 'postal') ??
    reader.list('addresses')[0];
  if (!address) reader.fail('addresses', 'needs the address of the place');
  const postcodeText = address?.text('postal_code', { required: true, max: 10 });
  const postcode = postcodeText ? normalisePostcode(postcodeText)?.full : undefined;
  if (postcodeText && !postcode) address?.fail('postal_code', 'must be a full UK postcode, like GM4 2LT');
  const location = {
    id: reader.uuid('id') ?? randomUUID(),
    name: reader.text('name', { required: true, max: 200 }),
    address1: address?.text('address_1', { required: true, max: 200 }),
    address2: address?.text('address_2', { max: 200 }),
    city: address?.text('city', { required: true, max: 100 }),
    postcode,
    latitude: reader.number('latitude', -90, 90, { required: true }),
    longitude: reader.number('longitude', -180, 180, { required: true }),
    localityId: reader.child('hearth')?.uuid('locality_id'),
    accessibility: reader.list('accessibility')[0]?.text('description', { max: 1000 }),
    field: reader.path,
  };
  const { name, address1, city, latitude, longitude } = location;
  if (!name || !address1 || !city || !postcode || latitude === undefined || longitude === undefined)
    return undefined;
  return { ...location, name, address1, city, postcode, latitude, longitude };
}

const urnPattern = /^urn:hearth:([a-z_]+)(?::(.+))?$/;

function readArea(reader: FieldReader): AreaDraft | undefined {
  const id = reader.uuid('id') ?? randomUUID();
  const field = reader.path;
  const uri = reader.text('uri', { max: 500 });
  const match = uri ? urnPattern.exec(uri) : null;
  if (!match) {
    // Another directory's area: Hearth keeps it as a council area by its name.
    const name = reader.text('name', { max: 200 }) ?? reader.text('service_area', { max: 200 });
    if (!name) return reader.fail('name', 'is needed: the name of the area');
    return { id, scope: 'council_area', councilArea: name, field };
  }
  const scope = match[1] as ServiceAreaScope;
  const key = match[2] ? decodeURIComponent(match[2]) : undefined;
  if (!serviceAreaScopes.includes(scope))
    return reader.fail('uri', `names an area kind Hearth does not know`);
  if (scope === 'scotland' || scope === 'uk') return { id, scope, field };
  if (!key) return reader.fail('uri', 'must end with the area');
  if (scope === 'council_area')
    return key.length <= 200 ? { id, scope, councilArea: key, field } : reader.fail('uri', 'is too long');
  if (!/^[0-9a-f-]{36}$/i.test(key)) return reader.fail('uri', 'must end with the area’s id');
  return scope === 'locality'
    ? { id, scope, localityId: key.toLowerCase(), field }
    : { id, scope, partnershipAreaId: key.toLowerCase(), field };
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;

export function readPlaces(service: FieldReader) {
  const phones = service.list('phones').flatMap((phone, position) => {
    const number = phone.text('number', { required: true, min: 3, max: 30 });
    const description = phone.text('description', { max: 200 });
    return number ? [{ id: phone.uuid('id') ?? randomUUID(), number, description, position }] : [];
  });
  const areas = service.list('service_areas').flatMap((area) => readArea(area) ?? []);
  const atLocations = new Map<string, string>();
  const locations = service.list('service_at_locations').flatMap((link) => {
    const reader = link.child('location');
    if (!reader) return link.fail('location', 'is needed: the place itself') ?? [];
    const location = readLocation(reader);
    if (!location) return [];
    const serviceAtLocationId = link.uuid('id') ?? randomUUID();
    atLocations.set(serviceAtLocationId, location.id);
    return [{ serviceAtLocationId, location }];
  });
  const schedules = service.list('schedules').flatMap((schedule) => {
    const freq = schedule.text('freq', { max: 20 });
    if (freq && freq !== 'WEEKLY') schedule.fail('freq', 'must be WEEKLY: Hearth keeps weekly opening times');
    schedule.number('interval', 1, 1, { integer: true });
    const days = (schedule.text('byday', { required: true, max: 40 }) ?? '').split(',').filter(Boolean);
    const weekdays = days.map((day) => weekdayCodes.indexOf(day.trim() as (typeof weekdayCodes)[number]) + 1);
    if (weekdays.some((weekday) => weekday === 0)) schedule.fail('byday', 'must be days like MO,WE,FR');
    const opensAt = schedule.text('opens_at', { required: true, max: 8 });
    const closesAt = schedule.text('closes_at', { required: true, max: 8 });
    if (opensAt && !timePattern.test(opensAt)) schedule.fail('opens_at', 'must be a time like 09:30');
    if (closesAt && !timePattern.test(closesAt)) schedule.fail('closes_at', 'must be a time like 17:00');
    else if (opensAt && closesAt && opensAt >= closesAt) schedule.fail('closes_at', 'must be after opens_at');
    const link = schedule.uuid('service_at_location_id');
    const locationId = link ? atLocations.get(link) : null;
    if (link && !locationId) schedule.fail('service_at_location_id', 'is not one of this service’s places');
    const description = schedule.text('description', { max: 200 });
    const id = schedule.uuid('id');
    if (!opensAt || !closesAt || weekdays.some((weekday) => weekday === 0)) return [];
    return weekdays.map((weekday) => ({
      id: weekdays.length === 1 && id ? id : randomUUID(),
      locationId: locationId ?? null,
      weekday,
      opensAt,
      closesAt,
      description,
    }));
  });
  return { phones, areas, locations, schedules };
}
