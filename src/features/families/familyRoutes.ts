import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { familyOverviewBody } from './familyOverviewMarkup.ts';
import { presentFamilyOverview } from './familyOverviewPresenter.ts';
import { loadFamilyOverview } from './familyOverviewService.ts';
import { presentFamilyList } from './familyPresenter.ts';
import { FamilyRepository } from './familyRepository.ts';

const pageSize = 25;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Practice pages: the organisation's families and a family's overview. */
export function familyRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice', practice, async (request, reply) => {
    const page = Math.max(1, Number.parseInt((request.query as Record<string, string>).page ?? '1', 10) || 1);
    const families = new FamilyRepository(db, request.access);
    const result = await families.list({ limit: pageSize, offset: (page - 1) * pageSize });
    return reply.page('features/families/pages/familyList.njk', presentFamilyList(result, page, pageSize));
  });

  app.get('/practice/families/:familyId', practice, async (request, reply) => {
    const { familyId } = request.params as { familyId: string };
    if (!uuidPattern.test(familyId)) throw new NotFoundError();
    const today = new Date();
    const overview = await loadFamilyOverview(db, request.access, familyId, today);
    const body = familyOverviewBody(presentFamilyOverview(overview, today));
    return reply.page('features/families/pages/familyOverview.njk', { body });
  });
}
