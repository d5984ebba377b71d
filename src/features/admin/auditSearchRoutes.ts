import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { adminRoles, isSystemAdmin } from './adminAccess.ts';
import { parseAuditSearch } from './auditSearchForm.ts';
import { pageSize, presentAuditSearch } from './auditSearchPresenter.ts';
import { AuditSearchRepository } from './auditSearchRepository.ts';

/** The audit trail search. Filters come in the query string so a search can be bookmarked and shared. */
export function auditSearchRoutes(app: FastifyInstance, db: Db): void {
  app.get('/admin/audit', { preHandler: requireRole(...adminRoles) }, async (request, reply) => {
    const search = parseAuditSearch(request.query);
    const trail = new AuditSearchRepository(db, request.access);
    const [organisations, users, actions] = await Promise.all([
      trail.organisations(),
      trail.users(search.filters),
      trail.actions(search.filters),
    ]);
    const valid = Object.keys(search.errors).length === 0;
    // A search with a wrong filter is not run: showing unfiltered events instead would mislead.
    const result = valid
      ? await trail.search(search.filters, { limit: pageSize, offset: (search.page - 1) * pageSize })
      : undefined;
    return reply.code(valid ? 200 : 400).page(
      'features/admin/pages/auditSearch.njk',
      presentAuditSearch({
        search,
        systemAdmin: isSystemAdmin(request.access),
        organisations,
        users,
        actions,
        result,
      }),
    );
  });
}
