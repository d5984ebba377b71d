// Hearth's own OpenAPI document for its Open Referral UK endpoints, served at
// /openreferral/openapi.json. It describes what this server does; the data
// shapes are those of the Open Referral UK profile, linked by address.
import { maxPerPage } from './paging.ts';

export const profileUrl = 'https://github.com/openreferral/uk-profile';
const schemaBase = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema';

const page = (name: string, description: string) => ({ name, in: 'query', required: false, description });
const integer = (name: string, description: string, minimum: number, maximum?: number) => ({
  ...page(name, description),
  schema: { type: 'integer', minimum, ...(maximum ? { maximum } : {}) },
});
const text = (name: string, description: string, format?: string) => ({
  ...page(name, description),
  schema: { type: 'string', ...(format ? { format } : {}) },
});

const paging = [
  integer('page', 'Page number, from 1.', 1),
  integer('per_page', `Results on a page, from 1 to ${maxPerPage}. 50 when not given.`, 1, maxPerPage),
];
const serviceFilters = [
  text('search', 'Words to find in the service’s name or description (any case).'),
  text('taxonomy_term_id', 'Only services with this term (an id from /taxonomy_terms).', 'uuid'),
  text('taxonomy_id', 'Only services with any term of this taxonomy (an id from /taxonomies).', 'uuid'),
  {
    ...page('minimum_age', 'Only services whose minimum age is this or more.'),
    schema: { type: 'number', minimum: 0, maximum: 120 },
  },
  {
    ...page('maximum_age', 'Only services whose maximum age is this or less.'),
    schema: { type: 'number', minimum: 0, maximum: 120 },
  },
];

const pageSchema = (items: string) => ({
  type: 'object',
  required: [
    'total_items',
    'total_pages',
    'page_number',
    'size',
    'first_page',
    'last_page',
    'empty',
    'contents',
  ],
  properties: {
    total_items: { type: 'integer' },
    total_pages: { type: 'integer' },
    page_number: { type: 'integer' },
    size: { type: 'integer' },
    first_page: { type: 'boolean' },
    last_page: { type: 'boolean' },
    empty: { type: 'boolean' },
    contents: { type: 'array', items: { $ref: `${schemaBase}/${items}` } },
  },
});

const json = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = {
  description: 'An RFC 9457 problem: what was wrong, naming the parameter.',
  content: { 'application/problem+json': { schema: { type: 'object' } } },
};
const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}’s id.`,
  schema: { type: 'string', format: 'uuid' },
});

export const orukOpenApi = {
  openapi: '3.0.3',
  info: {
    title: 'Hearth service directory (Open Referral UK)',
    version: '1.0.0',
    description:
      'Family support services in this Hearth, published to the Open Referral UK profile of HSDS 3.0. ' +
      'Every endpoint is an open GET: no sign-in, and Access-Control-Allow-Origin: * on every response.',
  },
  servers: [{ url: '/openreferral', description: 'This Hearth' }],
  paths: {
    '/': {
      get: {
        summary: 'About this API',
        operationId: 'getAPIMetaInformation',
        responses: {
          200: json('The HSDS version, the profile and this document’s address.', {
            type: 'object',
            properties: {
              version: { type: 'string' },
              profile: { type: 'string', format: 'uri' },
              openapi_url: { type: 'string', format: 'uri' },
            },
          }),
        },
      },
    },
    '/services': {
      get: {
        summary: 'Active services, a page at a time, by name',
        operationId: 'getPaginatedListOfServices',
        parameters: [...serviceFilters, ...paging],
        responses: {
          200: json('A page of services.', pageSchema('compiled/service_list.json')),
          400: problem,
        },
      },
    },
    '/services/{id}': {
      get: {
        summary: 'A service with everything about it',
        operationId: 'getFullyNestedServiceById',
        parameters: [idParameter('service')],
        responses: {
          200: json('The service.', { $ref: `${schemaBase}/compiled/service.json` }),
          404: problem,
        },
      },
    },
    '/service_at_locations': {
      get: {
        summary: 'Services at their places, nearest a postcode first when one is given',
        operationId: 'getPaginatedListOfServiceAtLocation',
        parameters: [
          ...serviceFilters,
          text('postcode', 'A UK postcode or outcode; only services whose areas cover it.'),
          {
            ...page('proximity', 'Only places within this many metres of the postcode’s centre.'),
            schema: { type: 'number', minimum: 1, maximum: 1_000_000 },
          },
          ...paging,
        ],
        responses: {
          200: json('A page of services at locations.', pageSchema('compiled/service_at_location_list.json')),
          400: problem,
        },
      },
    },
    '/taxonomies': {
      get: {
        summary: 'Hearth’s taxonomies',
        operationId: 'getPaginatedListOfTaxonomies',
        parameters: paging,
        responses: { 200: json('A page of taxonomies.', pageSchema('taxonomy.json')), 400: problem },
      },
    },
    '/taxonomies/{id}': {
      get: {
        summary: 'A taxonomy with its terms',
        operationId: 'getTaxonomyById',
        parameters: [idParameter('taxonomy')],
        responses: { 200: json('The taxonomy.', { $ref: `${schemaBase}/taxonomy.json` }), 404: problem },
      },
    },
    '/taxonomy_terms': {
      get: {
        summary: 'The terms of Hearth’s taxonomies',
        operationId: 'getPaginatedListOfTaxonomyTerms',
        parameters: [text('taxonomy_id', 'Only the terms of this taxonomy.', 'uuid'), ...paging],
        responses: { 200: json('A page of terms.', pageSchema('taxonomy_term.json')), 400: problem },
      },
    },
    '/taxonomy_terms/{id}': {
      get: {
        summary: 'A taxonomy term',
        operationId: 'getTaxonomyTermById',
        parameters: [idParameter('term')],
        responses: { 200: json('The term.', { $ref: `${schemaBase}/taxonomy_term.json` }), 404: problem },
      },
    },
  },
};
