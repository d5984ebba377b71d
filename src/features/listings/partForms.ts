import type { ServiceAreaScope } from '../../db/schemaDirectory.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { Checked } from '../plan/planForms.ts';

// The small pages of a listing: a place, an area it covers, a phone number
// and an opening time.

export const postcodePattern = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

/** A postcode upper case with one space before its last three characters ("gm42lt" → "GM4 2LT"). */
export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** The outcode of a normalised postcode ("GM4 2LT" → "GM4"). */
export function outcodeOf(postcode: string): string {
  return postcode.split(' ')[0] ?? postcode;
}

export const locationFieldOrder = [
  'name',
  'address1',
  'address2',
  'city',
  'postcode',
  'latitude',
  'longitude',
  'accessibility',
] as const;
export type LocationForm = Record<(typeof locationFieldOrder)[number], string>;

export const locationLabels = [
  { name: 'name', label: 'Name of the place' },
  { name: 'address1', label: 'Address line 1' },
  { name: 'address2', label: 'Address line 2' },
  { name: 'city', label: 'Town or city' },
  { name: 'postcode', label: 'Postcode' },
  { name: 'latitude', label: 'Latitude' },
  { name: 'longitude', label: 'Longitude' },
  { name: 'accessibility', label: 'Accessibility' },
];

export function parseLocationForm(body: unknown): LocationForm {
  return Object.fromEntries(locationFieldOrder.map((n) => [n, field(body, n)])) as LocationForm;
}

export interface LocationInput {
  name: string;
  address1: string;
  address2: string | null;
  city: string;
  postcode: string;
  /** Both given, or both null: then the postcode is looked up. */
  coordinates: { latitude: number; longitude: number } | null;
  accessibility: string | null;
}

function coordinate(
  errors: FieldErrors,
  name: string,
  value: string,
  limit: number,
  what: string,
): number | null {
  if (!value) return null;
  if (!/^-?\d{1,3}(\.\d+)?$/.test(value) || Math.abs(Number(value)) > limit) {
    errors[name] =
      `${what} must be a number between -${limit} and ${limit}, like ${limit === 90 ? '55.86' : '-4.25'}`;
    return null;
  }
  return Number(value);
}

export function checkLocationForm(form: LocationForm): Checked<LocationInput> {
  const errors: FieldErrors = {};
  const need = (name: keyof LocationForm, max: number, missing: string, what: string) => {
    if (!form[name]) errors[name] = missing;
    else if (form[name].length > max) errors[name] = `${what} must be ${max} characters or fewer`;
  };
  const mayHave = (name: keyof LocationForm, max: number, what: string) => {
    if (form[name].length > max) errors[name] = `${what} must be ${max} characters or fewer`;
  };
  need('name', 200, 'Enter the name of the place', 'The name');
  need('address1', 200, 'Enter the first line of the address', 'Address line 1');
  mayHave('address2', 200, 'Address line 2');
  need('city', 100, 'Enter the town or city', 'The town or city');
  if (!form.postcode) errors.postcode = 'Enter the postcode';
  else if (!postcodePattern.test(form.postcode.replace(/\s+/g, ' ')))
    errors.postcode = 'Enter a real postcode, like GM4 2LT';
  mayHave('accessibility', 1000, 'Accessibility');
  const latitude = coordinate(errors, 'latitude', form.latitude, 90, 'Latitude');
  const longitude = coordinate(errors, 'longitude', form.longitude, 180, 'Longitude');
  if (form.latitude && !form.longitude && !errors.latitude)
    errors.longitude = 'Enter the longitude as well as the latitude';
  if (form.longitude && !form.latitude && !errors.longitude)
    errors.latitude = 'Enter the latitude as well as the longitude';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: form.name,
      address1: form.address1,
      address2: form.address2 || null,
      city: form.city,
      postcode: normalisePostcode(form.postcode),
      coordinates: latitude !== null && longitude !== null ? { latitude, longitude } : null,
      accessibility: form.accessibility || null,
    },
  };
}

export const areaScopeNames: Record<ServiceAreaScope, string> = {
  partnership_area: 'The whole partnership area',
  locality: 'A locality',
  council_area: 'A council area',
  scotland: 'Anywhere in Scotland',
  uk: 'Anywhere in the UK',
};

