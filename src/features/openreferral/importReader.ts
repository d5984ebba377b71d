// Reads services in Open Referral UK form (as the export writes them, or as
// another directory publishes them) into Hearth's rows, checking every field
// against what the directory tables accept. Every problem is kept, named by
// service and field, so one run shows everything to fix.
import { randomUUID } from 'node:crypto';
import { emailPattern } from '../../platform/http/forms.ts';
import { type TaxonomyKey, taxonomies, taxonomyId, termById } from '../directory/vocabulary.ts';
import { readPlaces, type ServiceDraft, type Values } from './importPlaces.ts';
import { taxonomyColumns } from './orukPresenter.ts';
import { uuidPattern } from './orukQuery.ts';

export type { ServiceDraft } from './importPlaces.ts';

export interface ImportProblem {
  /** Which service: its place in the file, its name and id when it has them. */
  service: string;
  /** Which field, as a path into the service, like `service_at_locations[0].location.latitude`. */
  field: string;
  reason: string;
}

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads fields of one object, noting what is wrong with each under the object's path. */
export class FieldReader {
  constructor(
    private readonly problems: ImportProblem[],
    readonly service: string,
    readonly object: Json,
    readonly path = '',
  ) {}

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** Notes a problem with the field; gives undefined, so `return reader.fail(…)` gives nothing. */
  fail(key: string, reason: string): undefined {
    this.problems.push({ service: this.service, field: this.at(key), reason });
    return undefined;
  }

