import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem } from '../api/apiSchemas.ts';
import { presentFamilyDetailBody, presentFamilyListBody } from './familyApiPresenter.ts';
import { FamilyRepository } from './familyRepository.ts';
import {
  defaultFamilyPageSize,
  FamilyDetailSchema,
  FamilyListQuery,
  FamilyListSchema,
  FamilyParams,
} from './familySchemas.ts';

/** GET /families and /families/{familyId} for API clients; the repository filters and audits as for pages. */
export const familyApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/families',
    {
      schema: {
        tags: ['Families'],
        summary: 'List the open families on your organisation’s caseload',
        querystring: FamilyListQuery,
        response: { 200: FamilyListSchema, ...badRequestProblem, ...authProblems },
      },
    },
    async (request) => {
      const { limit = defaultFamilyPageSize, offset = 0 } = request.query;
      const result = await new FamilyRepository(db, request.access).list({ limit, offset });
      return presentFamilyListBody(result, { limit, offset });
    },
  );

  app.get(
    '/families/:familyId',
    {
      schema: {
        tags: ['Families'],
        summary: 'One family: its members and the team around it',
        params: FamilyParams,
        response: { 200: FamilyDetailSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const detail = await new FamilyRepository(db, request.access).get(request.params.familyId);
      // The same answer whether the family does not exist or is not this organisation's to see.
      if (!detail)
        return sendProblem(reply, problem(404, 'There is no family with this id that you may see.'));
      return presentFamilyDetailBody(detail);
    },
  );
};
