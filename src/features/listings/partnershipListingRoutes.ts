import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { problemKindNames } from './listingPresenter.ts';
import { PartnershipListingRepository } from './partnershipListingRepository.ts';

const lead = { preHandler: requireRole('partnership_lead') };

/** The partnership lead's read of the area's listings, and reminders to check them. */
export function partnershipListingRoutes(app: FastifyInstance, db: Db): void {
  app.get('/partnership/directory', lead, async (request, reply) => {
    const { show, reminded } = request.query as { show?: string; reminded?: string };
    const outOfDateOnly = show === 'out-of-date';
    const repo = new PartnershipListingRepository(db, request.access);
    const listings = await repo.listings({ outOfDateOnly });
    const remindedName = reminded ? listings.find((l) => l.id === reminded)?.name : undefined;
    return reply.page('features/listings/pages/partnershipDirectory.njk', {
      outOfDateOnly,
      listings,
      counts: await repo.countsByOrganisation(),
      problems: (await repo.openProblems()).map((p) => ({ ...p, kindName: problemKindNames[p.kind] })),
      reminded: remindedName,
      showOrganisation: true,
    });
  });

  app.post('/partnership/directory/:serviceId/remind', lead, async (request, reply) => {
    const serviceId = idParam(request.params, 'serviceId');
    const sent = await new PartnershipListingRepository(db, request.access).sendReminder(serviceId);
    if (!sent) throw new NotFoundError();
    const { show } = (request.body ?? {}) as { show?: string };
    const filter = show === 'out-of-date' ? 'show=out-of-date&' : '';
    return reply.redirect(`/partnership/directory?${filter}reminded=${serviceId}`, 303);
  });
}
