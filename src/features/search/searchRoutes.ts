import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { chronologyRoutes } from '../chronology/chronologyRoutes.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { searchFamilies } from './familySearch.ts';
import { checkSearchForm, parseSearchForm, searchErrorList } from './searchForm.ts';
import { searchBody } from './searchMarkup.ts';
import { presentSearch } from './searchPresenter.ts';

const template = 'features/search/pages/search.njk';

/** Finding a family: `/practice/search`, a GET form, so results can be bookmarked and work without JavaScript. */
export function searchRoutes(app: FastifyInstance, db: Db): void {
  app.get('/practice/search', { preHandler: requireRole(...practiceRoles) }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const form = parseSearchForm(query);
    const now = new Date();
    // A first visit shows the form; pressing Search with nothing filled in says what to enter.
    const submitted = Object.keys(query).length > 0;
    if (!submitted) return reply.page(template, { body: searchBody(presentSearch(form, undefined, now)) });
    const checked = checkSearchForm(form, todayInUk(now));
    if (!checked.ok)
      return reply.code(400).page(template, {
        body: searchBody(presentSearch(form, undefined, now), checked.errors),
        errorList: searchErrorList(checked.errors, checked.errorParts),
      });
    const answer = await searchFamilies(db, request.access, checked.query);
    return reply.page(template, { body: searchBody(presentSearch(form, answer, now)) });
  });
}

/** The pages of this part: family search and the chronology (one call from app.ts). */
export function searchAndChronologyRoutes(app: FastifyInstance, db: Db): void {
  searchRoutes(app, db);
  chronologyRoutes(app, db);
}
