import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem } from '../api/apiSchemas.ts';
import { chronologyApi } from '../chronology/chronologyApi.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { hasFamilySearchTerms, searchFamilies } from './familySearch.ts';
import { FamilySearchQuerySchema, FamilySearchSchema } from './searchSchemas.ts';

/** GET /search/families: the family search for API clients, with the page's access rule and audit. */
export const familySearchApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/search/families',
    {
      schema: {
        tags: ['Search'],
        summary: 'Find families by a member’s name, date of birth or postcode, or by reference',
        querystring: FamilySearchQuerySchema,
        response: { 200: FamilySearchSchema, ...badRequestProblem, ...authProblems },
      },
    },
    async (request, reply) => {
      const query = request.query;
      if (!hasFamilySearchTerms(query))
        return sendProblem(
          reply,
          problem(400, 'Give at least one of name (2 letters or more), dateOfBirth, postcode or reference.'),
        );
      if (query.dateOfBirth && query.dateOfBirth > todayInUk(new Date()))
        return sendProblem(
          reply,
          problem(400, 'The date of birth is in the future.', {
            errors: [{ pointer: '#/querystring/dateOfBirth', detail: 'Must be today or earlier' }],
          }),
        );
      const answer = await searchFamilies(db, request.access, query);
      return {
        total: answer.total,
        families: answer.families.map(({ familyId, ...family }) => ({ id: familyId, ...family })),
      };
    },
  );
};

/** The API routes of this part: family search and the chronology (one registration in apiRoutes.ts). */
export const searchChronologyApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, options) => {
  await app.register(familySearchApi, options);
  await app.register(chronologyApi, options);
};
