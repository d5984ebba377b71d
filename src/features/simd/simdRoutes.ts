import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { currentQuintileCounts, simdEditions } from './simdStore.ts';

const number = (n: number) => n.toLocaleString('en-GB');

export const quintileNames = ['1 (most deprived)', '2', '3', '4', '5 (least deprived)'] as const;

/**
 * The deprivation lookup loaded: its current edition, when it was loaded and
 * its postcodes by quintile, for partnership leads (under Partnership) and
 * system admins (under Admin). Postcodes, not people: nothing to suppress.
 */
export function simdRoutes(app: FastifyInstance, db: Db): void {
  const show = async (reply: FastifyReply, section: 'partnership' | 'admin') => {
    const editions = (await simdEditions(db)).map((e) => ({ ...e, postcodesText: number(e.postcodes) }));
    const byQuintile = new Map((await currentQuintileCounts(db)).map((c) => [c.quintile, c.postcodes]));
    return reply.page('features/simd/pages/deprivation.njk', {
      section,
      current: editions.find((e) => e.isCurrent),
      earlier: editions.filter((e) => !e.isCurrent),
      quintiles: quintileNames.map((name, i) => ({
        name,
        postcodesText: number(byQuintile.get(i + 1) ?? 0),
      })),
    });
  };
  app.get('/partnership/deprivation', { preHandler: requireRole('partnership_lead') }, (_request, reply) =>
    show(reply, 'partnership'),
  );
  app.get('/admin/deprivation', { preHandler: requireRole('system_admin') }, (_request, reply) =>
    show(reply, 'admin'),
  );
}
