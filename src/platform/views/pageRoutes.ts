import type { FastifyInstance } from 'fastify';

/** Pages everyone can read: the accessibility statement and the privacy notice. */
export function pageRoutes(app: FastifyInstance): void {
  app.get('/accessibility', async (_request, reply) => reply.page('platform/views/pages/accessibility.njk'));
  app.get('/privacy', async (_request, reply) => reply.page('platform/views/pages/privacy.njk'));
}
