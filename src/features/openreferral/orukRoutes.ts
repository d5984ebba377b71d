// The Open Referral UK API under /openreferral: open GETs anyone may call,
// from any website (Access-Control-Allow-Origin: * on every response, errors
// and unknown addresses included), answering JSON or RFC 9457 problems.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import type { DirectorySnapshots } from '../directory/directorySnapshot.ts';
import { taxonomies, taxonomyId, termById } from '../directory/vocabulary.ts';
import { orukOpenApi, profileUrl } from './orukOpenApi.ts';
import { nestedService, serviceAtLocationSummary, taxonomyJson, termJson } from './orukPresenter.ts';
import {
  type Parsed,
  parsePagingQuery,
  parseServiceAtLocationQuery,
  parseServiceQuery,
  parseTermQuery,
  uuidPattern,
} from './orukQuery.ts';
import { findPlace, findServiceAtLocations, loadBundle } from './orukRepository.ts';
import { cachedSummary, findServicesIn } from './orukServices.ts';
import { type Paging, pageOf } from './paging.ts';

export const orukPrefix = '/openreferral';

function badQuery(reply: FastifyReply, errors: { pointer: string; detail: string }[]) {
  const names = errors.map((error) => error.pointer.replace('#/query/', '')).join(', ');
  return sendProblem(reply, problem(400, `Check the query parameters: ${names}.`, { errors }));
}

function notFound(reply: FastifyReply, what: string) {
  return sendProblem(reply, problem(404, `There is no ${what} with that id.`));
}

/** Parses the query, or answers 400 and gives undefined. */
function parsed<T>(reply: FastifyReply, result: Parsed<T>): T | undefined {
  if (result.ok) return result.value;
  badQuery(reply, result.errors);
  return undefined;
}

function slice<T>(all: T[], paging: Paging) {
  const start = (paging.page - 1) * paging.perPage;
  return pageOf(all.slice(start, start + paging.perPage), all.length, paging);
}

const allTerms = () => taxonomies.flatMap((taxonomy) => taxonomy.terms.map((term) => ({ taxonomy, term })));

function openApiUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${orukPrefix}/openapi.json`;
}

async function openReferralApi(
  api: FastifyInstance,
  options: { db: Db; directory: DirectorySnapshots },
): Promise<void> {
  const { db, directory } = options;
  api.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  api.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, problem(404, 'There is nothing at this address.')),
  );
  api.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500)
      request.log.error({ err: { type: error.name, stack: error.stack } }, 'open referral request failed');
    return sendProblem(reply, problem(status, status === 500 ? undefined : 'The request could not be read.'));
  });

  api.options('/*', async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, OPTIONS')
      .header('access-control-max-age', '86400')
      .send(),
  );

  api.get('/', async (request) => ({
    version: 'HSDS-UK-3.0',
    profile: profileUrl,
    openapi_url: openApiUrl(request),
  }));

  api.get('/openapi.json', async () => orukOpenApi);

  api.get('/services', async (request, reply) => {
    const query = parsed(reply, parseServiceQuery(request.query as Record<string, unknown>));
    if (!query) return reply;
    const { rows, total } = findServicesIn(await directory.get(), query.filters, query.paging);
    return pageOf(rows.map(cachedSummary), total, query.paging);
  });

  api.get('/services/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const bundle = uuidPattern.test(id) ? await loadBundle(db, id.toLowerCase()) : undefined;
    if (!bundle) return notFound(reply, 'service');
    return nestedService(bundle);
  });

  api.get('/service_at_locations', async (request, reply) => {
    const query = parsed(reply, parseServiceAtLocationQuery(request.query as Record<string, unknown>));
    if (!query) return reply;
    const place = query.place.postcode ? await findPlace(db, query.place.postcode) : null;
    if (query.place.postcode && !place)
      return badQuery(reply, [
        {
          pointer: '#/query/postcode',
          detail: 'We do not know where that postcode is. Check it, or try the first half.',
        },
      ]);
    const { rows, total } = await findServiceAtLocations(
      db,
      query.filters,
      place ?? null,
      query.place,
      query.paging,
    );
    return pageOf(rows.map(serviceAtLocationSummary), total, query.paging);
  });

  api.get('/taxonomies', async (request, reply) => {
    const query = parsed(reply, parsePagingQuery(request.query as Record<string, unknown>));
    if (!query) return reply;
    return slice(taxonomies.map(taxonomyJson), query.paging);
  });

  api.get('/taxonomies/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const taxonomy = taxonomies.find((candidate) => taxonomyId(candidate.key) === id.toLowerCase());
    if (!taxonomy) return notFound(reply, 'taxonomy');
    return {
      ...taxonomyJson(taxonomy),
      taxonomy_terms: taxonomy.terms.map((term) => termJson(taxonomy, term)),
    };
  });

  api.get('/taxonomy_terms', async (request, reply) => {
    const query = parsed(reply, parseTermQuery(request.query as Record<string, unknown>));
    if (!query) return reply;
    const terms = allTerms().filter(
      ({ taxonomy }) => query.taxonomyId === null || taxonomyId(taxonomy.key) === query.taxonomyId,
    );
    return slice(
      terms.map(({ taxonomy, term }) => termJson(taxonomy, term)),
      query.paging,
    );
  });

  api.get('/taxonomy_terms/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = termById(id);
    const taxonomy = found && taxonomies.find((candidate) => candidate.key === found.key);
    if (!found || !taxonomy) return notFound(reply, 'taxonomy term');
    return termJson(taxonomy, found.term);
  });
}

/** Registers the Open Referral UK API under /openreferral. */
export async function openReferralRoutes(
  app: FastifyInstance,
  db: Db,
  directory: DirectorySnapshots,
): Promise<void> {
  await app.register(openReferralApi, { prefix: orukPrefix, db, directory });
}
