import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authProblems, MeSchema } from './apiSchemas.ts';
import type { ApiTokenService } from './apiTokenService.ts';

/** GET /me: lets a client check its token works and see what it acts as. */
export const meApi: FastifyPluginAsyncTypebox<{ tokens: ApiTokenService }> = async (app, { tokens }) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['Token'],
        summary: 'The token you are using and the organisation it acts for',
        response: { 200: MeSchema, ...authProblems },
      },
    },
    async (request) => {
      const me = await tokens.describe(request.access);
      // The bearer hook has just resolved this token, so it exists.
      if (!me) throw new Error('resolved API token not found');
      return me;
    },
  );
};