export const areaFieldOrder = ['scope', 'localityId', 'councilArea'] as const;
export type AreaForm = Record<(typeof areaFieldOrder)[number], string>;

export function parseAreaForm(body: unknown): AreaForm {
  return Object.fromEntries(areaFieldOrder.map((n) => [n, field(body, n)])) as AreaForm;
}

export interface AreaInput {
  scope: ServiceAreaScope;
  localityId: string | null;
  councilArea: string | null;
}

/** An area the service covers; a locality must be one of the partnership area's. */
export function checkAreaForm(form: AreaForm, localityIds: readonly string[]): Checked<AreaInput> {
  const errors: FieldErrors = {};
  if (!(form.scope in areaScopeNames)) errors.scope = 'Select the area the service covers';
  if (form.scope === 'locality' && !localityIds.includes(form.localityId))
    errors.localityId = 'Select the locality';
  if (form.scope === 'council_area' && !form.councilArea) errors.councilArea = 'Enter the council area';
  else if (form.scope === 'council_area' && form.councilArea.length > 200)
    errors.councilArea = 'The council area must be 200 characters or fewer';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      scope: form.scope as ServiceAreaScope,
      localityId: form.scope === 'locality' ? form.localityId : null,
      councilArea: form.scope === 'council_area' ? form.councilArea : null,
    },
  };
}

export const phoneFieldOrder = ['number', 'description'] as const;
export type PhoneForm = Record<(typeof phoneFieldOrder)[number], string>;

export function parsePhoneForm(body: unknown): PhoneForm {
  return { number: field(body, 'number'), description: field(body, 'description') };
}

export function checkPhoneForm(form: PhoneForm): Checked<{ number: string; description: string | null }> {
  const errors: FieldErrors = {};
  if (!form.number) errors.number = 'Enter the phone number';
  else if (!/^\+?[0-9 ()-]{3,30}$/.test(form.number) || !/[0-9]{3}/.test(form.number.replace(/\D/g, '')))
    errors.number = 'Enter a phone number, like 01632 960 001';
  if (form.description.length > 200) errors.description = 'The description must be 200 characters or fewer';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { number: form.number, description: form.description || null } };
}

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const scheduleFieldOrder = ['weekday', 'opensAt', 'closesAt', 'locationId', 'description'] as const;
export type ScheduleForm = Record<(typeof scheduleFieldOrder)[number], string>;

export function parseScheduleForm(body: unknown): ScheduleForm {
  return Object.fromEntries(scheduleFieldOrder.map((n) => [n, field(body, n)])) as ScheduleForm;
}

export interface ScheduleInput {
  weekday: number;
  opensAt: string;
  closesAt: string;
  locationId: string | null;
  description: string | null;
}

/** A time of day as HH:MM, from "9:30", "09:30" or "17.00"; undefined when it is not one. */
export function timeOfDay(value: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** An opening time; its place, when given, must be one the service is at. */
export function checkScheduleForm(
  form: ScheduleForm,
  locationIds: readonly string[],
): Checked<ScheduleInput> {
  const errors: FieldErrors = {};
  if (!/^[1-7]$/.test(form.weekday)) errors.weekday = 'Select the day of the week';
  const opensAt = timeOfDay(form.opensAt);
  const closesAt = timeOfDay(form.closesAt);
  if (!form.opensAt) errors.opensAt = 'Enter the time it opens';
  else if (!opensAt) errors.opensAt = 'Enter the time it opens in the 24-hour clock, like 09:30';
  if (!form.closesAt) errors.closesAt = 'Enter the time it closes';
  else if (!closesAt) errors.closesAt = 'Enter the time it closes in the 24-hour clock, like 17:00';
  else if (opensAt && closesAt <= opensAt)
    errors.closesAt = 'The closing time must be after the opening time';
  if (form.locationId && !locationIds.includes(form.locationId))
    errors.locationId = 'Select one of the places the service is at, or none';
  if (form.description.length > 200) errors.description = 'The note must be 200 characters or fewer';
  if (Object.keys(errors).length || !opensAt || !closesAt) return { ok: false, errors };
  return {
    ok: true,
    value: {
      weekday: Number(form.weekday),
      opensAt,
      closesAt,
      locationId: form.locationId || null,
      description: form.description || null,
    },
  };
}
