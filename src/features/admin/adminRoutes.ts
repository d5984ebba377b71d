import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../platform/auth/authHooks.ts';
import type { Services } from '../../services.ts';
import { listingBannerFor } from '../listings/listingRoutes.ts';
import { adminRoles } from './adminAccess.ts';
import { auditSearchRoutes } from './auditSearchRoutes.ts';
import { invitationRoutes } from './invitationRoutes.ts';
import { InvitationService } from './invitationService.ts';
import { userAdminRoutes } from './userAdminRoutes.ts';
import { UserAdminService } from './userAdminService.ts';

/** The Admin section for organisation and system admins, and the invitation page invited people open. */
export function adminRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin', { preHandler: requireRole(...adminRoles) }, async (request, reply) =>
    reply.page('features/admin/pages/adminIndex.njk', {
      listingBanner: await listingBannerFor(services.db, request),
    }),
  );
  userAdminRoutes(app, new UserAdminService(services.db, services.sessions));
  invitationRoutes(app, new InvitationService(services.db, services.sessions));
  auditSearchRoutes(app, services.db);
}
