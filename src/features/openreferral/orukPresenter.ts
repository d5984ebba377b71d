// Hearth's directory rows as Open Referral UK (HSDS-UK 3.0) JSON. Fields the
// UK profile has are filled first; HSDS 3.0 fields the profile leaves out
// (phones, application_process, wait_time, fees_description, language codes)
// come next, and what neither has is under `hearth` so an export can be read
// back without loss. Ids that Hearth does not store (languages, attributes,
// addresses) are name-based UUIDs, the same on every request.
import {
  labelOf,
  languages as languageTerms,
  nameBasedUuid,
  type Taxonomy,
  type TaxonomyKey,
  type Term,
  taxonomies,
  taxonomyId,
  termId,
} from '../directory/vocabulary.ts';
import type { LocationRow, ServiceAtLocationListRow, ServiceBundle, ServiceRow } from './orukRepository.ts';

export type Json = Record<string, unknown>;

/** The object without its null and undefined fields: ORUK fields are absent rather than null. */
export function compact<T extends Json>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== null && value !== undefined),
  ) as T;
}

/** The service column behind each taxonomy, and the link_type its attributes carry. */
export const taxonomyColumns: Record<TaxonomyKey, { column: keyof ServiceRow; linkType: string }> = {
  audiences: { column: 'audiences', linkType: 'audience' },
  supportKinds: { column: 'support_kinds', linkType: 'support_kind' },
  programmes: { column: 'programmes', linkType: 'programme' },
  delivery: { column: 'delivery', linkType: 'delivery_method' },
  deliveredBy: { column: 'delivered_by', linkType: 'delivered_by' },
  referralRoutes: { column: 'referral_routes', linkType: 'referral_route' },
};

export const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const organisationKindWords: Record<string, string> = {
  nhs: 'an NHS organisation',
  local_authority: 'a council',
  third_sector: 'a charity or voluntary organisation',
  community: 'a community group',
};

export function taxonomyJson(taxonomy: Taxonomy): Json {
  return {
    id: taxonomyId(taxonomy.key),
    name: taxonomy.name,
    description: taxonomy.description,
    version: '1',
  };
}

export function termJson(taxonomy: Taxonomy, term: Term): Json {
  return {
    id: termId(taxonomy.key, term.code),
    name: term.label,
    description: term.description ?? term.label,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomyId(taxonomy.key),
    term: term.code,
  };
}

function organizationJson(service: ServiceRow): Json {
  return {
    id: service.organisation_id,
    name: service.organisation_name,
    description: `${service.organisation_name} is ${organisationKindWords[service.organisation_kind] ?? 'an organisation'}.`,
  };
}

function waitTime(service: ServiceRow): string | undefined {
  if (service.wait_weeks === null) return undefined;
  const weeks =
    service.wait_weeks === 0
      ? 'No wait'
      : `About ${service.wait_weeks} week${service.wait_weeks === 1 ? '' : 's'}`;
  return `${weeks}, as of ${service.wait_updated_on}`;
}

/** The service's own fields and its organisation: what the lists show. */
export function serviceSummary(service: ServiceRow): Json {
  return compact({
    id: service.id,
    organization_id: service.organisation_id,
    name: service.name,
    description: service.description,
    url: service.url,
    email: service.email,
    status: service.status,
    fees: service.free ? 'Free' : (service.cost_note ?? 'There is a charge'),
    minimum_age: service.minimum_age,
    maximum_age: service.maximum_age,
    assured_date: service.last_checked_on,
    alert: service.capacity_note,
    last_modified: service.last_modified,
    organization: organizationJson(service),
  });
}

function attributes(service: ServiceRow): Json[] {
  return taxonomies.flatMap((taxonomy) => {
    const { column, linkType } = taxonomyColumns[taxonomy.key];
    return (service[column] as string[]).map((code) => {
      const term = taxonomy.terms.find((candidate) => candidate.code === code) ?? { code, label: code };
      return {
        id: nameBasedUuid(`attribute:${service.id}:${taxonomy.key}:${code}`),
        link_id: service.id,
        taxonomy_term_id: termId(taxonomy.key, code),
        link_type: linkType,
        taxonomy_term: termJson(taxonomy, term),
      };
    });
  });
}

