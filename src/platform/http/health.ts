import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client.ts';

/** GET /health: 200 when the app and its database answer, 503 naming the failing part otherwise. */
export function setUpHealth(app: FastifyInstance, database: Database): void {
  app.get('/health', { logLevel: 'warn' }, async (_request, reply) => {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), 2000).unref(),
    );
    try {
      await Promise.race([database.ping(), timeout]);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: 'ok' });
    } catch {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .send({ status: 'unavailable', database: 'unavailable' });
    }
  });
}
