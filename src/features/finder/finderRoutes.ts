// The public "Find support" finder: no sign-in, no cookies, no session, and
// no search terms in any URL (searches are POSTed). See docs/guide/find-support.md.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import type { DirectorySnapshots } from '../directory/directorySnapshot.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { finderPage, refusedByLimit, renderResultsPage, sendFinderPage } from './finderRender.ts';
import { resultsContext } from './finderResults.ts';
import { placeIn, searchAnywhereIn, searchLocalIn } from './finderSearch.ts';
import { serviceRoutes } from './finderServiceRoutes.ts';
import { RateLimit } from './rateLimit.ts';
import { checkSearchForm, parseSearchForm, type SearchForm, searchFieldOrder } from './searchForm.ts';
import { type AreaChoice, lookUpPostcode, type Place } from './searchRepository.ts';
import { selfReferralRoutes } from './selfReferralRoutes.ts';

export interface FinderLimits {
  /** Searches (and narrowing, sorting, paging) a client address may POST a minute. */
  searchesPerMinute: number;
  /** Self-referrals and problem reports a client address may send a minute. */
  sendsPerMinute: number;
}

export const defaultFinderLimits: FinderLimits = { searchesPerMinute: 60, sendsPerMinute: 10 };

const areaItems = (areas: AreaChoice[], chosen: string) => [
  { value: '', text: 'Choose an area', selected: !chosen },
  ...areas.map((a) => ({ value: a.value, text: a.text, selected: a.value === chosen })),
];

function searchPage(
  reply: FastifyReply,
  areas: AreaChoice[],
  form: Pick<SearchForm, 'postcode' | 'area'>,
  errors: FieldErrors = {},
  unknownPostcode?: string,
) {
  return finderPage(reply, 'search.njk', {
    form: { postcode: form.postcode.slice(0, 20), area: form.area },
    errors,
    errorList: errorList(errors, searchFieldOrder),
    areaItems: areaItems(areas, form.area),
    unknownPostcode,
  });
}

export function finderRoutes(
  app: FastifyInstance,
  db: Db,
  limits: FinderLimits,
  mailer: Mailer,
  directory: DirectorySnapshots,
): void {
  const searches = new RateLimit(limits.searchesPerMinute);
  const sends = new RateLimit(limits.sendsPerMinute);

  app.register(
    async (finder) => {
      // Errors and unknown addresses get finder pages too: no cookie, no session, no stack trace.
      finder.setNotFoundHandler((_request, reply) =>
        finderPage(reply.code(404), 'notFound.njk', { pageTitle: 'Page not found' }),
      );
      finder.setErrorHandler((error: FastifyError, request, reply) => {
        const status =
          error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
        if (status >= 500)
          request.log.error({ err: { type: error.name, stack: error.stack } }, 'request failed');
        if (status === 404)
          return finderPage(reply.code(404), 'notFound.njk', { pageTitle: 'Page not found' });
        return finderPage(reply.code(status), 'problem.njk', {
          pageTitle: 'Sorry, there is a problem',
          status,
        });
      });

      finder.get('/', async (_request, reply) =>
        searchPage(reply, (await directory.get()).areaChoices, { postcode: '', area: '' }),
      );

      finder.post('/', async (request, reply) => {
        if (refusedByLimit(searches, request, reply)) return reply;
        const form = parseSearchForm(request.body);
        const checked = checkSearchForm(form);
        const snapshot = await directory.get();
        const areas = snapshot.areaChoices;
        if (!checked.ok) return searchPage(reply.code(400), areas, form, checked.errors);
        const { search, errors } = checked;
        const where = search.where;
        let placeName: string;
        let place: Place | undefined;
        if (where.kind === 'postcode') {
          // The snapshot holds every place unless there are very many full postcodes: then ask.
          const known = placeIn(snapshot, where.postcode.value, where.postcode.outcode);
          place =
            known === undefined
              ? await lookUpPostcode(db, where.postcode.value, where.postcode.outcode)
              : (known ?? undefined);
          if (!place)
            return searchPage(
              reply,
              areas,
              { postcode: where.postcode.value, area: '' },
              {},
              where.postcode.value,
            );
          placeName = where.postcode.value;
        } else {
          const area = areas.find((a) => a.value === form.area);
          if (!area)
            return searchPage(reply.code(400), areas, form, { area: 'Choose an area from the list' });
          placeName = area.text.replace(' (all of it)', '');
        }
        const local = searchLocalIn(snapshot, search, place);
        const anywhere = search.page === 1 ? searchAnywhereIn(snapshot, search) : [];
        return sendFinderPage(
          reply.code(Object.keys(errors).length ? 400 : 200),
          renderResultsPage(resultsContext({ form, search, errors, placeName, local, anywhere })),
        );
      });

      serviceRoutes(finder, db, sends, mailer);
    },
    { prefix: '/find-support' },
  );

  selfReferralRoutes(app, db);
}