function locationJson(location: LocationRow): Json {
  return {
    id: location.id,
    location_type: 'physical',
    name: location.name,
    latitude: location.latitude,
    longitude: location.longitude,
    addresses: [
      compact({
        id: nameBasedUuid(`address:${location.id}`),
        location_id: location.id,
        address_1: location.address_1,
        address_2: location.address_2,
        city: location.city,
        state_province: 'Scotland',
        postal_code: location.postcode,
        country: 'GB',
        address_type: 'physical',
      }),
    ],
    accessibility: location.accessibility
      ? [
          {
            id: nameBasedUuid(`accessibility:${location.id}`),
            location_id: location.id,
            description: location.accessibility,
          },
        ]
      : [],
    ...(location.locality_id ? { hearth: { locality_id: location.locality_id } } : {}),
  };
}

const areaNames: Record<string, string> = { scotland: 'Scotland', uk: 'United Kingdom' };

/**
 * A service with everything about it, as GET /services/{id} and the export
 * give it. Only the export holds the address referral notices go to: it is
 * for Hearth, not for the public.
 */
export function nestedService(bundle: ServiceBundle, options: { forExport?: boolean } = {}): Json {
  const { service } = bundle;
  const atLocationIds = new Map(bundle.locations.map((row) => [row.id, row.service_at_location_id]));
  return {
    ...serviceSummary(service),
    ...compact({
      application_process: service.how_to_get_in,
      wait_time: waitTime(service),
      fees_description: service.cost_note,
    }),
    schedules: bundle.schedules.map((row) =>
      compact({
        id: row.id,
        service_id: service.id,
        service_at_location_id: row.location_id ? atLocationIds.get(row.location_id) : undefined,
        freq: 'WEEKLY',
        interval: 1,
        byday: weekdayCodes[row.weekday - 1],
        opens_at: row.opens_at,
        closes_at: row.closes_at,
        description: row.description,
      }),
    ),
    service_areas: bundle.areas.map((row) => {
      const name = areaNames[row.scope] ?? row.area_name ?? row.scope;
      const key = row.partnership_area_id ?? row.locality_id ?? row.council_area;
      return {
        id: row.id,
        service_id: service.id,
        name,
        service_area: name,
        uri: key ? `urn:hearth:${row.scope}:${encodeURIComponent(key)}` : `urn:hearth:${row.scope}`,
      };
    }),
    service_at_locations: bundle.locations.map((row) => ({
      id: row.service_at_location_id,
      service_id: service.id,
      location_id: row.id,
      location: locationJson(row),
    })),
    languages: service.languages.map((code) => ({
      id: nameBasedUuid(`language:${service.id}:${code}`),
      service_id: service.id,
      code,
      name: labelOf(languageTerms, code),
    })),
    funding: [],
    cost_options: [
      compact({
        id: nameBasedUuid(`cost:${service.id}`),
        service_id: service.id,
        option: service.free ? 'Free' : 'There is a charge',
        amount: service.free ? 0 : undefined,
        amount_description: service.cost_note,
      }),
    ],
    contacts: [],
    phones: bundle.phones.map((row) =>
      compact({ id: row.id, service_id: service.id, number: row.number, description: row.description }),
    ),
    attributes: attributes(service),
    hearth: compact({
      summary: service.summary,
      accessibility: service.accessibility,
      self_referral: service.self_referral,
      what_happens_next: service.what_happens_next,
      wait_weeks: service.wait_weeks,
      wait_updated_on: service.wait_updated_on,
      referral_takes: service.referral_takes,
      referral_needs: service.referral_needs,
      referral_excludes: service.referral_excludes,
      referral_email: options.forExport ? service.referral_email : undefined,
    }),
  };
}

/** A row of GET /service_at_locations: the link, its location and its service. */
export function serviceAtLocationSummary(row: ServiceAtLocationListRow): Json {
  const location = row.location;
  return {
    id: row.service_at_location_id,
    service_id: row.id,
    location_id: location.id,
    location: {
      id: location.id,
      location_type: 'physical',
      name: location.name,
      latitude: Number(location.latitude),
      longitude: Number(location.longitude),
    },
    service: serviceSummary(row),
    ...(row.distance === null ? {} : { hearth: { distance_metres: Math.round(Number(row.distance)) } }),
  };
}
