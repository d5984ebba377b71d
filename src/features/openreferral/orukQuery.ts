// The query parameters of the Open Referral UK list endpoints, checked:
// anything wrong is named so the caller can fix it (a 400 problem).
import { type TaxonomyKey, taxonomies, taxonomyId, termById } from '../directory/vocabulary.ts';
import { defaultPerPage, maxPerPage, type Paging } from './paging.ts';
import { normalisePostcode, type PostcodeQuery } from './postcodes.ts';

export interface QueryError {
  pointer: string;
  detail: string;
}

export interface ServiceFilters {
  /** Lower-case words to find in the name or description. */
  search: string | null;
  /** A term: the service column and the code in it. 'none' when the id is not one Hearth publishes. */
  termKey: TaxonomyKey | 'none' | null;
  termCode: string | null;
  /** A taxonomy: services with any of its terms. */
  taxonomyKey: TaxonomyKey | 'none' | null;
  minimumAge: number | null;
  maximumAge: number | null;
}

export interface PlaceFilters {
  postcode: PostcodeQuery | null;
  /** Metres from the postcode's centre. */
  proximity: number | null;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Query = Record<string, unknown>;

class Reader {
  readonly errors: QueryError[] = [];
  constructor(private readonly query: Query) {}

  text(name: string, maxLength = 200): string | null {
    const raw = this.query[name];
    if (raw === undefined) return null;
    if (typeof raw !== 'string') {
      this.fail(name, `Give ${name} once.`);
      return null;
    }
    const value = raw.trim();
    if (value.length > maxLength) this.fail(name, `${name} must be ${maxLength} characters or fewer.`);
    return value === '' ? null : value;
  }

  number(name: string, min: number, max: number, integer: boolean): number | null {
    const value = this.text(name, 20);
    if (value === null) return null;
    const parsed = Number(value);
    const shaped = integer ? /^\d+$/.test(value) : /^\d+(\.\d+)?$/.test(value);
    if (!shaped || parsed < min || parsed > max) {
      this.fail(name, `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
      return null;
    }
    return parsed;
  }

  uuid(name: string): string | null {
    const value = this.text(name, 36);
    if (value !== null && !uuidPattern.test(value)) {
      this.fail(name, `${name} must be a UUID, like 3fa85f64-5717-4562-b3fc-2c963f66afa6.`);
      return null;
    }
    return value?.toLowerCase() ?? null;
  }

  fail(name: string, detail: string): void {
    this.errors.push({ pointer: `#/query/${name}`, detail });
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: QueryError[] };

function finish<T>(reader: Reader, value: T): Parsed<T> {
  return reader.errors.length ? { ok: false, errors: reader.errors } : { ok: true, value };
}

function readPaging(reader: Reader): Paging {
  return {
    page: reader.number('page', 1, 1_000_000, true) ?? 1,
    perPage: reader.number('per_page', 1, maxPerPage, true) ?? defaultPerPage,
  };
}

function readServiceFilters(reader: Reader): ServiceFilters {
  const termIdValue = reader.uuid('taxonomy_term_id');
  const term = termIdValue ? termById(termIdValue) : undefined;
  const taxonomyIdValue = reader.uuid('taxonomy_id');
  const taxonomy = taxonomyIdValue
    ? taxonomies.find((candidate) => taxonomyId(candidate.key) === taxonomyIdValue)
    : undefined;
  const minimumAge = reader.number('minimum_age', 0, 120, false);
  const maximumAge = reader.number('maximum_age', 0, 120, false);
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge)
    reader.fail('minimum_age', 'minimum_age must not be more than maximum_age.');
  return {
    search: reader.text('search')?.toLowerCase() ?? null,
    termKey: termIdValue ? (term?.key ?? 'none') : null,
    termCode: term?.term.code ?? null,
    taxonomyKey: taxonomyIdValue ? (taxonomy?.key ?? 'none') : null,
    minimumAge,
    maximumAge,
  };
}

/** GET /services: paging and the service filters. */
export function parseServiceQuery(query: Query): Parsed<{ paging: Paging; filters: ServiceFilters }> {
  const reader = new Reader(query);
  const paging = readPaging(reader);
  return finish(reader, { paging, filters: readServiceFilters(reader) });
}

/** GET /service_at_locations: the service filters, and a postcode with an optional distance. */
export function parseServiceAtLocationQuery(
  query: Query,
): Parsed<{ paging: Paging; filters: ServiceFilters; place: PlaceFilters }> {
  const reader = new Reader(query);
  const paging = readPaging(reader);
  const filters = readServiceFilters(reader);
  const postcodeText = reader.text('postcode', 10);
  const postcode = postcodeText ? normalisePostcode(postcodeText) : undefined;
  if (postcodeText && !postcode)
    reader.fail('postcode', 'postcode must be a UK postcode, like GM4 2LT, or the first half of one.');
  const proximity = reader.number('proximity', 1, 1_000_000, false);
  if (proximity !== null && !postcodeText)
    reader.fail('proximity', 'proximity needs a postcode to measure from.');
  return finish(reader, { paging, filters, place: { postcode: postcode ?? null, proximity } });
}

/** GET /taxonomies: paging only. */
export function parsePagingQuery(query: Query): Parsed<{ paging: Paging }> {
  const reader = new Reader(query);
  return finish(reader, { paging: readPaging(reader) });
}

/** GET /taxonomy_terms: paging and an optional taxonomy. */
export function parseTermQuery(query: Query): Parsed<{ paging: Paging; taxonomyId: string | null }> {
  const reader = new Reader(query);
  const paging = readPaging(reader);
  return finish(reader, { paging, taxonomyId: reader.uuid('taxonomy_id') });
}
