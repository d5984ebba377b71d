import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { ListingPartsRepository } from './listingPartsRepository.ts';
import { presentSummary, problemKindNames } from './listingPresenter.ts';
import { areaScopeNames, weekdayNames } from './partForms.ts';
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

  app.get('/partnership/directory/:serviceId', lead, async (request, reply) => {
    const serviceId = idParam(request.params, 'serviceId');
    const repo = new PartnershipListingRepository(db, request.access);
    const service = await repo.listing(serviceId);
    if (!service) throw new NotFoundError();
    // Phones, areas and times hang off the service, which is now known to be in the area.
    const parts = new ListingPartsRepository(db, request.access);
    const areas = await parts.areas(service.id);
    return reply.page('features/listings/pages/partnershipListing.njk', {
      service,
      summary: presentSummary(service, { forPartnership: true }),
      places: await repo.places(service.id),
      areas: areas.map((a) => ({ ...a, scopeName: areaScopeNames[a.scope as keyof typeof areaScopeNames] })),
      phones: await parts.phones(service.id),
      times: (await parts.schedules(service.id)).map((t) => ({ ...t, day: weekdayNames[t.weekday - 1] })),
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