  text(key: string, options: { required?: boolean; min?: number; max: number }): string | undefined {
    const value = this.object[key];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.fail(key, 'is needed');
      return undefined;
    }
    if (typeof value !== 'string') return this.fail(key, 'must be text');
    const trimmed = value.trim();
    if (trimmed.length < (options.min ?? 1) || trimmed.length > options.max) {
      this.fail(key, `must be ${options.min ?? 1} to ${options.max} characters`);
      return undefined;
    }
    return trimmed;
  }

  number(key: string, min: number, max: number, options: { integer?: boolean; required?: boolean } = {}) {
    const value = this.object[key];
    if (value === undefined || value === null) {
      if (options.required) this.fail(key, 'is needed');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(key, `must be a number from ${min} to ${max}`);
      return undefined;
    }
    if (options.integer && !Number.isInteger(value)) return this.fail(key, 'must be a whole number');
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.object[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') return this.fail(key, 'must be true or false');
    return value;
  }

  uuid(key: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.text(key, { max: 36, ...options });
    if (value === undefined) return undefined;
    if (!uuidPattern.test(value)) return this.fail(key, 'must be a UUID');
    return value.toLowerCase();
  }

  date(key: string): string | undefined {
    const value = this.text(key, { max: 10 });
    if (value === undefined) return undefined;
    const parsed = new Date(`${value}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      Number.isNaN(parsed.getTime()) ||
      !parsed.toISOString().startsWith(value)
    )
      return this.fail(key, 'must be a date like 2026-03-31');
    return value;
  }

  /** The objects in an array field, each with a reader of its own. */
  list(key: string): FieldReader[] {
    const value = this.object[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(key, 'must be a list') ?? [];
    return value.flatMap((item, index) => {
      const path = `${this.at(key)}[${index}]`;
      if (isObject(item)) return [new FieldReader(this.problems, this.service, item, path)];
      this.problems.push({ service: this.service, field: path, reason: 'must be an object' });
      return [];
    });
  }

  child(key: string): FieldReader | undefined {
    const value = this.object[key];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return this.fail(key, 'must be an object');
    return new FieldReader(this.problems, this.service, value, this.at(key));
  }
}

const statuses: Record<string, 'active' | 'inactive'> = {
  active: 'active',
  inactive: 'inactive',
  defunct: 'inactive',
  'temporarily closed': 'inactive',
};

function summaryFrom(description: string): string {
  const sentence = /^(.+?[.!?])(\s|$)/.exec(description)?.[1] ?? description;
  return sentence.length <= 300 ? sentence : `${sentence.slice(0, 299)}…`;
}

function readAttributes(service: FieldReader): Record<TaxonomyKey, string[]> {
  const codes = Object.fromEntries(taxonomies.map((taxonomy) => [taxonomy.key, [] as string[]])) as Record<
    TaxonomyKey,
    string[]
  >;
  const ours = new Set(taxonomies.map((taxonomy) => taxonomyId(taxonomy.key)));
  for (const attribute of service.list('attributes')) {
    const id = attribute.uuid('taxonomy_term_id', { required: true });
    if (!id) continue;
    const found = termById(id);
    const claimed = attribute.object.taxonomy_term;
    const taxonomy = isObject(claimed) && typeof claimed.taxonomy_id === 'string' ? claimed.taxonomy_id : '';
    if (found) {
      const list = codes[found.key];
      if (!list.includes(found.term.code)) list.push(found.term.code);
    } else if (ours.has(taxonomy.toLowerCase())) {
      attribute.fail('taxonomy_term_id', 'is not a term of the Hearth taxonomy it names');
    }
    // Terms of other taxonomies are another directory's: Hearth has nowhere to keep them.
  }
  return codes;
}

function readLanguages(service: FieldReader): string[] {
  const codes: string[] = [];
  for (const language of service.list('languages')) {
    const code = language.text('code', { max: 3, min: 2 })?.toLowerCase();
    if (code === undefined) continue;
    if (!/^[a-z]{2,3}$/.test(code)) language.fail('code', 'must be an ISO 639 code, like en or bfi');
    else if (!codes.includes(code)) codes.push(code);
  }
  const given = service.object.languages;
  // None given at all: Hearth's default, English. An empty list stays empty.
  if (Array.isArray(given) && given.length === 0) return [];
  return codes.length ? codes : ['en'];
}

function readService(service: FieldReader, problems: ImportProblem[]): ServiceDraft | undefined {
  const before = problems.length;
  const id = service.uuid('id') ?? randomUUID();
  const name = service.text('name', { required: true, max: 200 });
  const description = service.text('description', { required: true, max: 4000 });
  const url = service.text('url', { max: 500 });
  if (url && !/^https?:\/\/\S+$/.test(url)) service.fail('url', 'must be a web address starting https://');
  const email = service.text('email', { max: 254 });
  if (email && !emailPattern.test(email)) service.fail('email', 'must be an email address');
  const statusText = service.text('status', { required: true, max: 30 });
  const status = statusText === undefined ? undefined : statuses[statusText];
  if (statusText !== undefined && !status)
    service.fail('status', 'must be active, inactive, defunct or temporarily closed');
  const minimumAge = service.number('minimum_age', 0, 120, { integer: true });
  const maximumAge = service.number('maximum_age', 0, 120, { integer: true });
  if (minimumAge !== undefined && maximumAge !== undefined && minimumAge > maximumAge)
    service.fail('minimum_age', 'must not be more than maximum_age');
  const costs = service.list('cost_options');
  const costNote =
    service.text('fees_description', { max: 500 }) ?? costs[0]?.text('amount_description', { max: 500 });
  const free =
    costs.length === 0 ||
    costs.some((cost) => cost.object.amount === 0 || /^free$/i.test(String(cost.object.option ?? '')));
  const hearth = service.child('hearth') ?? new FieldReader(problems, service.service, {}, 'hearth');
  const waitWeeks = hearth.number('wait_weeks', 0, 104, { integer: true });
  const waitUpdatedOn = hearth.date('wait_updated_on');
  if (waitWeeks !== undefined && waitUpdatedOn === undefined)
    hearth.fail('wait_updated_on', 'is needed with wait_weeks');
  const organization = service.child('organization');
  const organisation = {
    id: service.uuid('organization_id') ?? organization?.uuid('id'),
    name: organization?.text('name', { max: 200 }),
  };
  if (!organisation.id && !organisation.name)
    service.fail('organization', 'is needed: an organization_id or name');
  const codes = readAttributes(service);
  const values: Values = {
    id,
    name: name ?? '',
    summary: hearth.text('summary', { max: 300 }) ?? summaryFrom(description ?? ''),
    description: description ?? '',
    url,
    email,
    status,
    minimumAge,
    maximumAge,
    languages: readLanguages(service),
    accessibility: hearth.text('accessibility', { max: 1000 }),
    free,
    costNote,
    howToGetIn: service.text('application_process', { max: 1000 }),
    selfReferral: hearth.boolean('self_referral'),
    whatHappensNext: hearth.text('what_happens_next', { max: 1000 }),
    referralTakes: hearth.text('referral_takes', { max: 1000 }),
    referralNeeds: hearth.text('referral_needs', { max: 1000 }),
    referralExcludes: hearth.text('referral_excludes', { max: 1000 }),
    referralEmail: readReferralEmail(hearth),
    capacityNote: service.text('alert', { max: 500 }),
    waitWeeks,
    waitUpdatedOn,
    lastCheckedOn: service.date('assured_date'),
    updatedAt: readInstant(service, 'last_modified'),
    ...Object.fromEntries(
      taxonomies.map((taxonomy) => [camel(taxonomyColumns[taxonomy.key].column), codes[taxonomy.key]]),
    ),
  };
  const places = readPlaces(service);
  if (problems.length > before) return undefined;
  return { ref: service.service, organisation, values, ...places };
}

function readReferralEmail(hearth: FieldReader): string | undefined {
  const email = hearth.text('referral_email', { max: 254 });
  if (email && !emailPattern.test(email)) return hearth.fail('referral_email', 'must be an email address');
  return email;
}

function readInstant(service: FieldReader, key: string): Date | undefined {
  const value = service.text(key, { max: 40 });
  if (value === undefined) return undefined;
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime()))
    return service.fail(key, 'must be a date and time like 2026-03-31T09:30:00Z');
  return instant;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The services in a file's JSON: an array of services, or an object with them in `services` or `contents`. */
export function readServices(document: unknown): { drafts: ServiceDraft[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const list = Array.isArray(document)
    ? document
    : isObject(document) && Array.isArray(document.services ?? document.contents)
      ? ((document.services ?? document.contents) as unknown[])
      : undefined;
  if (!list) {
    problems.push({
      service: 'the file',
      field: '',
      reason: 'must be a list of services, or hold one in "services"',
    });
    return { drafts: [], problems };
  }
  const drafts: ServiceDraft[] = [];
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const label = isObject(item)
      ? [
          `service ${index + 1}`,
          typeof item.name === 'string' ? `"${item.name}"` : '',
          typeof item.id === 'string' ? `(${item.id})` : '',
        ]
          .filter(Boolean)
          .join(' ')
      : `service ${index + 1}`;
    if (!isObject(item)) {
      problems.push({ service: label, field: '', reason: 'must be an object' });
      return;
    }
    const draft = readService(new FieldReader(problems, label, item), problems);
    if (!draft) return;
    if (seen.has(draft.values.id as string))
      problems.push({ service: label, field: 'id', reason: 'is the id of an earlier service in the file' });
    seen.add(draft.values.id as string);
    drafts.push(draft);
  });
  return { drafts, problems };
}
